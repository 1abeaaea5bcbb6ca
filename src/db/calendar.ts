import type { Knex } from 'knex';
import { WorkCalendar, type Holiday, type HolidayKind } from '../domain/calendar.js';
import { yearOf } from '../domain/time.js';

/** The span the calendar table covers (DESIGN: 2015–2035). */
export const CALENDAR_FROM = '2015-01-01';
export const CALENDAR_TO = '2035-12-31';

/**
 * Rebuilds calendar_days from the national holidays in one set-based statement. Cheap (7,670 rows),
 * so every holiday change rebuilds it and no figure computed afterwards is stale.
 */
export async function rebuildCalendarDays(knex: Knex): Promise<void> {
  await knex('calendar_days').delete();
  await knex.raw(
    `insert into calendar_days (day, is_workday, iso_weekday, holiday_name, holiday_kind, source, workday_no)
     select d, w, dow, hname, hkind, hsource, (sum(case when w then 1 else 0 end) over (order by d))::int
     from (
       select g::date as d,
              extract(isodow from g)::smallint as dow,
              h.name as hname, h.kind as hkind, h.source as hsource,
              (extract(isodow from g) < 6 and h.day is null) as w
       from generate_series(?::date, ?::date, interval '1 day') as g
       left join (
         select day,
                string_agg(name, '; ' order by name) as name,
                case when bool_or(kind = 'libur_nasional') then 'libur_nasional' else 'cuti_bersama' end as kind,
                min(source) as source
         from holidays where region_code is null group by day
       ) h on h.day = g::date
     ) x`,
    [CALENDAR_FROM, CALENDAR_TO],
  );
}

export interface HolidayRow extends Holiday {
  source?: string;
}

export interface HolidayImportResult {
  years: number[];
  added: Holiday[];
  removed: Holiday[];
  unchanged: number;
}

const key = (h: Holiday) => `${h.date}|${h.name}|${h.kind}`;

/**
 * Replaces the national holidays of every year present in `rows` (an amended SKB replaces the
 * year's list) and reports what was added and removed. Runs in the caller's transaction.
 */
export async function replaceHolidayYears(trx: Knex, rows: Holiday[], source: string): Promise<HolidayImportResult> {
  const years = [...new Set(rows.map((r) => yearOf(r.date)))].sort();
  const nationalOfYears = () =>
    trx('holidays').whereNull('region_code').where((q) => {
      for (const y of years) q.orWhereBetween('day', [`${y}-01-01`, `${y}-12-31`]);
    });
  const before = (await nationalOfYears().select({ date: 'day' }, 'name', 'kind')) as Holiday[];
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(rows.map(key));
  const added = rows.filter((r) => !beforeKeys.has(key(r)));
  const removed = before.filter((r) => !afterKeys.has(key(r)));
  if (added.length > 0 || removed.length > 0) {
    await nationalOfYears().delete();
    await trx.batchInsert(
      'holidays',
      rows.map((r) => ({ day: r.date, name: r.name, kind: r.kind, source })),
      500,
    );
  }
  for (const year of years) {
    await trx('calendar_years').insert({ year, source }).onConflict('year').merge(['source', 'imported_at']);
  }
  if (added.length > 0 || removed.length > 0) await rebuildCalendarDays(trx);
  return { years, added, removed, unchanged: rows.length - added.length };
}

/**
 * The national working calendar. `years` limits it to the years of one span of days (first and
 * last day, either order), for a command that asks about those days only: the whole list is about
 * 300 rows, a cost a small command on a cold PGlite feels.
 */
export async function loadWorkCalendar(knex: Knex, years?: { from: string; to: string }): Promise<WorkCalendar> {
  const [lo, hi] = years ? [yearOf(years.from), yearOf(years.to)].sort((a, b) => a - b) : [];
  const holidaysQuery = knex('holidays').select({ date: 'day' }, 'name', 'kind').whereNull('region_code');
  const yearsQuery = knex('calendar_years');
  if (years) {
    holidaysQuery.whereBetween('day', [`${lo}-01-01`, `${hi}-12-31`]);
    yearsQuery.whereBetween('year', [lo, hi]);
  }
  const holidays = (await holidaysQuery) as Holiday[];
  return new WorkCalendar(holidays, (await yearsQuery.pluck('year')) as number[]);
}

export interface CalendarDayRow {
  day: string;
  is_workday: boolean;
  iso_weekday: number;
  holiday_name: string | null;
  holiday_kind: HolidayKind | null;
  source: string | null;
  workday_no: number;
}

export async function holidaysOfYear(knex: Knex, year: number): Promise<CalendarDayRow[]> {
  return (await knex('calendar_days')
    .whereNotNull('holiday_name')
    .andWhere('day', '>=', `${year}-01-01`)
    .andWhere('day', '<=', `${year}-12-31`)
    .orderBy('day')) as CalendarDayRow[];
}

export async function hasOfficialList(knex: Knex, year: number): Promise<boolean> {
  return (await knex('calendar_years').where({ year }).first()) !== undefined;
}

/** Working days after `from`, up to and including `to`: two look-ups of the cumulative number. */
export async function workdaysBetweenSql(knex: Knex, from: string, to: string): Promise<number> {
  const row = await knex.raw(
    `select greatest(b.workday_no - a.workday_no, 0) as n
     from calendar_days a, calendar_days b where a.day = ?::date and b.day = ?::date`,
    [from, to],
  );
  const n = row.rows[0]?.n;
  if (n === undefined) throw new RangeError(`dates outside the calendar (${CALENDAR_FROM} to ${CALENDAR_TO})`);
  return Number(n);
}
