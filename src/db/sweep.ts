import type { Knex } from 'knex';
import { planTransition, type ComplaintState } from '../domain/lifecycle.js';
import { localDate, type Zone } from '../domain/time.js';
import { loadWorkCalendar } from './calendar.js';
import { loadSlaResolvers } from './sla-profiles.js';
import { BatchConflict, writeBatch, type ChainStart, type PlannedWrite } from './transitions-batch.js';

export interface SweepItem {
  trackingId: string;
  institution: string | null;
  unit: string | null;
  zone: Zone;
  respondedAt: Date;
  /** The auto-close period of the holder's SLA profile (10 in permenpan-62-2018). */
  workingDays: number;
  deadline: Date;
  closedAt: Date;
  legacy: boolean;
  /** skipped: the complaint changed while the sweep ran (someone acted on it meanwhile). */
  outcome: 'closed' | 'would_close' | 'skipped';
}

export interface SweepResult {
  asOf: Date;
  examined: number;
  closed: SweepItem[];
  /** Years the closed complaints' counting touched that have no official holiday list (weekends only). */
  unofficialYears: number[];
}

/**
 * `lapor sla sweep`: closes every responded complaint whose last follow-up is more than N working
 * days old without a reply; N is the auto_close target of the SLA profile in force for the holder
 * institution on the date of that follow-up (as the SLA engine counts it; 10 by default). The deadline is DESIGN §6's
 * counting rule in the holder institution's zone; the auto_close event is dated at the moment the
 * period ended (the second after the deadline), so a late or repeated run writes the same history.
 * Idempotent: a closed complaint is no longer responded. A complaint that changes meanwhile (a
 * reply keyed in at the same moment) is skipped, never overwritten; the next run looks again.
 */
export async function runSweep(knex: Knex, opts: { asOf: Date; dryRun: boolean; batchSize?: number }): Promise<SweepResult> {
  const cal = await loadWorkCalendar(knex);
  const sla = await loadSlaResolvers(knex);
  const res = await knex.raw(
    `select c.id, c.tracking_id, c.version, c.institution_id, c.unit_id, c.legacy,
            i.code as institution_code, i.time_zone, u.code as unit_code,
            r.at as responded_at, le.seq as last_seq, le.at as last_at
     from complaints c
     left join institutions i on i.id = c.institution_id
     left join units u on u.id = c.unit_id
     join lateral (select max(e.at) as at from complaint_events e where e.complaint_id = c.id and e.kind = 'respond') r on true
     join lateral (select e.seq, e.at from complaint_events e where e.complaint_id = c.id order by e.seq desc limit 1) le on true
     where c.status = 'responded' and r.at is not null
     order by r.at, c.id`,
  );
  const due: { item: SweepItem; write: PlannedWrite; start: ChainStart }[] = [];
  const unofficial = new Set<number>();
  for (const r of res.rows as Record<string, any>[]) {
    const zone = (r.time_zone ?? 'WIB') as Zone;
    const respondedAt = new Date(r.responded_at);
    const n = sla.profileFor(r.institution_id ?? null, localDate(respondedAt, zone)).targets.auto_close;
    const deadline = cal.deadline(respondedAt, n, zone);
    if (opts.asOf.getTime() <= deadline.getTime()) continue;
    const state: ComplaintState = {
      id: Number(r.id), trackingId: r.tracking_id, status: 'responded', institutionId: r.institution_id, unitId: r.unit_id, version: r.version,
    };
    const decision = planTransition(state, 'system', { action: 'auto_close', reason: `${n} hari kerja tanpa tanggapan pelapor` });
    if (!decision.ok) continue;
    const closedAt = new Date(deadline.getTime() + 1000);
    for (const y of cal.yearsWithoutOfficialList(localDate(respondedAt, zone), localDate(deadline, zone))) unofficial.add(y);
    due.push({
      item: {
        trackingId: r.tracking_id, institution: r.institution_code ?? null, unit: r.unit_code ?? null, zone, respondedAt, workingDays: n, deadline,
        closedAt, legacy: r.legacy, outcome: opts.dryRun ? 'would_close' : 'closed',
      },
      write: { state, next: decision.next, event: decision.event, actor: 'system', at: closedAt },
      start: { lastSeq: Number(r.last_seq), lastAt: new Date(r.last_at) },
    });
  }
  if (!opts.dryRun) {
    const size = opts.batchSize ?? 500;
    for (let i = 0; i < due.length; i += size) {
      const batch = due.slice(i, i + size);
      const starts = new Map(batch.map((d) => [d.write.state.id, d.start]));
      try {
        await knex.transaction((trx) => writeBatch(trx, batch.map((d) => d.write), starts));
      } catch (err) {
        if (!(err instanceof BatchConflict)) throw err;
        // Someone acted on some of them meanwhile: write the others, skip those.
        const moved = new Set(err.complaintIds);
        const rest = batch.filter((d) => !moved.has(d.write.state.id));
        for (const d of batch) if (moved.has(d.write.state.id)) Object.assign(d.item, { outcome: 'skipped' });
        try {
          await knex.transaction((trx) => writeBatch(trx, rest.map((d) => d.write), starts));
        } catch (err2) {
          if (!(err2 instanceof BatchConflict)) throw err2;
          for (const d of rest) Object.assign(d.item, { outcome: 'skipped' });
        }
      }
    }
  }
  return {
    asOf: opts.asOf, examined: res.rows.length, closed: due.map((d) => d.item), unofficialYears: [...unofficial].sort(),
  };
}
