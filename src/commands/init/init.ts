import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { migrateLatest } from '../../db/migrate.js';
import { replaceHolidayYears, rebuildCalendarDays } from '../../db/calendar.js';
import { ensureSuperAdmin, countSuperAdmins, upsertReferenceInstitutions } from '../../db/reference.js';
import { parseMinistries, parseRegions } from '../../domain/reference-csv.js';
import { parseHolidayCsv } from '../../domain/holiday-csv.js';
import { yearOf, localDate } from '../../domain/time.js';
import { fixture } from '../../paths.js';
import { withTransaction } from '../../db/tx.js';
import type { Db } from '../../db/engine.js';
import { NotPermittedError, UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { emitResultJson } from '../../cli/output/index.js';
import { fmt, L, t, type Lang } from '../../i18n/index.js';

export const SHIPPED_HOLIDAY_SOURCE = 'SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama 2015–2026 (shipped list, fixtures/SOURCES.md)';

export interface InitResult {
  database: string;
  migrationsApplied: string[];
  institutionsAdded: number;
  holidayYearsAdded: number[];
  superAdmin: { username: string; created: boolean } | null;
  superAdmins: number;
}

/** Migrates, loads the reference data shipped in fixtures/, creates the first super_admin. Idempotent. */
export async function runInit(db: Db, opts: { admin?: string; today: string; actor?: string }): Promise<InitResult> {
  const migrationsApplied = await migrateLatest(db.knex);
  const regions = parseRegions(fs.readFileSync(fixture('wilayah.csv'), 'utf8'));
  const ministries = parseMinistries(fs.readFileSync(fixture('kementerian_lembaga.csv'), 'utf8'));
  const holidays = parseHolidayCsv(fs.readFileSync(fixture('hari_libur.csv'), 'utf8')).holidays;
  return withTransaction(db.knex, async (trx) => {
    const institutionsAdded = await upsertReferenceInstitutions(trx, [...regions, ...ministries]);
    // Only years the calendar has never seen: a later `calendar import` of an amended SKB is kept.
    const known = new Set((await trx('calendar_years').pluck('year')) as number[]);
    const fresh = holidays.filter((h) => !known.has(yearOf(h.date)));
    let holidayYearsAdded: number[] = [];
    if (fresh.length > 0) holidayYearsAdded = (await replaceHolidayYears(trx, fresh, SHIPPED_HOLIDAY_SOURCE)).years;
    const days = await trx('calendar_days').count({ n: '*' }).first();
    if (Number(days?.n ?? 0) === 0) await rebuildCalendarDays(trx);
    // The first super_admin is created by whoever runs init; every later one needs an acting
    // super_admin (--as), or init --admin would hand anyone the keys.
    if (opts.admin && (await countSuperAdmins(trx)) > 0) {
      const existing = await trx('officers').where({ username: opts.admin }).first('role');
      if (!existing) {
        const actor = await requireActor(trx, opts.actor).catch((err: Error) => {
          throw new NotPermittedError(`this database already has a super_admin: creating another (${opts.admin}) needs an acting super_admin (--as USERNAME)`, [err.message]);
        });
        if (actor.role !== 'super_admin') {
          throw new NotPermittedError(`${actor.role} '${actor.username}' may not create a super_admin; only a super_admin may`);
        }
      }
    }
    const superAdmin = opts.admin ? await ensureSuperAdmin(trx, opts.admin, opts.today) : null;
    return {
      database: db.describe,
      migrationsApplied,
      institutionsAdded,
      holidayYearsAdded,
      superAdmin,
      superAdmins: await countSuperAdmins(trx),
    };
  });
}

/** What init did, a line for each part, in the run's language (`--format json` is the form for scripts). */
export function describeInit(r: InitResult, lang: Lang): string[] {
  const lines: string[] = [];
  const changed = r.migrationsApplied.length > 0 || r.institutionsAdded > 0 || r.holidayYearsAdded.length > 0 ||
    r.superAdmin?.created === true;
  lines.push(fmt(L.init_database, lang, { db: r.database }));
  lines.push(r.migrationsApplied.length ? fmt(L.init_migrations_applied, lang, { names: r.migrationsApplied.join(', ') }) : t(L.init_schema_up_to_date, lang));
  lines.push(r.institutionsAdded ? fmt(L.init_institutions_added, lang, { n: r.institutionsAdded }) : t(L.init_institutions_loaded, lang));
  lines.push(r.holidayYearsAdded.length ? fmt(L.init_holidays_loaded_for, lang, { years: r.holidayYearsAdded.join(', ') }) : t(L.init_holidays_loaded, lang));
  if (r.superAdmin) {
    lines.push(fmt(r.superAdmin.created ? L.init_super_admin_created : L.init_super_admin_present, lang, { username: r.superAdmin.username }));
  } else if (r.superAdmins === 0) lines.push(t(L.init_no_super_admin, lang));
  if (!changed) lines.push(t(L.init_nothing_to_do, lang));
  return lines;
}

export function initCommand(ctx: Context): Command {
  return new Command('init')
    .option('--admin <username>', 'username of the first super_admin account')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .action(async (opts: { admin?: string; format?: string }) => {
      if (opts.admin !== undefined && !/^[a-z][a-z0-9._-]{2,39}$/.test(opts.admin)) {
        throw new UsageError(`--admin '${opts.admin}': use 3–40 lower-case letters, digits, '.', '_' or '-', starting with a letter`);
      }
      const db = await ctx.db({ schema: false });
      const result = await runInit(db, { admin: opts.admin, today: localDate(ctx.now(), 'WIB'), actor: ctx.actorName() });
      if (opts.format === 'json') emitResultJson(ctx, result);
      else ctx.out(describeInit(result, ctx.lang).join('\n'));
    });
}
