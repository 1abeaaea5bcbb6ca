import { unofficialYearNotice } from '../../domain/calendar.js';
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { DataError, UsageError } from '../../errors.js';
import { addOutputOptions, emitReport, tr, type OutputOptions, type Report } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { loadWorkCalendar } from '../../db/calendar.js';
import { loadSlaComplaint } from '../../db/sla-complaint.js';
import { loadSlaResolvers } from '../../db/sla-profiles.js';
import { computeTimers, explainDays, type ExplainReason } from '../../domain/sla.js';
import { formatInstant, isoWeekday, localDate, parseInstant } from '../../domain/time.js';
import { STATE_LABEL, STATUS_LABEL, TIMER_LABEL } from './report-options.js';
import { checkPassedThrough } from '../../domain/policy.js';
import { deny } from '../../usecases/refusal.js';

const REASON: Record<ExplainReason, { id: string; en: string }> = {
  workday: { id: 'dihitung (hari kerja)', en: 'counted (working day)' },
  weekend: { id: 'dilewati: akhir pekan', en: 'skipped: weekend' },
  libur_nasional: { id: 'dilewati: libur nasional', en: 'skipped: national holiday' },
  cuti_bersama: { id: 'dilewati: cuti bersama', en: 'skipped: collective leave' },
  regional: { id: 'dilewati: libur daerah', en: 'skipped: regional holiday' },
  on_hold: { id: 'dilewati: ditunda (Tunda)', en: 'skipped: on hold' },
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
  deny(checkPassedThrough(actor, complaint.events, trackingId));
  const lang = opts.lang ?? 'id';
  const calendar = await loadWorkCalendar(db.knex);
  const r = await loadSlaResolvers(db.knex);
  const timers = computeTimers(complaint, { calendar, asOf, zoneOf: r.zoneOf, profileFor: r.profileFor });
  const codes = new Map<number, string>();
  for (const i of await db.knex('institutions').select('id', 'code')) codes.set(i.id, i.code);
  const days = timers.flatMap((t) => explainDays(t, calendar, asOf).map((d) => ({
    timer: tr(TIMER_LABEL[t.timer], lang), instance: t.instance, date: d.date, weekday: WEEKDAY[lang][isoWeekday(d.date)],
    counted: d.counted, n: d.n ?? null, reason: tr(REASON[d.reason], lang), holiday: d.name ?? null,
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
        title: { id: 'Tahap dan tenggat', en: 'Timers and deadlines' },
        columns: [
          { key: 'timer', header: { id: 'tahap', en: 'timer' } },
          { key: 'instance', header: { id: 'ke', en: '#' }, type: 'int' },
          { key: 'institution', header: { id: 'instansi', en: 'institution' } },
          { key: 'zone', header: { id: 'zona', en: 'zone' } },
          { key: 'profile', header: { id: 'profil', en: 'profile' } },
          { key: 'start', header: { id: 'mulai', en: 'start' } },
          { key: 'stop', header: { id: 'berhenti', en: 'stop' } },
          { key: 'stop_kind', header: { id: 'oleh', en: 'by' } },
          { key: 'target', header: { id: 'target HK', en: 'target WD' }, type: 'int' },
          { key: 'used', header: { id: 'HK terpakai', en: 'WD used' }, type: 'int' },
          { key: 'held', header: { id: 'HK ditunda', en: 'WD on hold' }, type: 'int' },
          { key: 'deadline', header: { id: 'tenggat', en: 'deadline' } },
          { key: 'state', header: { id: 'keadaan', en: 'state' } },
        ],
        rows: timers.map((t) => ({
          timer: tr(TIMER_LABEL[t.timer], lang), instance: t.instance,
          institution: t.institutionId === null ? null : codes.get(t.institutionId) ?? String(t.institutionId),
          zone: t.zone, profile: t.profile, start: formatInstant(t.start, t.zone),
          stop: t.stop ? formatInstant(t.stop, t.zone) : null, stop_kind: t.stopKind ?? null, target: t.target, used: t.used, held: t.held,
          deadline: t.deadline ? formatInstant(t.deadline, t.zone) : (lang === 'id' ? '(dijeda: Tunda)' : '(paused: on hold)'),
          state: tr(STATE_LABEL[t.state], lang) + (t.returned ? (lang === 'id' ? ', dikembalikan' : ', returned') : ''),
        })),
        notes: [{
          id: 'HK dihitung setelah tanggal mulai sampai tanggal berhenti (atau saat ini), di zona waktu pemegang laporan; hari yang seluruhnya ditunda tidak dihitung.',
          en: "Working days are counted after the start date up to the stop date (or now), in the holder's time zone; whole days on hold are skipped.",
        }],
      },
      {
        name: 'days',
        title: { id: 'Hari yang dihitung dan dilewati', en: 'Days counted and skipped' },
        columns: [
          { key: 'timer', header: { id: 'tahap', en: 'timer' } },
          { key: 'instance', header: { id: 'ke', en: '#' }, type: 'int' },
          { key: 'date', header: { id: 'tanggal', en: 'date' }, type: 'date' },
          { key: 'weekday', header: { id: 'hari', en: 'day' } },
          { key: 'counted', header: { id: 'dihitung', en: 'counted' }, type: 'bool' },
          { key: 'n', header: { id: 'HK ke', en: 'WD #' }, type: 'int' },
          { key: 'reason', header: { id: 'alasan', en: 'reason' } },
          { key: 'holiday', header: { id: 'hari libur', en: 'holiday' } },
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
  return addOutputOptions(cmd, ['table', 'csv', 'json', 'xlsx', 'html']).action(async (id: string, opts: OutputOptions & { asOf?: string }) => {
    await emitReport(ctx, await runExplain(ctx, id, opts), opts);
  });
}
