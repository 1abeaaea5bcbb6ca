import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engineNames, initialisedDb, type TestDb } from '../helpers/db.js';
import { judgeStoppedSpans, listTimers, slaSummary, type TimerRow } from '../../src/db/sla.js';
import { loadSlaComplaints, loadSlaComplaint } from '../../src/db/sla-complaint.js';
import { addProfile, assignProfile, loadSlaResolvers } from '../../src/db/sla-profiles.js';
import { loadWorkCalendar, replaceHolidayYears } from '../../src/db/calendar.js';
import { computeTimers, lateDespiteCount, unofficialYearsOfTimers, type Timer } from '../../src/domain/sla.js';
import { runSweep } from '../../src/db/sweep.js';
import { localDate } from '../../src/domain/time.js';
import { addUnit, apply, insertComplaint, institutionId, type Step } from './sla-builder.js';

const WIB = (s: string) => new Date(`${s}+07:00`);
const WITA = (s: string) => new Date(`${s}+08:00`);

async function pureTimers(t: TestDb, ids: number[], asOf: Date): Promise<Map<number, Timer[]>> {
  const calendar = await loadWorkCalendar(t.db.knex);
  const r = await loadSlaResolvers(t.db.knex);
  const out = new Map<number, Timer[]>();
  for (const c of await loadSlaComplaints(t.db.knex, ids)) {
    out.set(c.id, computeTimers(c, { calendar, asOf, zoneOf: r.zoneOf, profileFor: r.profileFor }));
  }
  return out;
}

/** slaSummary by institution over some complaints, in a comparable shape. */
async function summaryOf(k: TestDb['db']['knex'], asOf: Date, ids: number[], storedJudgements = true) {
  const rows = await slaSummary(k, { asOf, complaintIds: ids }, 'institution', { storedJudgements });
  return rows.map((r) => ({ group: r.group_id, timer: r.timer, total: r.total, met: r.met, breached: r.breached,
    open_within: r.open_within, open_late: r.open_late, returned: r.returned, returned_late: r.returned_late, median_days: r.median_days, p90_days: r.p90_days }))
    .sort((a, b) => (a.group ?? -1) - (b.group ?? -1) || a.timer.localeCompare(b.timer));
}

