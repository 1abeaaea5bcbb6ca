import type { Knex } from 'knex';
import type { OnboardingInstitution } from '../domain/onboarding.js';

/** One row per institution: decree in force, admin, units with and without a liaison, first decree. */
export async function onboardingRows(knex: Knex): Promise<OnboardingInstitution[]> {
  const { rows } = (await knex.raw(`
    select i.code, i.name, i.kind, i.province_code,
           (d.id is not null and i.status = 'active') as registered,
           d.number as decree_number,
           exists (select 1 from officers o where o.institution_id = i.id and o.role = 'admin' and o.active_to is null) as has_admin,
           (select count(*) from units u where u.institution_id = i.id and u.active)::int as units,
           (select count(*) from units u where u.institution_id = i.id and u.active
              and exists (select 1 from officers o where o.unit_id = u.id and o.role = 'liaison' and o.active_to is null))::int as units_with_liaison,
           f.number as first_number, f.received_at as first_received_at
    from institutions i
    left join decrees d on d.institution_id = i.id and d.superseded_by is null
    left join lateral (
      select x.number, x.received_at from decrees x where x.institution_id = i.id order by x.decree_date, x.id limit 1
    ) f on true
    order by i.code`)) as { rows: Record<string, unknown>[] };
  return rows.map((r) => ({
    code: r.code as string,
    name: r.name as string,
    kind: r.kind as OnboardingInstitution['kind'],
    provinceCode: (r.province_code as string | null) ?? null,
    registered: r.registered === true,
    decreeNumber: (r.decree_number as string | null) ?? null,
    hasAdmin: r.has_admin === true,
    units: Number(r.units),
    unitsWithLiaison: Number(r.units_with_liaison),
    firstDecreeNumber: (r.first_number as string | null) ?? null,
    firstReceivedAt: (r.first_received_at as string | null) ?? null,
  }));
}
