import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { DataError, UsageError } from '../../errors.js';
import { addOutputOptions, emitReport, tr, type Lang, type OutputOptions, type Report, type Text } from '../../cli/output/index.js';
import { assertAsOfInRange } from '../../cli/options.js';
import { requireActor } from '../../db/actor.js';
import { loadWorkCalendar } from '../../db/calendar.js';
import { loadSlaComplaint } from '../../db/sla-complaint.js';
import { loadSlaResolvers } from '../../db/sla-profiles.js';
import { unofficialYearNotice, type WorkCalendar } from '../../domain/calendar.js';
import {
  computeTimers, explainDays, lateDespiteCount, unofficialYearsOfTimers, type ExplainReason, type Timer,
} from '../../domain/sla.js';
import { formatInstant, formatLocalHuman, isoWeekday, localDate, parseInstant, type Zone } from '../../domain/time.js';
import { checkPassedThrough } from '../../domain/policy.js';
import { deny } from '../../usecases/refusal.js';
import { DAY_IN_SENTENCE, EVENT, fill, L, label as vocabLabel, perLang, STATE, STATUS, STOP_VERB, TIMER, WEEKDAY, WEEKDAY_SHORT, type Pair } from '../../i18n/index.js';

const REASON: Record<ExplainReason, Pair> = {
  workday: L.counted_working_day,
  weekend: L.skipped_weekend,
  libur_nasional: L.skipped_national_holiday,
  cuti_bersama: L.skipped_collective_leave,
  regional: L.skipped_regional_holiday,
  on_hold: L.skipped_on_hold,
};
/**
 * Instants shown to people (table, html, xlsx) read `02-11-2026 09.30 WIB`; machines (json, csv)
 * get ISO 8601 with the offset. Either way in the timer's own zone (rule 6).
 */
type InstantFormat = (instant: Date, zone: Zone) => string;
/** The format the report will be written in (as emitReport chooses it: --format, else the file's extension, else a table). */
function outputFormat(opts: OutputOptions): string {
  return opts.format ?? opts.output?.match(/\.(csv|json|xlsx|html?)$/i)?.[1]?.toLowerCase() ?? 'table';
}
const forMachines = (format: string) => format === 'json' || format === 'csv';

/** "3 HK" / "3 working days" (one working day, not one working days). */
const workingDays = (n: number) => fill(n === 1 ? L.working_day_1 : L.working_days_n, { n });

/** A timer in a sentence: its label, and its number where a complaint can have several (one per dispose or respond). */
const timerName = (t: Timer, lang: Lang) =>
  `${tr(TIMER[t.timer], lang)}${t.timer === 'first_follow_up' || t.timer === 'auto_close' ? ` #${t.instance}` : ''}`;

/** Rule 4 in words: why a timer is late although it used no more than its target. */
export function whyLate(t: Timer, calendar: WorkCalendar, fmt: InstantFormat = formatLocalHuman): Pair | undefined {
  const late = lateDespiteCount(t, calendar);
  if (!late) return undefined;
  const what = t.stop ? fill(L.stopped_on, { verb: STOP_VERB[(t.stopKind ?? 'stopped') as keyof typeof STOP_VERB] ?? STOP_VERB.stopped })
    : t.paused ? L.put_on_hold_on : L.still_open_as_of;
  return fill(L.late_although_counted, {
    used: t.used, target: t.target, what, day: WEEKDAY[isoWeekday(late.date) as keyof typeof WEEKDAY], at: fmt(late.at, t.zone),
    off: perLang((lang) => tr(DAY_IN_SENTENCE[late.day], lang) + (late.name ? ` (${late.name})` : '')), deadline: fmt(late.deadline, t.zone),
  });
}