/** The reference's figures (src/domain/sla.ts) aggregated per institution and timer (percentile_cont's interpolation). */
function summariseReference(timers: Timer[]) {
  const groups = new Map<string, Timer[]>();
  for (const x of timers) {
    const key = `${x.institutionId}|${x.timer}`;
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  const pct = (xs: number[], p: number) => {
    if (!xs.length) return null;
    const pos = p * (xs.length - 1);
    const lo = Math.floor(pos);
    return xs[lo] + (pos - lo) * (xs[Math.ceil(pos)] - xs[lo]);
  };
  return [...groups.values()].map((g) => {
    const count = (st: string) => g.filter((x) => x.state === st).length;
    const used = g.filter((x) => x.stop !== undefined).map((x) => x.used).sort((a, b) => a - b);
    return { group: g[0].institutionId, timer: g[0].timer, total: g.length, met: count('met'), breached: count('breached'),
      open_within: count('open_within'), open_late: count('open_late'), returned: count('returned'),
      returned_late: g.filter((x) => x.returnedLate).length, median_days: pct(used, 0.5), p90_days: pct(used, 0.9) };
  }).sort((a, b) => (a.group ?? -1) - (b.group ?? -1) || a.timer.localeCompare(b.timer));
}

const TZ_HOURS = { WIB: 7, WITA: 8, WIT: 9 } as const;

/** A stored span's own columns as text: judgements are the sweep's, and a refresh writes new, unjudged rows. */
const spanText = ({ judged_code: _c, judged_mask: _m, judged_last_day: _d, ...span }: Record<string, unknown>) => JSON.stringify(span);

const pick = (rows: TimerRow[], id: number, timer: string, instance = 1) =>
  rows.find((r) => r.complaint_id === id && r.timer === timer && r.instance === instance);

for (const engine of engineNames) {
  describe(`SLA engine on ${engine}`, () => {
    let t: TestDb;
    let bdg: number, mks: number, jyp: number, kl: number;
    const units = new Map<number, number>();
    beforeAll(async () => {
      t = await initialisedDb(engine);
      const k = t.db.knex;
      bdg = await institutionId(k, '32.73');
      mks = await institutionId(k, '73.71');
      jyp = await institutionId(k, '91.71');
      kl = await institutionId(k, 'KEMENPANRB');
      for (const i of [bdg, mks, jyp, kl]) units.set(i, await addUnit(k, i, `U${i}`));
    });
    afterAll(async () => t?.cleanup());

    describe('histories worked out by hand', () => {
      const ids: Record<string, number> = {};
      let rows: TimerRow[];
      const asOf = WIB('2026-04-30T12:00:00');
      beforeAll(async () => {
        const k = t.db.knex;
        // Verification over libur nasional + cuti bersama + weekend: 25 Dec libur, 26 cuti, 27–28
        // weekend, 29 Dec counted → 1 working day, met.
        ids.xmas = (await insertComplaint(k, { receivedAt: WIB('2025-12-24T10:00:00'), steps: [
          { kind: 'dispose', at: WIB('2025-12-29T09:00:00'), to: bdg }] })).id;
        // Hold Tue 3 Mar → resume Mon 9 Mar: 4, 5, 6, 9 Mar given back (date(hold) < d ≤ date(resume));
        // counted 3, 10 Mar → 2 working days; deadline the 3rd counted day, Wed 11 Mar: met.
        ids.hold = (await insertComplaint(k, { receivedAt: WIB('2026-03-02T09:00:00'), steps: [
          { kind: 'hold', at: WIB('2026-03-03T10:00:00') },
          { kind: 'resume', at: WIB('2026-03-09T11:00:00') },
          { kind: 'dispose', at: WIB('2026-03-10T16:00:00'), to: bdg }] })).id;
        // Makassar (WITA), across Nyepi and Idulfitri: after 17 Mar, counted 25, 26, 27, 30, 31 Mar.
        // The follow-up at 00:30 WITA on 1 Apr (still 31 Mar in WIB) is the 6th day: breached.
        // Auto-close: after 1 Apr, 3 Apr libur; 10th working day 16 Apr; sweep 00:10 WITA 17 Apr: met.
        ids.mks = (await insertComplaint(k, { receivedAt: WIB('2026-03-16T08:00:00'), steps: [
          { kind: 'dispose', at: WITA('2026-03-17T15:00:00'), to: mks },
          { kind: 'respond', at: WITA('2026-04-01T00:30:00') },
          { kind: 'auto_close', at: WITA('2026-04-17T00:10:00') }] })).id;
        // Crosses the year end; returned by Bandung, re-disposed to KemenPANRB, forwarded, answered,
        // replied, answered again and closed.
        ids.year = (await insertComplaint(k, { receivedAt: WIB('2025-12-22T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2025-12-23T09:00:00'), to: bdg },
          { kind: 'return', at: WIB('2025-12-29T10:00:00') },
          { kind: 'dispose', at: WIB('2025-12-30T09:00:00'), to: kl },
          { kind: 'forward', at: WIB('2025-12-31T09:00:00'), to: units.get(kl) },
          { kind: 'respond', at: WIB('2026-01-09T16:00:00') },
          { kind: 'reply', at: WIB('2026-01-12T10:00:00') },
          { kind: 'respond', at: WIB('2026-01-20T11:00:00') },
          { kind: 'close', at: WIB('2026-01-21T09:00:00') }] })).id;
        // Late answer, closed all the same: aspirasi (5 HK) answered on the 9th working day.
        ids.late = (await insertComplaint(k, { class: 'aspirasi', receivedAt: WIB('2026-02-02T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-02-02T10:00:00'), to: bdg },
          { kind: 'respond', at: WIB('2026-02-13T15:00:00') },
          { kind: 'close', at: WIB('2026-02-16T09:00:00') }] })).id;
        // Answer on the Saturday after the 5th working day (Fri 24 Apr): 5 days used, yet late.
        ids.sat = (await insertComplaint(k, { receivedAt: WIB('2026-04-16T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-04-17T09:00:00'), to: bdg },
          { kind: 'respond', at: WIB('2026-04-25T10:00:00') }] })).id;
        // Open: received Wed 22 Apr, nothing since: 23, 24, 27, 28, 29, 30 Apr → 6 days, open and late.
        ids.openLate = (await insertComplaint(k, { receivedAt: WIB('2026-04-22T09:00:00'), steps: [] })).id;
        // Open: received Tue 28 Apr: 29, 30 Apr → 2 days, open within time.
        ids.openWithin = (await insertComplaint(k, { receivedAt: WIB('2026-04-28T09:00:00'), steps: [] })).id;
        // Still on hold since 3 Mar: paused at 1 working day (3 Mar); 4 Mar → 30 Apr skipped as on hold.
        ids.paused = (await insertComplaint(k, { receivedAt: WIB('2026-03-02T09:00:00'), steps: [
          { kind: 'hold', at: WIB('2026-03-03T10:00:00') }] })).id;
        rows = await listTimers(k, { asOf, complaintIds: Object.values(ids) });
      });

      it('verification: weekend, libur nasional and cuti bersama skipped', () => {
        expect(pick(rows, ids.xmas, 'verification')).toMatchObject({ used: 1, state: 'met', stop_kind: 'dispose', institution_id: bdg });
      });
      it('verification: the days from the hold to the resume are given back', () => {
        expect(pick(rows, ids.hold, 'verification')).toMatchObject({ used: 2, held: 4, state: 'met', deadline_day: '2026-03-11' });
      });
      it("first follow-up counted in the holder's zone (WITA), across Nyepi and Idulfitri", () => {
        expect(pick(rows, ids.mks, 'first_follow_up')).toMatchObject({ used: 6, state: 'breached', tz_hours: 8, late_by: 1 });
        expect(pick(rows, ids.mks, 'completion')).toMatchObject({ used: 6, state: 'met', target: 14 });
        expect(pick(rows, ids.mks, 'auto_close')).toMatchObject({ used: 10, state: 'met', stop_kind: 'auto_close' });
      });
      it('a return stops the first follow-up (returned); completion runs at the institution that answers', () => {
        expect(pick(rows, ids.year, 'verification')).toMatchObject({ used: 1, state: 'met' });
        expect(pick(rows, ids.year, 'first_follow_up', 1)).toMatchObject({ institution_id: bdg, used: 2, state: 'returned', returned_late: false });
        // 31 Dec, 2 Jan, 5–9 Jan (1 Jan libur): 7 working days > 5.
        expect(pick(rows, ids.year, 'first_follow_up', 2)).toMatchObject({ institution_id: kl, used: 7, state: 'breached', returned_late: false });
        // 30 Dec → 20 Jan: 13 working days (1 and 16 Jan libur), pengaduan 14: met.
        expect(pick(rows, ids.year, 'completion')).toMatchObject({ institution_id: kl, used: 13, state: 'met', unit_id: units.get(kl) });
        expect(pick(rows, ids.year, 'auto_close', 1)).toMatchObject({ used: 1, state: 'met', stop_kind: 'reply' });
        expect(pick(rows, ids.year, 'auto_close', 2)).toMatchObject({ used: 1, state: 'met', stop_kind: 'close' });
      });
      it('a late closure is never compliant', () => {
        expect(pick(rows, ids.late, 'completion')).toMatchObject({ used: 9, target: 5, state: 'breached', status: 'closed', late_by: 4 });
      });
      it('an answer on the weekend after the last working day is late', () => {
        expect(pick(rows, ids.sat, 'first_follow_up')).toMatchObject({ used: 5, state: 'breached' });
      });
      it('open timers as of an instant; a paused one does not run late', () => {
        expect(pick(rows, ids.openLate, 'verification')).toMatchObject({ used: 6, state: 'open_late', late_by: 3 });
        expect(pick(rows, ids.openWithin, 'verification')).toMatchObject({ used: 2, state: 'open_within' });
        const p = pick(rows, ids.paused, 'verification')!;
        expect(p).toMatchObject({ used: 1, paused: true, state: 'open_within' });
        // 4–6, 9–13, 16–17 Mar, 25–27, 30–31 Mar, April minus 3 Apr libur: 15 + 21 = 36.
        expect(p.held).toBe(36);
      });
      it('the pure module gives the same figures', async () => {
        const pure = await pureTimers(t, Object.values(ids), asOf);
        const c = pure.get(ids.year)!;
        expect(c.find((x) => x.timer === 'completion')).toMatchObject({ used: 13, state: 'met' });
        expect(pure.get(ids.mks)!.find((x) => x.timer === 'first_follow_up')).toMatchObject({ used: 6, state: 'breached' });
        expect(pure.get(ids.paused)![0]).toMatchObject({ used: 1, held: 36, paused: true, state: 'open_within' });
        expect(pure.get(ids.hold)![0].deadline).toEqual(WIB('2026-03-11T23:59:59'));
      });
      it('the same figures as of an earlier instant ignore later events', async () => {
        const early = await listTimers(t.db.knex, { asOf: WIB('2026-01-05T12:00:00'), complaintIds: [ids.year] });
        expect(early.filter((r) => r.timer === 'completion')).toMatchObject([{ stop_at: null, state: 'open_within', used: 3 }]);
        expect(pick(early, ids.year, 'first_follow_up', 2)).toMatchObject({ state: 'open_within', used: 3 });
        expect(early.some((r) => r.timer === 'auto_close')).toBe(false);
      });
      it('summaries: compliance excludes open within time, counts open late against', async () => {
        const s = await slaSummary(t.db.knex, { asOf, complaintIds: Object.values(ids) }, 'institution');
        const v = s.filter((r) => r.timer === 'verification');
        const total = v.reduce((a, r) => a + r.total, 0);
        expect(total).toBe(9);
        const bdgFf = s.find((r) => r.group_id === bdg && r.timer === 'first_follow_up')!;
        // xmas (open: 29 Dec → 30 Apr, late), hold (open, late), year#1 (returned in time), late (breached), sat (breached)
        expect(bdgFf).toMatchObject({ met: 0, breached: 2, open_late: 2, returned: 1, returned_late: 0, total: 5 });
        expect(bdgFf.compliance).toBe(0);
      });
      it('a new holiday changes every figure computed afterwards', async () => {
        const k = t.db.knex;
        // Declare 30 Mar 2026 a holiday: the Makassar follow-up now uses 5 days, met.
        const before = await k('holidays').whereRaw("extract(year from day) = 2026").whereNull('region_code').select({ date: 'day' }, 'name', 'kind');
        await replaceHolidayYears(k, [...before, { date: '2026-03-30', name: 'Libur uji', kind: 'libur_nasional' }], 'test');
        const after = await listTimers(k, { asOf, complaintIds: [ids.mks] });
        expect(pick(after, ids.mks, 'first_follow_up')).toMatchObject({ used: 5, state: 'met' });
        await replaceHolidayYears(k, before, 'test');
        const back = await listTimers(k, { asOf, complaintIds: [ids.mks] });
        expect(pick(back, ids.mks, 'first_follow_up')).toMatchObject({ used: 6, state: 'breached' });
      });
      it('stored judgements (the sweep): read by the summary with the same figures, forgotten by what they depend on', async () => {
        const k = t.db.knex;
        const all = Object.values(ids);
        const judged = async () => Number((await k('sla_spans').whereIn('complaint_id', all).whereNotNull('judged_code').count({ n: '*' }).first())!.n);
        const computed = await summaryOf(k, asOf, all, false);
        await judgeStoppedSpans(k, new Date());
        const stopped = Number((await k('sla_spans').whereIn('complaint_id', all).whereNotNull('stop_at').count({ n: '*' }).first())!.n);
        expect(await judged()).toBe(stopped);
        expect(await summaryOf(k, asOf, all, true)).toEqual(computed);
        for (const by of ['unit', 'province', 'class', 'channel'] as const) {
          expect(await slaSummary(k, { asOf, complaintIds: all }, by), by)
            .toEqual(await slaSummary(k, { asOf, complaintIds: all }, by, { storedJudgements: false }));
        }
        const ofBdg = { asOf, institutionId: bdg, confidentialOf: bdg };
        expect(await slaSummary(k, ofBdg, 'unit')).toEqual(await slaSummary(k, ofBdg, 'unit', { storedJudgements: false }));
        // A holiday on a day no timer of these complaints covers forgets nothing.
        const y2026 = await k('holidays').whereRaw('extract(year from day) = 2026').whereNull('region_code').select({ date: 'day' }, 'name', 'kind');
        const y2024 = await k('holidays').whereRaw('extract(year from day) = 2024').whereNull('region_code').select({ date: 'day' }, 'name', 'kind');
        await replaceHolidayYears(k, [...y2024, { date: '2024-05-15', name: 'Libur uji', kind: 'libur_nasional' }], 'test');
        expect(await judged()).toBe(stopped);
        // One on 30 Mar 2026 forgets the timers that cover it; the summary follows the new calendar.
        await replaceHolidayYears(k, [...y2026, { date: '2026-03-30', name: 'Libur uji', kind: 'libur_nasional' }], 'test');
        expect(await judged()).toBeLessThan(stopped);
        await judgeStoppedSpans(k, new Date());
        const withHoliday = await summaryOf(k, asOf, all, true);
        expect(withHoliday).toEqual(await summaryOf(k, asOf, all, false));
        expect(withHoliday).not.toEqual(computed);
        await replaceHolidayYears(k, y2026, 'test');
        await replaceHolidayYears(k, y2024, 'test');
        expect(await summaryOf(k, asOf, all, true)).toEqual(computed);
        // Each trigger on its own: a holiday row inserted, then deleted (the rebuild of calendar_days
        // is the command's; here its statement is called directly).
        const { rebuildCalendarDays } = await import('../../src/db/calendar.js');
        await judgeStoppedSpans(k, new Date());
        await k('holidays').insert({ day: '2026-03-30', name: 'Libur uji', kind: 'libur_nasional', source: 'test' });
        await rebuildCalendarDays(k);
        expect(await judged()).toBeLessThan(stopped);
        expect(await summaryOf(k, asOf, all, true)).toEqual(withHoliday);
        await judgeStoppedSpans(k, new Date());
        await k('holidays').where({ day: '2026-03-30', source: 'test' }).delete();
        await rebuildCalendarDays(k);
        expect(await judged()).toBeLessThan(stopped);
        expect(await summaryOf(k, asOf, all, true)).toEqual(computed);
        // A year's list removed (rule 5: its timers now touch a year without one), then back.
        await judgeStoppedSpans(k, new Date());
        const year = await k('calendar_years').where({ year: 2026 }).first();
        await k('calendar_years').where({ year: 2026 }).delete();
        expect(await judged()).toBeLessThan(stopped);
        const unofficial = await summaryOf(k, asOf, all, false);
        expect(await summaryOf(k, asOf, all, true)).toEqual(unofficial);
        expect((await slaSummary(k, { asOf, complaintIds: all }, 'institution')).some((r) => r.unofficial_years.includes(2026))).toBe(true);
        await judgeStoppedSpans(k, new Date());
        await k('calendar_years').insert(year);
        expect(await judged()).toBeLessThan(stopped);
        expect((await slaSummary(k, { asOf, complaintIds: all }, 'institution')).some((r) => r.unofficial_years.includes(2026))).toBe(false);
        // Any change to the profiles (a new default, a target): every judgement.
        await judgeStoppedSpans(k, new Date());
        await k('sla_profiles').update({ title: k.raw('title') });
        expect(await judged()).toBe(0);
        // Migration 0005 undone: nothing would forget a judgement any more, so none stays.
        await judgeStoppedSpans(k, new Date());
        expect(await judged()).toBe(stopped);
        const { migrateLatest, rollbackSteps } = await import('../../src/db/migrate.js');
        const { migrations } = await import('../../migrations/index.js');
        await rollbackSteps(k, migrations.length - migrations.findIndex(([name]) => name === '0005_judged_spans'));
        expect(await judged()).toBe(0);
        await migrateLatest(k);
        // A profile assigned to an institution forgets that institution's timers (not verification, national).
        await judgeStoppedSpans(k, new Date());
        await k.transaction(async (trx) => {
          const p = await addProfile(trx, { name: 'longgar-simpan', title: 'uji', valid_from: '2026-01-01', targets: {
            verification: 3, first_follow_up: 10, completion: { aspirasi: 10, permintaan_informasi: 10, pengaduan: 20, pengaduan_berkadar_pengawasan: 60 }, auto_close: 10 } });
          await assignProfile(trx, bdg, p.id, '2026-02-01', 'test');
        });
        const left = await k('sla_spans').whereIn('complaint_id', all).whereNotNull('stop_at').whereNull('judged_code').select('inst', 'timer');
        expect(left.length).toBeGreaterThan(0);
        expect(left.every((r: { inst: number; timer: number }) => r.inst === bdg && r.timer !== 1)).toBe(true);
        const assigned = await summaryOf(k, asOf, all, false);
        expect(assigned).not.toEqual(computed);
        expect(await summaryOf(k, asOf, all, true)).toEqual(assigned);
        await judgeStoppedSpans(k, new Date());
        expect(await summaryOf(k, asOf, all, true)).toEqual(assigned);
        await k('institution_sla_profiles').where({ institution_id: bdg }).delete();
        expect(await summaryOf(k, asOf, all, true)).toEqual(computed);
        await judgeStoppedSpans(k, new Date());
        expect(await judged()).toBe(stopped);
      });
      it('a profile assigned to the institution changes its targets from its date on', async () => {
        const k = t.db.knex;
        const r = await loadSlaComplaint(k, (await k('complaints').where({ id: ids.late }).first('tracking_id')).tracking_id);
        expect(r?.complaint.events).toHaveLength(4);
        await k.transaction(async (trx) => {
          const p = await addProfile(trx, { name: 'longgar-uji', title: 'uji', valid_from: '2026-01-01', targets: {
            verification: 3, first_follow_up: 10, completion: { aspirasi: 10, permintaan_informasi: 10, pengaduan: 20, pengaduan_berkadar_pengawasan: 60 }, auto_close: 10 } });
          await assignProfile(trx, bdg, p.id, '2026-02-01', 'test');
        });
        const after = await listTimers(k, { asOf, complaintIds: [ids.late, ids.xmas] });
        expect(pick(after, ids.late, 'completion')).toMatchObject({ target: 10, state: 'met' });
        // Disposed in December, before the assignment: still the default profile.
        expect(pick(after, ids.xmas, 'first_follow_up')).toMatchObject({ target: 5 });
        await k('institution_sla_profiles').where({ institution_id: bdg }).delete();
      });
      it('a reclassified or confidential complaint is seen at once (trigger on complaints)', async () => {
        const k = t.db.knex;
        await k('complaints').where({ id: ids.year }).update({ class: 'aspirasi' });
        // 13 working days against aspirasi's 5: breached.
        expect(pick(await listTimers(k, { asOf, complaintIds: [ids.year] }), ids.year, 'completion'))
          .toMatchObject({ target: 5, used: 13, state: 'breached', class: 'aspirasi' });
        await k('complaints').where({ id: ids.year }).update({ class: 'pengaduan', confidential: true });
        expect(await listTimers(k, { asOf, complaintIds: [ids.year] })).toEqual([]);
        expect((await listTimers(k, { asOf, complaintIds: [ids.year], confidentialOf: kl })).length).toBe(6);
        await k('complaints').where({ id: ids.year }).update({ confidential: false });
        expect(pick(await listTimers(k, { asOf, complaintIds: [ids.year] }), ids.year, 'completion')).toMatchObject({ target: 14, state: 'met' });
      });
      it('events at the same instant are taken in seq order; deleting an event recomputes the spans', async () => {
        const k = t.db.knex;
        const at = WIB('2026-04-06T10:00:00');
        const { id } = await insertComplaint(k, { receivedAt: WIB('2026-04-06T08:00:00'), steps: [
          { kind: 'dispose', at, to: bdg }, { kind: 'respond', at }, { kind: 'close', at }] });
        const rows = await listTimers(k, { asOf, complaintIds: [id] });
        expect(pick(rows, id, 'first_follow_up')).toMatchObject({ used: 0, state: 'met', stop_kind: 'respond' });
        expect(pick(rows, id, 'completion')).toMatchObject({ used: 0, state: 'met', status: 'closed' });
        expect(pick(rows, id, 'auto_close')).toMatchObject({ used: 0, state: 'met', stop_kind: 'close' });
        const pure = (await pureTimers(t, [id], asOf)).get(id)!;
        expect(pure.map((x) => [x.timer, x.state, x.stopKind])).toEqual(rows.map((r) => [r.timer, r.state, r.stop_kind])
          .sort((a, b) => ['verification', 'first_follow_up', 'completion', 'auto_close'].indexOf(a[0] as string)
            - ['verification', 'first_follow_up', 'completion', 'auto_close'].indexOf(b[0] as string)));
        await k('complaint_events').where({ complaint_id: id }).where('seq', '>', 3).delete();
        const left = await listTimers(k, { asOf, complaintIds: [id] });
        expect(pick(left, id, 'auto_close')).toMatchObject({ stop_at: null, state: 'open_late', status: 'responded' });
      });
      it("an institution's zone change is seen at once (trigger on institutions)", async () => {
        const k = t.db.knex;
        await k('institutions').where({ id: mks }).update({ time_zone: 'WIB' });
        try {
          expect(pick(await listTimers(k, { asOf, complaintIds: [ids.mks] }), ids.mks, 'first_follow_up')).toMatchObject({ tz_hours: 7, used: 5, state: 'met' });
        } finally {
          await k('institutions').where({ id: mks }).update({ time_zone: 'WITA' });
        }
        expect(pick(await listTimers(k, { asOf, complaintIds: [ids.mks] }), ids.mks, 'first_follow_up')).toMatchObject({ tz_hours: 8, used: 6 });
      });
    });

    describe('the six readings of DESIGN §6 (issue 16), on both engines', () => {
      const rowsOf = async (id: number, asOf: Date) => listTimers(t.db.knex, { asOf, complaintIds: [id] });
      const refOf = async (id: number, asOf: Date) => (await pureTimers(t, [id], asOf)).get(id)!;

      it('rule 1, hold: the days date(hold) < d ≤ date(resume) are given back (the example of issue 16)', async () => {
        // Received Mon 7 Jul 2025 07:30 WIB, hold 07:45, resume Tue 8 Jul 17:00, disposed Fri 11 Jul 10:00.
        const { id } = await insertComplaint(t.db.knex, { receivedAt: WIB('2025-07-07T07:30:00'), steps: [
          { kind: 'hold', at: WIB('2025-07-07T07:45:00') },
          { kind: 'resume', at: WIB('2025-07-08T17:00:00') },
          { kind: 'dispose', at: WIB('2025-07-11T10:00:00'), to: bdg }] });
        const asOf = WIB('2025-08-01T12:00:00');
        expect(pick(await rowsOf(id, asOf), id, 'verification'))
          .toMatchObject({ held: 1, used: 3, deadline_day: '2025-07-11', state: 'met', tz_hours: 7 });
        expect((await refOf(id, asOf))[0]).toMatchObject({ held: 1, used: 3, deadline: WIB('2025-07-11T23:59:59'), state: 'met' });
        // While on hold (as of Mon 7 Jul noon) the timer is paused with all 3 HK left, and no deadline yet.
        const onHold = WIB('2025-07-07T12:00:00');
        expect(pick(await rowsOf(id, onHold), id, 'verification'))
          .toMatchObject({ paused: true, used: 0, state: 'open_within', deadline_day: null });
        expect((await refOf(id, onHold))[0]).toMatchObject({ paused: true, used: 0, left: 3, state: 'open_within' });
      });

      it('rule 2, disjoint states: a return in time is returned (outside compliance), a late one breached and returned late', async () => {
        const k = t.db.knex;
        // KemenPANRB returns within its 5 HK; Bandung returns on the 6th working day (7–10, 13, 14 Apr 2026).
        const inTime = (await insertComplaint(k, { receivedAt: WIB('2026-04-06T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-04-06T09:00:00'), to: kl }, { kind: 'return', at: WIB('2026-04-08T10:00:00') }] })).id;
        const late = (await insertComplaint(k, { receivedAt: WIB('2026-04-06T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-04-06T09:00:00'), to: bdg }, { kind: 'return', at: WIB('2026-04-14T10:00:00') }] })).id;
        const asOf = WIB('2026-05-01T12:00:00');
        expect(pick(await rowsOf(inTime, asOf), inTime, 'first_follow_up')).toMatchObject({ state: 'returned', returned_late: false });
        expect(pick(await rowsOf(late, asOf), late, 'first_follow_up')).toMatchObject({ state: 'breached', returned_late: true, used: 6 });
        expect((await refOf(inTime, asOf))[1]).toMatchObject({ timer: 'first_follow_up', state: 'returned', returnedLate: false });
        expect((await refOf(late, asOf))[1]).toMatchObject({ timer: 'first_follow_up', state: 'breached', returnedLate: true });
        const s = await slaSummary(k, { asOf, complaintIds: [inTime, late] }, 'institution');
        // An institution that only returned in time: nothing in the denominator, so no compliance (not 100 %).
        expect(s.find((r) => r.group_id === kl && r.timer === 'first_follow_up'))
          .toMatchObject({ total: 1, returned: 1, met: 0, compliance: null });
        expect(s.find((r) => r.group_id === bdg && r.timer === 'first_follow_up'))
          .toMatchObject({ total: 1, breached: 1, returned_late: 1, compliance: 0 });
        for (const r of s) expect(r.met + r.breached + r.open_within + r.open_late + r.returned, `${r.group_id} ${r.timer}`).toBe(r.total);
      });

      it('rule 3, auto-close by the sweep uses exactly the window: 10 working days, met; the median follows', async () => {
        const k = t.db.knex;
        // Answered Fri 3 Jul 2026 10:00 WIB; the window is 6–10 and 13–17 Jul; the sweep dates its close
        // just after the deadline (00:00 on Sat 18 Jul), i.e. on the next day.
        const respondedAt = WIB('2026-07-03T10:00:00');
        const probe = await insertComplaint(k, { receivedAt: WIB('2026-07-01T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-07-01T09:00:00'), to: bdg }, { kind: 'respond', at: respondedAt }] });
        const dry = await runSweep(k, { asOf: WIB('2026-07-20T12:00:00'), dryRun: true });
        const closedAt = dry.closed.find((c) => c.trackingId === probe.trackingId)!.closedAt;
        expect(closedAt).toEqual(WIB('2026-07-18T00:00:00'));
        const { id } = await insertComplaint(k, { receivedAt: WIB('2026-07-01T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-07-01T09:00:00'), to: bdg }, { kind: 'respond', at: respondedAt },
          { kind: 'auto_close', at: closedAt }] });
        const asOf = WIB('2026-08-01T12:00:00');
        expect(pick(await rowsOf(id, asOf), id, 'auto_close')).toMatchObject({ used: 10, state: 'met', stop_kind: 'auto_close' });
        expect((await refOf(id, asOf)).find((x) => x.timer === 'auto_close')).toMatchObject({ used: 10, state: 'met' });
        const [ac] = (await slaSummary(k, { asOf, complaintIds: [id] }, 'institution')).filter((r) => r.timer === 'auto_close');
        expect(ac).toMatchObject({ met: 1, median_days: 10, p90_days: 10 });
      });

      it('rule 4, late with used ≤ target: an answer at 00:30 on the Saturday after the 5th working day is late', async () => {
        // Disposed Fri 3 Jul 2026: counted 6–10 Jul, deadline Fri 10 Jul 23:59:59 WIB; answered Sat 11 Jul 00:30.
        const { id } = await insertComplaint(t.db.knex, { receivedAt: WIB('2026-07-03T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-07-03T09:00:00'), to: bdg }, { kind: 'respond', at: WIB('2026-07-11T00:30:00') }] });
        const asOf = WIB('2026-08-01T12:00:00');
        expect(pick(await rowsOf(id, asOf), id, 'first_follow_up'))
          .toMatchObject({ used: 5, target: 5, state: 'breached', late_by: 1, deadline_day: '2026-07-10' });
        const ref = (await refOf(id, asOf)).find((x) => x.timer === 'first_follow_up')!;
        expect(ref).toMatchObject({ used: 5, state: 'breached' });
        expect(lateDespiteCount(ref, await loadWorkCalendar(t.db.knex))).toMatchObject({ date: '2026-07-11', day: 'weekend' });
      });

      it('rule 5, years without a holiday list: a deadline that falls in one is flagged', async () => {
        const k = t.db.knex;
        const calendar = await loadWorkCalendar(k);
        expect([calendar.hasOfficialList(2026), calendar.hasOfficialList(2027)]).toEqual([true, false]);
        // Pengawasan (60 HK) disposed Mon 2 Nov 2026: its completion deadline is in 2027.
        const { id } = await insertComplaint(k, { class: 'pengaduan_berkadar_pengawasan', receivedAt: WIB('2026-11-02T08:00:00'),
          steps: [{ kind: 'dispose', at: WIB('2026-11-02T09:00:00'), to: bdg }] });
        const asOf = WIB('2026-12-01T12:00:00');
        const rows = await rowsOf(id, asOf);
        expect(pick(rows, id, 'completion')).toMatchObject({ stop_at: null, unofficial_year: true });
        expect(pick(rows, id, 'completion')!.deadline_day!.slice(0, 4)).toBe('2027');
        expect(pick(rows, id, 'verification')).toMatchObject({ unofficial_year: false });
        expect(unofficialYearsOfTimers(await refOf(id, asOf), calendar, asOf)).toEqual([2027]);
        const s = await slaSummary(k, { asOf, complaintIds: [id] }, 'institution');
        expect(s.find((r) => r.timer === 'completion')).toMatchObject({ unofficial_years: [2027] });
        expect(s.find((r) => r.timer === 'verification')).toMatchObject({ unofficial_years: [] });
      });

      it('rule 5, years without a holiday list: a summary names only the years its timers touch, not a gap year between them', async () => {
        const k = t.db.knex;
        const calendar = await loadWorkCalendar(k);
        expect([2027, 2028, 2029].map((y) => calendar.hasOfficialList(y))).toEqual([false, false, false]);
        // Two complaints answered within days, one in March 2027 and one in March 2029: nothing touches 2028.
        const ids: number[] = [];
        for (const y of [2027, 2029]) {
          const { id } = await insertComplaint(k, { receivedAt: WIB(`${y}-03-01T08:00:00`), steps: [
            { kind: 'dispose', at: WIB(`${y}-03-01T09:00:00`), to: bdg }, { kind: 'respond', at: WIB(`${y}-03-02T10:00:00`) },
            { kind: 'close', at: WIB(`${y}-03-03T10:00:00`) }] });
          ids.push(id);
        }
        const asOf = WIB('2029-06-01T12:00:00');
        const ref = [...(await pureTimers(t, ids, asOf)).values()].flat();
        const s = await slaSummary(k, { asOf, complaintIds: ids }, 'institution');
        for (const timer of ['verification', 'first_follow_up', 'completion', 'auto_close'] as const) {
          const expected = unofficialYearsOfTimers(ref.filter((x) => x.timer === timer), calendar, asOf);
          expect(expected).toEqual([2027, 2029]);
          expect(s.find((r) => r.timer === timer)).toMatchObject({ unofficial_years: expected });
        }
      });

      it("rule 6, one zone per timer: a Jayapura (WIT) timer is counted in WIT, every instant in that zone", async () => {
        // Disposed Fri 3 Jul 2026 23:30 WIB = Sat 4 Jul 01:30 WIT; answered Fri 10 Jul 23:30 WIB = Sat 11 Jul
        // 01:30 WIT: in WIT that is after the deadline (Fri 10 Jul 23:59:59 WIT), although in WIB it would be in time.
        const { id } = await insertComplaint(t.db.knex, { receivedAt: WIB('2026-07-03T08:00:00'), steps: [
          { kind: 'dispose', at: WIB('2026-07-03T23:30:00'), to: jyp }, { kind: 'respond', at: WIB('2026-07-10T23:30:00') }] });
        const asOf = WIB('2026-08-01T12:00:00');
        const rows = await rowsOf(id, asOf);
        expect(pick(rows, id, 'verification')).toMatchObject({ tz_hours: 7 });
        expect(pick(rows, id, 'first_follow_up')).toMatchObject({ tz_hours: 9, used: 5, state: 'breached', deadline_day: '2026-07-10' });
        const ref = (await refOf(id, asOf)).find((x) => x.timer === 'first_follow_up')!;
        expect(ref).toMatchObject({ zone: 'WIT', used: 5, state: 'breached', deadline: new Date('2026-07-10T23:59:59+09:00') });
      });
    });

    describe('property: the pure module and the SQL engine agree on every complaint', () => {
      const insts = () => [bdg, mks, jyp, kl];
      // Gaps of 0: equal instants (the life-cycle clamps times so they never go backwards), ordered by seq.
      const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 12 * 24 * 60 }), fc.integer({ min: 1, max: 40 * 24 * 60 }));
      const history = fc.record({
        offsetMin: fc.integer({ min: 0, max: 60 * 24 * 60 }),
        cls: fc.constantFrom('aspirasi', 'permintaan_informasi', 'pengaduan', 'pengaduan_berkadar_pengawasan'),
        steps: fc.array(fc.record({ choice: fc.nat(99), gap }), { maxLength: 12 }),
      });
      const batch = fc.record({
        startDay: fc.integer({ min: 0, max: 700 }),
        histories: fc.array(history, { minLength: 20, maxLength: 40 }),
        asOfDays: fc.array(fc.integer({ min: 0, max: 150 * 24 * 60 }), { minLength: 2, maxLength: 3 }),
      });
      const ALLOWED: Record<string, Step['kind'][]> = {
        received: ['hold', 'archive', 'dispose', 'dispose', 'dispose'],
        on_hold: ['resume'],
        with_institution: ['forward', 'return', 'respond', 'respond'],
        with_unit: ['return_to_admin', 'respond', 'respond', 'respond'],
        returned: ['dispose'],
        responded: ['reply', 'close', 'auto_close', 'auto_close'],
      };

      it('over random histories (holds, returns, re-dispositions, zones, year ends)', async () => {
        const k = t.db.knex;
        // A stricter profile for Makassar from 2025-07-01: profiles are dated per institution.
        await k.transaction(async (trx) => {
          const p = await addProfile(trx, { name: 'ketat-uji', title: 'uji', valid_from: '2025-01-01', targets: {
            verification: 2, first_follow_up: 3, completion: { aspirasi: 3, permintaan_informasi: 4, pengaduan: 10, pengaduan_berkadar_pengawasan: 30 }, auto_close: 7 } });
          await assignProfile(trx, mks, p.id, '2025-07-01', 'test');
        });
        let checked = 0;
        let summaries = 0;
        let stored = 0;
        let batches = 0;
        const seen = new Set<string>();
        const paths = { spans: 0, events: 0 };
        await fc.assert(fc.asyncProperty(batch, async (b) => {
          const base = Date.parse('2024-12-01T00:00:00Z') + b.startDay * 86_400_000;
          const ids: number[] = [];
          for (const h of b.histories) {
            let at = base + h.offsetMin * 60_000;
            const receivedAt = new Date(at);
            let holder = { status: 'received', inst: null as number | null, unit: null as number | null };
            const steps: Step[] = [];
            for (const s of h.steps) {
              const options = ALLOWED[holder.status];
              if (!options) break;
              const kind = options[s.choice % options.length];
              at += s.gap * 60_000;
              const step: Step = { kind, at: new Date(at) };
              if (kind === 'dispose') step.to = insts()[(s.choice >> 2) % 4];
              if (kind === 'forward') step.to = units.get(holder.inst!);
              holder = apply(holder, step).to;
              steps.push(step);
            }
            // Every other history is written one event per statement (the life-cycle commands'
            // way): the trigger then maintains sla_spans incrementally.
            ids.push((await insertComplaint(k, { class: h.cls, receivedAt, steps }, { oneByOne: ids.length % 2 === 1 })).id);
          }
          // The sweep's judging of the stopped timers (every other batch: reports also run before it).
          if (batches++ % 2 === 0) stored += await judgeStoppedSpans(k, new Date());
          // Random instants (complaints with later events are computed from complaint_events) and
          // one after every history (all from sla_spans).
          for (const asOf of [...b.asOfDays.map((a) => new Date(base + a * 60_000)), new Date(base + 520 * 86_400_000)]) {
            const split = await k('sla_spans').where({ timer: 1 }).whereIn('complaint_id', ids)
              .select(k.raw('count(*) filter (where last_at <= ?)::int as spans, count(*) filter (where last_at > ?)::int as events', [asOf, asOf]));
            paths.spans += split[0].spans;
            paths.events += split[0].events;
            const sql = await listTimers(k, { asOf, complaintIds: ids });
            const pure = await pureTimers(t, ids, asOf);
            const calendar = await loadWorkCalendar(k);
            for (const id of ids) {
              const mine = sql.filter((r) => r.complaint_id === id).map((r) => ({
                timer: r.timer, instance: r.instance, inst: r.institution_id, unit: r.unit_id, start: r.start_at.getTime(),
                stop: r.stop_at?.getTime() ?? null, stopKind: r.stop_kind, target: r.target, used: r.used, held: r.held,
                paused: r.paused, state: r.state, returnedLate: r.returned_late, tz: r.tz_hours, deadline: r.deadline_day,
                unofficial: r.unofficial_year,
              }));
              const theirs = pure.get(id)!.map((x) => ({
                timer: x.timer, instance: x.instance, inst: x.institutionId, unit: x.unitId, start: x.start.getTime(),
                stop: x.stop?.getTime() ?? null, stopKind: x.stopKind ?? null, target: x.target, used: x.used, held: x.held,
                paused: x.paused, state: x.state, returnedLate: x.returnedLate, tz: TZ_HOURS[x.zone],
                deadline: x.deadline ? localDate(x.deadline, x.zone) : null,
                unofficial: unofficialYearsOfTimers([x], calendar, asOf).length > 0,
              }));
              for (const x of pure.get(id)!) {
                seen.add(x.state);
                if (x.held > 0) seen.add('held');
                if (x.paused) seen.add('paused');
                if (x.returnedLate) seen.add('returned_late');
                if (x.stopKind === 'auto_close') seen.add('swept');
                if (x.state === 'breached' && x.used <= x.target) seen.add('late_within_count');
                if (x.zone !== 'WIB') seen.add(x.zone);
                if (unofficialYearsOfTimers([x], calendar, asOf).length > 0) seen.add('unofficial');
              }
              const order = (a: { timer: string; instance: number }, b2: { timer: string; instance: number }) =>
                a.timer.localeCompare(b2.timer) || a.instance - b2.instance;
              expect(mine.sort(order), `complaint ${id} as of ${asOf.toISOString()}`).toEqual(theirs.sort(order));
              checked += theirs.length;
            }
            // The summary's packed histogram gives what aggregating the reference's timers gives,
            // computing every timer, and reading the judgements the sweep stored (judged once per
            // batch, before its first instant: so stored and computed spans mix in one summary).
            const reference = summariseReference(ids.flatMap((id) => pure.get(id)!));
            expect(await summaryOf(k, asOf, ids, false), `summary as of ${asOf.toISOString()}`).toEqual(reference);
            expect(await summaryOf(k, asOf, ids, true), `summary from stored judgements as of ${asOf.toISOString()}`).toEqual(reference);
            summaries++;
          }
        }), { numRuns: Number(process.env.SLA_RUNS ?? 12), seed: Number(process.env.SLA_SEED ?? 20261201), endOnFailure: true });
        // Enough cases ran, and every rule had cases to judge (a mutation of any rule must show).
        expect(checked).toBeGreaterThan(2500);
        expect(summaries).toBeGreaterThanOrEqual(36);
        expect(stored).toBeGreaterThan(300);
        expect([...seen].sort()).toEqual(['WIT', 'WITA', 'breached', 'held', 'late_within_count', 'met', 'open_late', 'open_within',
          'paused', 'returned', 'returned_late', 'swept', 'unofficial']);
        // Both sources of the engine were exercised, many times.
        expect(paths.spans).toBeGreaterThan(100);
        expect(paths.events).toBeGreaterThan(50);
      }, 300_000); // hundreds of random histories through both engines: minutes on a loaded 2-core machine, so a wide bound (the test asserts on results, never on time)

      it('a verification timer put on hold five times (the arithmetic windows and the function beyond three)', async () => {
        const k = t.db.knex;
        // Five holds of Friday → Tuesday (Sat, Sun, Mon skipped: 1 working day each held), the
        // second one across Christmas (Thu 25 libur, Fri 26 cuti bersama).
        const steps: Step[] = [];
        for (const [hold, resume] of [['2025-12-12', '2025-12-16'], ['2025-12-24', '2025-12-30'], ['2026-01-09', '2026-01-13'],
          ['2026-01-23', '2026-01-27'], ['2026-02-06', '2026-02-10']]) {
          steps.push({ kind: 'hold', at: WIB(`${hold}T10:00:00`) }, { kind: 'resume', at: WIB(`${resume}T09:00:00`) });
        }
        steps.push({ kind: 'dispose', at: WIB('2026-02-11T10:00:00'), to: bdg });
        const { id } = await insertComplaint(k, { receivedAt: WIB('2025-12-11T08:00:00'), steps });
        const asOf = WIB('2026-03-01T12:00:00');
        const [mine] = (await listTimers(k, { asOf, complaintIds: [id] })).filter((r) => r.timer === 'verification');
        const [theirs] = (await pureTimers(t, [id], asOf)).get(id)!.filter((x) => x.timer === 'verification');
        expect(mine.held).toBe(theirs.held);
        expect(mine.used).toBe(theirs.used);
        expect(mine.held).toBeGreaterThanOrEqual(5);
        const [v] = (await summaryOf(k, asOf, [id])).filter((r) => r.timer === 'verification');
        expect(v).toMatchObject({ total: 1, median_days: mine.used });
      });

      it('a statement of many complaints takes the planner\'s path and gives the same spans', async () => {
        const k = t.db.knex;
        const snap = async (ids: number[]) => (await k('sla_spans').whereIn('complaint_id', ids)
          .orderBy(['complaint_id', 'timer', 'instance']).select('*')).map(spanText);
        const ids = (await k('complaints').select('id').orderBy('id').limit(40)).map((r: { id: number }) => r.id);
        const before = await snap(ids);
        await k.transaction(async (trx) => {
          await trx.raw(`set local lapor.spans_refresh_many = '1'`);
          // Rewrite the events of 40 complaints in one statement: the trigger refreshes them all at once.
          await trx.raw('update complaint_events set reason = reason where complaint_id = any(?)', [ids]);
        });
        expect(await snap(ids)).toEqual(before);
        expect(before.length).toBeGreaterThan(40);
      });

      it('sla_spans kept by the trigger equal a full recompute from complaint_events', async () => {
        const k = t.db.knex;
        const snap = async () => (await k('sla_spans').orderBy(['complaint_id', 'timer', 'instance']).select('*')).map(spanText);
        const incremental = await snap();
        expect(incremental.length).toBeGreaterThan(500);
        await k.raw('select sla_spans_refresh(null)');
        expect(await snap()).toEqual(incremental);
      });
    });
  });
}
