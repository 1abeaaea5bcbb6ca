import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { migrateLatest, migrationStatus, rollback, rollbackSteps, assertSchemaCurrent } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { DEFAULT_PROFILE_TARGETS } from '../../migrations/0001_baseline.js';
import { loadWorkCalendar, rebuildCalendarDays, replaceHolidayYears, workdaysBetweenSql } from '../../src/db/calendar.js';
import { runInit } from '../../src/commands/init/init.js';
import { parseHolidayCsv } from '../../src/domain/holiday-csv.js';
import { unofficialYearNotices } from '../../src/domain/calendar.js';
import { fixture } from '../../src/paths.js';
import { addDays } from '../../src/domain/time.js';

describe.each(engineNames)('foundation on %s', (engine) => {
  describe('migrations', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await emptyDb(engine);
    });
    afterAll(() => t.cleanup());

    it('refuse data commands on an empty database with a pointer to init', async () => {
      await expect(assertSchemaCurrent(t.db.knex, 'db')).rejects.toThrow(/run `lapor init`/);
    });

    it('run every migration up, down one by one, and up again', async () => {
      const applied = await migrateLatest(t.db.knex);
      expect(applied).toEqual(migrations.map((m) => m[0]));
      for (const table of ['institutions', 'decrees', 'units', 'officers', 'complaints', 'complaint_events',
        'calendar_days', 'holidays', 'sla_profiles', 'import_batches', 'import_rejects']) {
        expect(await t.db.knex.schema.hasTable(table), table).toBe(true);
      }
      const undone = await rollbackSteps(t.db.knex, migrations.length);
      expect(undone).toHaveLength(migrations.length);
      expect(await t.db.knex.schema.hasTable('complaints')).toBe(false);
      expect(await t.db.knex.schema.hasTable('sla_profiles')).toBe(false);
      expect((await migrationStatus(t.db.knex)).pending).toHaveLength(migrations.length);
      await migrateLatest(t.db.knex);
      expect((await migrationStatus(t.db.knex)).pending).toEqual([]);
    });

    it('a database migrated by an older version lists its pending migrations', async () => {
      await rollbackSteps(t.db.knex, 1);
      const s = await migrationStatus(t.db.knex);
      expect(s.pending).toEqual([migrations[migrations.length - 1][0]]);
      // With the baseline alone, "one behind" is an empty schema.
      await expect(assertSchemaCurrent(t.db.knex, 'db')).rejects.toThrow(migrations.length > 1 ? /1 migration\(s\) behind/ : /run `lapor init`/);
      await migrateLatest(t.db.knex);
      await rollback(t.db.knex, false).then(() => migrateLatest(t.db.knex));
    });

    it('seeds the default SLA profile', async () => {
      const p = await t.db.knex('sla_profiles').where({ is_default: true }).first();
      expect(p.name).toBe('permenpan-62-2018');
      expect(p.targets).toEqual(DEFAULT_PROFILE_TARGETS);
    });

    it('refuses a database migrated before the baseline with one line saying to recreate it', async () => {
      await t.db.knex('knex_migrations').insert({ name: '0001_core_schema', batch: 0, migration_time: new Date() });
      await expect(migrationStatus(t.db.knex)).rejects.toThrow(/pre-release lapor.*recreate it/);
      await expect(migrateLatest(t.db.knex)).rejects.toThrow(/recreate it/);
      await t.db.knex('knex_migrations').where({ name: '0001_core_schema' }).delete();
      expect((await migrationStatus(t.db.knex)).pending).toEqual([]);
    });
  });

  describe('init and calendar', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await initialisedDb(engine);
    });
    afterAll(() => t.cleanup());

    it('loads 38 provinces, 514 kabupaten/kota with parents and zones, and the K/L', async () => {
      const k = t.db.knex;
      const byKind = await k('institutions').select('kind').count({ n: '*' }).groupBy('kind');
      const counts = Object.fromEntries((byKind as Array<{ kind: string; n: number }>).map((r) => [r.kind, Number(r.n)]));
      expect(counts.provinsi).toBe(38);
      expect(counts.kabupaten + counts.kota).toBe(514);
      expect(counts.kementerian).toBeGreaterThan(10);
      const bandung = await k('institutions as c').join('institutions as p', 'p.id', 'c.parent_id')
        .where('c.code', '32.73').first('c.name', 'c.time_zone', 'p.code as parent');
      expect(bandung).toEqual({ name: 'Kota Bandung', time_zone: 'WIB', parent: '32' });
      expect((await k('institutions').where({ code: '51.71' }).first()).time_zone).toBe('WITA');
      expect((await k('institutions').where({ code: '94' }).first()).time_zone).toBe('WIT');
      expect(await k('institutions').whereNull('parent_id').whereIn('kind', ['kabupaten', 'kota']).count({ n: '*' }).first())
        .toEqual({ n: 0 });
    });

    it('is idempotent: a second run changes nothing', async () => {
      const r = await runInit(t.db, { admin: 'adminnas', today: '2026-01-02' });
      expect(r).toMatchObject({ migrationsApplied: [], institutionsAdded: 0, holidayYearsAdded: [], superAdmin: { created: false } });
    });

    it('covers 2015–2035 with a cumulative working-day number agreeing with the pure calendar', async () => {
      const k = t.db.knex;
      expect(await k('calendar_days').count({ n: '*' }).first()).toEqual({ n: 7670 });
      const cal = await loadWorkCalendar(k);
      const pairs: Array<[string, string]> = [
        ['2026-03-17', '2026-03-27'], ['2025-12-24', '2026-01-02'], ['2024-02-28', '2024-03-01'],
        ['2015-01-01', '2035-12-31'], ['2023-12-29', '2024-01-03'], ['2026-06-01', '2026-05-01'],
      ];
      for (let d = '2024-01-01'; d < '2027-01-10'; d = addDays(d, 37)) pairs.push([d, addDays(d, 23)]);
      for (const [a, b] of pairs) {
        expect(await workdaysBetweenSql(k, a, b), `${a}..${b}`).toBe(cal.workdaysBetweenDates(a, b));
      }
      expect(await workdaysBetweenSql(k, '2026-03-17', '2026-03-27')).toBe(3);
    });

    it('a calendar of one span\'s years (calendar workdays) counts and warns as the whole one does', async () => {
      const k = t.db.knex;
      const cal = await loadWorkCalendar(k);
      const pairs: Array<[string, string]> = [
        ['2026-03-17', '2026-03-27'], ['2025-12-24', '2026-01-02'], ['2026-06-01', '2025-05-01'],
        ['2015-01-01', '2035-12-31'], ['2026-12-20', '2027-01-10'], ['2014-12-20', '2015-01-10'],
      ];
      for (const [a, b] of pairs) {
        const ofSpan = await loadWorkCalendar(k, { from: a, to: b });
        expect(ofSpan.workdaysBetweenDates(a, b), `${a}..${b}`).toBe(cal.workdaysBetweenDates(a, b));
        expect(ofSpan.workdaysBetweenDates(b, a), `${b}..${a}`).toBe(cal.workdaysBetweenDates(b, a));
        expect(unofficialYearNotices(ofSpan, [{ from: a, to: b }]), `${a}..${b}`).toEqual(unofficialYearNotices(cal, [{ from: a, to: b }]));
      }
      // Not a vacuous comparison: the spans cross holidays of two years and unofficial years.
      expect(cal.workdaysBetweenDates('2025-12-24', '2026-01-02')).toBeLessThan(6);
      expect(unofficialYearNotices(cal, [{ from: '2026-12-20', to: '2027-01-10' }])).not.toEqual([]);
    });

    it('re-importing a year replaces its entries and reports what changed', async () => {
      const k = t.db.knex;
      const all = parseHolidayCsv(fs.readFileSync(fixture('hari_libur.csv'), 'utf8')).holidays;
      const y2025 = all.filter((h) => h.date.startsWith('2025'));
      const without18Aug = y2025.filter((h) => h.date !== '2025-08-18');
      const r1 = await k.transaction((trx) => replaceHolidayYears(trx, without18Aug, 'SKB 2025 (original)'));
      expect(r1.added).toEqual([]);
      expect(r1.removed.map((h) => h.date)).toEqual(['2025-08-18']);
      expect(await workdaysBetweenSql(k, '2025-08-15', '2025-08-18')).toBe(1);
      const r2 = await k.transaction((trx) => replaceHolidayYears(trx, y2025, 'SKB 2025 (amended)'));
      expect(r2.added.map((h) => h.date)).toEqual(['2025-08-18']);
      expect(r2.removed).toEqual([]);
      expect(await workdaysBetweenSql(k, '2025-08-15', '2025-08-18')).toBe(0);
      // Other years are untouched.
      expect(Number((await k('holidays').whereRaw("extract(year from day) = 2026").count({ n: '*' }).first())?.n)).toBe(25);
    });

    it('init on a database that has only 2024–2026 loads 2015–2023 too, and legacy dates count real working days (issue 16 rule 5)', async () => {
      const k = t.db.knex;
      // As a database initialised by an older lapor: no list before 2024.
      await k('holidays').whereNull('region_code').where('day', '<', '2024-01-01').delete();
      await k('calendar_years').where('year', '<', 2024).delete();
      await rebuildCalendarDays(k);
      expect(await workdaysBetweenSql(k, '2019-05-31', '2019-06-10')).toBe(6);
      const r = await runInit(t.db, { today: '2026-01-02' });
      expect(r.holidayYearsAdded).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
      // Idul Fitri 1440 H: 3–7 Jun 2019 are cuti bersama and libur nasional; Mon 10 Jun is the first working day.
      expect(await workdaysBetweenSql(k, '2019-05-31', '2019-06-10')).toBe(1);
      expect((await loadWorkCalendar(k)).yearsWithoutOfficialList('2015-01-01', '2026-12-31')).toEqual([]);
      expect(Number((await k('holidays').whereNull('region_code').count({ n: '*' }).first())?.n)).toBe(269);
    });
  });
});
