import type { Knex } from 'knex';
import { chooseRoute, type RouteRule } from '../domain/dispatch-routing.js';
import { DataError } from '../errors.js';
import { unknownInstitutionError } from './institution-code.js';

export interface RouteRow extends RouteRule {
  institutionCode: string;
  institutionName: string;
  createdBy: string | null;
  createdAt: Date;
}

export async function listRoutes(knex: Knex): Promise<RouteRow[]> {
  const rows = await knex('routing_rules as r').join('institutions as i', 'i.id', 'r.institution_id')
    .orderBy([{ column: 'r.priority' }, { column: 'r.id' }])
    .select('r.*', { code: 'i.code', name: 'i.name' });
  return rows.map((r: Record<string, any>) => ({
    id: r.id, regionCode: r.region_code, category: r.category, institutionId: r.institution_id, priority: r.priority,
    institutionCode: r.code, institutionName: r.name, createdBy: r.created_by, createdAt: new Date(r.created_at),
  }));
}

export async function addRoute(knex: Knex, r: { regionCode: string | null; category: string | null; institution: string; priority: number; createdBy: string }): Promise<RouteRow> {
  const inst = await knex('institutions').where({ code: r.institution }).first('id', 'code', 'name');
  if (!inst) throw await unknownInstitutionError(knex, r.institution);
  const same = await knex('routing_rules')
    .whereRaw('region_code is not distinct from ?', [r.regionCode])
    .whereRaw('lower(category) is not distinct from lower(?)', [r.category])
    .where({ institution_id: inst.id }).first('id');
  if (same) throw new DataError(`the same rule exists already (#${same.id})`);
  const [row] = await knex('routing_rules').insert({
    region_code: r.regionCode, category: r.category, institution_id: inst.id, priority: r.priority, created_by: r.createdBy,
  }).returning('*');
  return {
    id: row.id, regionCode: row.region_code, category: row.category, institutionId: row.institution_id, priority: row.priority,
    institutionCode: inst.code, institutionName: inst.name, createdBy: row.created_by, createdAt: new Date(row.created_at),
  };
}

export async function removeRoute(knex: Knex, id: number): Promise<void> {
  const gone = await knex('routing_rules').where({ id }).delete().returning('id');
  if (gone.length === 0) throw new DataError(`no routing rule #${id} (see \`lapor route list\`)`);
}

export interface Suggestion {
  trackingId: string;
  regionCode: string | null;
  category: string | null;
  institutionCode: string | null;
  ruleId: number | null;
  why: string;
}

/** `dispatch suggest`: a proposal for every received complaint, from the routing rules. */
export async function suggestDispatch(knex: Knex, opts: { limit?: number } = {}): Promise<Suggestion[]> {
  const rules = await listRoutes(knex);
  const q = knex('complaints').where({ status: 'received' }).orderBy(['received_at', 'id'])
    .select('tracking_id', 'region_code', 'category');
  if (opts.limit) q.limit(opts.limit);
  const byId = new Map(rules.map((r) => [r.id, r]));
  return (await q).map((c: Record<string, any>) => {
    const rule = chooseRoute(rules, { regionCode: c.region_code, category: c.category });
    const r = rule ? byId.get(rule.id)! : undefined;
    return {
      trackingId: c.tracking_id,
      regionCode: c.region_code,
      category: c.category,
      institutionCode: r?.institutionCode ?? null,
      ruleId: r?.id ?? null,
      why: r ? `rule #${r.id} (region ${r.regionCode ?? '*'}, category ${r.category ?? '*'})` : 'no rule matches',
    };
  });
}