/** The remarks of one timer: paused with HK left, returned in time or late, closed by the sweep, late despite the count. */
export function remarks(t: Timer, calendar: WorkCalendar, fmt: InstantFormat = formatLocalHuman): Pair {
  const parts: Pair[] = [];
  if (t.paused) {
    const since = t.holds.find((h) => h.to === undefined)!.from;
    parts.push(fill(L.paused_since, { since: fmt(since, t.zone), days: workingDays(t.left ?? 0) }));
  } else if (t.stop === undefined && t.left !== undefined && t.state === 'open_within') {
    parts.push(fill(L.days_left, { days: workingDays(t.left) }));
  }
  if (t.held > 0) parts.push(fill(L.given_back_for_holds, { days: workingDays(t.held) }));
  if (t.state === 'returned') parts.push(L.returned_by_the_deadline);
  if (t.returnedLate) parts.push(L.returned_after_the_deadline);
  if (t.timer === 'auto_close' && t.stopKind === 'auto_close') {
    parts.push(fill(L.closed_by_the_sweep, { at: fmt(t.stop!, t.zone), target: t.target }));
  }
  const late = whyLate(t, calendar, fmt);
  if (late) parts.push(late);
  return perLang((lang) => parts.map((p) => p[lang]).join('; '));
}

/** Rule 5: one warning per year without an official list, naming the deadlines that fall in it. */
function unofficialYearWarnings(timers: Timer[], calendar: WorkCalendar, asOf: Date): Text[] {
  return unofficialYearsOfTimers(timers, calendar, asOf).map((year) => {
    const notice = unofficialYearNotice(year);
    const falling = timers.filter((t) => t.deadline && Number(localDate(t.deadline, t.zone).slice(0, 4)) === year);
    if (falling.length === 0) return notice;
    return fill(L.deadlines_falling_in, { notice, year, timers: perLang((l) => falling.map((t) => timerName(t, l)).join(', ')) });
  });
}

