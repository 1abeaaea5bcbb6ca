import { unofficialYearNotice } from '../../domain/calendar.js';
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { DataError, NotPermittedError, UsageError } from '../../errors.js';
import { addOutputOptions, emitReport, tr, type OutputOptions, type Report } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { loadWorkCalendar } from '../../db/calendar.js';
import { loadSlaComplaint } from '../../db/sla-complaint.js';
import { loadSlaResolvers } from '../../db/sla-profiles.js';
import { computeTimers, explainDays, type ExplainReason } from '../../domain/sla.js';
import { formatInstant, isoWeekday, localDate, parseInstant } from '../../domain/time.js';
import { STATUS_LABEL } from './report-options.js';
import { L, STATE, TIMER, type Pair } from '../../i18n/index.js';

const REASON: Record<ExplainReason, Pair> = {
  workday: L.counted_working_day,
  weekend: L.skipped_weekend,
  libur_nasional: L.skipped_national_holiday,
  cuti_bersama: L.skipped_collective_leave,
  regional: L.skipped_regional_holiday,
  on_hold: L.skipped_on_hold,
};
const WEEKDAY = { id: ['', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'], en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };

/** `lapor sla explain TRACKING_ID`: every timer of one complaint, and each day counted or skipped, and why. */
export async function runExplain(ctx: Context, trackingId: string, opts: OutputOptions & { asOf?: string }): Promise<Report> {
  const asOf = opts.asOf ? parseInstant(opts.asOf, 'WIB') : ctx.now();
  if (!asOf) throw new UsageError(`--as-of '${opts.asOf}' is not an ISO instant or date`);
  const db = await ctx.db();
  const actor = await requireActor(db.knex, ctx.actorName());
  const found = await loadSlaComplaint(db.knex, trackingId.trim());
  if (!found) throw new DataError(`no complaint with tracking id '${trackingId}' (see \`lapor complaint list\`)`);
  const { head, complaint } = found;
  if (actor.role !== 'super_admin') {
    const touched = complaint.events.some((e) => e.toInstitutionId === actor.institutionId || e.fromInstitutionId === actor.institutionId);
    const unitOk = actor.role !== 'liaison' || complaint.events.some((e) => e.toUnitId === actor.unitId);
    if (!touched || !unitOk) throw new NotPermittedError(`complaint ${trackingId} is outside ${actor.username}'s scope`);
  }
  const lang = opts.lang ?? 'id';
  const calendar = await loadWorkCalendar(db.knex);
  const r = await loadSlaResolvers(db.knex);
  const timers = computeTimers(complaint, { calendar, asOf, zoneOf: r.zoneOf, profileFor: r.profileFor });
  const codes = new Map<number, string>();
  for (const i of await db.knex('institutions').select('id', 'code')) codes.set(i.id, i.code);
  const days = timers.flatMap((t) => explainDays(t, calendar, asOf).map((d) => ({
    timer: t.timer, instance: t.instance, date: d.date, weekday: WEEKDAY[lang][isoWeekday(d.date)],
    counted: d.counted, n: d.n ?? null, reason: d.reason, holiday: d.name ?? null,
  })));
  const warnings = calendar.yearsWithoutOfficialList(localDate(complaint.receivedAt, 'WIB'), localDate(asOf, 'WIB')).map(unofficialYearNotice);
  return {
    name: 'sla-explain',
    title: { id: `Penjelasan SLA laporan ${head.tracking_id}`, en: `SLA explanation of complaint ${head.tracking_id}` },
    subtitle: { id: `Status: ${tr(STATUS_LABEL[head.status] ?? { id: head.status, en: head.status }, 'id')}; klasifikasi ${head.class}`,
      en: `Status: ${tr(STATUS_LABEL[head.status] ?? { id: head.status, en: head.status }, 'en')}; class ${head.class}` },
    meta: { tracking_id: head.tracking_id, as_of: formatInstant(asOf, 'WIB'), received_at: formatInstant(complaint.receivedAt, 'WIB') },
    warnings,
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
          { key: 'stop_kind', header: L.by },
          { key: 'target', header: L.target_wd, type: 'int' },
          { key: 'used', header: L.wd_used, type: 'int' },
          { key: 'held', header: L.wd_on_hold, type: 'int' },
          { key: 'deadline', header: L.deadline_2, type: 'datetime', zoneKey: 'zone' },
          { key: 'state', header: L.state, vocab: STATE },
          { key: 'returned', header: STATE.returned, type: 'bool' },
        ],
        rows: timers.map((t) => ({
          timer: t.timer, instance: t.instance,
          institution: t.institutionId === null ? null : codes.get(t.institutionId) ?? String(t.institutionId),
          zone: t.zone, profile: t.profile, start: t.start,
          stop: t.stop ?? null, stop_kind: t.stopKind ?? null, target: t.target, used: t.used, held: t.held,
          deadline: t.deadline ?? null,
          state: t.state, returned: t.returned === true,
        })),
        notes: [{
          id: 'HK dihitung setelah tanggal mulai sampai tanggal berhenti (atau saat ini), di zona waktu pemegang laporan; hari yang seluruhnya ditunda tidak dihitung.',
          en: "Working days are counted after the start date up to the stop date (or now), in the holder's time zone; whole days on hold are skipped.",
        }],
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
    ],
  };
}

export function explainCommand(ctx: Context): Command {
  const cmd = new Command('explain')
    .description('explain the SLA figures of one complaint: each timer, and every day counted or skipped (weekend, holiday, on hold)')
    .argument('<tracking-id>', 'the complaint')
    .option('--as-of <instant>', 'judge as of this instant (default: now)');
  return addOutputOptions(cmd, ['table', 'csv', 'json', 'xlsx', 'html', 'pdf']).action(async (id: string, opts: OutputOptions & { asOf?: string }) => {
    await emitReport(ctx, await runExplain(ctx, id, opts), opts);
  });
}