/** `lapor sla explain TRACKING_ID`: every timer of one complaint, and each day counted or skipped, and why. */
export async function runExplain(ctx: Context, trackingId: string, opts: OutputOptions & { asOf?: string }): Promise<Report> {
  const asOf = opts.asOf ? parseInstant(opts.asOf, 'WIB') : ctx.now();
  if (!asOf) throw new UsageError(`--as-of '${opts.asOf}' is not an ISO instant or date`);
  assertAsOfInRange('--as-of', opts.asOf ?? '', asOf);
  const db = await ctx.db();
  const actor = await requireActor(db.knex, ctx.actorName());
  const found = await loadSlaComplaint(db.knex, trackingId.trim());
  if (!found) throw new DataError(`no complaint with tracking id '${trackingId}' (see \`lapor complaint list\`)`);
  const { head, complaint } = found;
  deny(checkPassedThrough(actor, {
    events: complaint.events, confidential: head.confidential,
    holderInstitutionId: head.institution_id ?? null, holderUnitId: head.unit_id ?? null,
    keyInstitutionId: head.key_institution_id ?? null,
  }, trackingId));
  const lang = opts.lang ?? 'id';
  const format = outputFormat(opts);
  const fmt: InstantFormat = forMachines(format) ? formatInstant : formatLocalHuman;
  // Remarks are sentences: a column in files, lines under the table on a terminal.
  const remarksAsNotes = format === 'table';
  const calendar = await loadWorkCalendar(db.knex);
  const r = await loadSlaResolvers(db.knex);
  const timers = computeTimers(complaint, { calendar, asOf, zoneOf: r.zoneOf, profileFor: r.profileFor });
  const codes = new Map<number, string>();
  for (const i of await db.knex('institutions').select('id', 'code')) codes.set(i.id, i.code);
  const label = (t: Timer) => tr(TIMER[t.timer], lang);
  const days = timers.flatMap((t) => explainDays(t, calendar, asOf).map((d) => ({
    timer: t.timer, instance: t.instance, date: d.date, weekday: tr(WEEKDAY_SHORT[isoWeekday(d.date) as keyof typeof WEEKDAY_SHORT], lang),
    counted: d.counted, n: d.n ?? null, reason: d.reason, holiday: d.name ?? null,
  })));
  const timerRemarks: Text[] = timers.flatMap((t) => {
    const r = remarks(t, calendar);
    if (!r.en) return [];
    return [perLang((l) => `* ${timerName(t, l)}: ${r[l]}`)];
  });
  const holds = timers.flatMap((t) => t.holds.map((h, i) => ({
    timer: t.timer, n: i + 1, zone: t.zone, from: h.from, to: h.to ?? null,
  })));
  return {
    name: 'sla-explain',
    title: fill(L.sla_explanation_of, { tracking_id: head.tracking_id }),
    subtitle: fill(L.status_and_class, { status: perLang((l) => vocabLabel(STATUS, head.status, l)), class: head.class }),
    meta: { tracking_id: head.tracking_id, as_of: fmt(asOf, 'WIB'), received_at: fmt(complaint.receivedAt, 'WIB') },
    warnings: unofficialYearWarnings(timers, calendar, asOf),
    sections: [
      {
        name: 'timers',
        title: L.timers_and_deadlines,
        columns: [
          { key: 'timer', header: L.timer_2, vocab: TIMER },
          { key: 'instance', header: L.x, type: 'int' },
          { key: 'institution', header: L.institution },
          { key: 'zone', header: L.zone },
          { key: 'profile', header: L.profile },
          { key: 'start', header: L.start, type: 'datetime', zoneKey: 'zone' },
          { key: 'stop', header: L.stop, type: 'datetime', zoneKey: 'zone' },
          { key: 'stop_kind', header: L.by, vocab: EVENT },
          { key: 'target', header: L.target_wd, type: 'int' },
          { key: 'used', header: L.wd_used, type: 'int' },
          { key: 'held', header: L.wd_on_hold, type: 'int' },
          { key: 'left', header: L.wd_left, type: 'int' },
          { key: 'deadline', header: L.deadline_2, type: 'datetime', zoneKey: 'zone' },
          { key: 'state', header: L.state, vocab: STATE },
          ...(remarksAsNotes ? [] : [{ key: 'remarks', header: L.remarks }]),
        ],
        rows: timers.map((t) => ({
          timer: t.timer, instance: t.instance,
          institution: t.institutionId === null ? null : codes.get(t.institutionId) ?? String(t.institutionId),
          zone: t.zone, profile: t.profile, start: t.start,
          stop: t.stop ?? null, stop_kind: t.stopKind ?? null, target: t.target, used: t.used, held: t.held,
          left: t.left ?? null,
          // A paused timer has no deadline until it resumes: its remark says so, with the HK left.
          deadline: t.deadline ?? null,
          state: t.state,
          remarks: remarks(t, calendar, fmt)[lang] || null,
        })),
        notes: [...(remarksAsNotes ? timerRemarks : []), L.how_days_are_counted],
      },
      {
        name: 'days',
        title: L.days_counted_and_skipped,
        columns: [
          { key: 'timer', header: L.timer_2, vocab: TIMER },
          { key: 'instance', header: L.x, type: 'int' },
          { key: 'date', header: L.date, type: 'date' },
          { key: 'weekday', header: L.day },
          { key: 'counted', header: L.counted, type: 'bool' },
          { key: 'n', header: L.wd_2, type: 'int' },
          { key: 'reason', header: L.reason, vocab: REASON },
          { key: 'holiday', header: L.holiday },
        ],
        rows: days,
      },
      ...(holds.length === 0 ? [] : [{
        name: 'holds',
        title: L.holds,
        columns: [
          { key: 'timer', header: L.timer_2, vocab: TIMER },
          { key: 'n', header: L.x, type: 'int' as const },
          { key: 'zone', header: L.zone },
          { key: 'from', header: L.put_on_hold, type: 'datetime' as const, zoneKey: 'zone' },
          { key: 'to', header: L.resumed, type: 'datetime' as const, zoneKey: 'zone' },
        ],
        rows: holds,
      }]),
    ],
  };
}

export function explainCommand(ctx: Context): Command {
  const cmd = new Command('explain')
    .argument('<tracking-id>', 'the complaint')
    .option('--as-of <instant>', 'judge as of this instant (default: now)');
  return addOutputOptions(cmd, ['table', 'csv', 'json', 'xlsx', 'html', 'pdf']).action(async (id: string, opts: OutputOptions & { asOf?: string }) => {
    await emitReport(ctx, await runExplain(ctx, id, opts), opts);
  });
}
