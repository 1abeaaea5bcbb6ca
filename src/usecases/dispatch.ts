import type { Knex } from 'knex';
import type { Actor } from '../domain/actor.js';
import { checkPlan, type PlanRow, type RowOutcome } from '../domain/dispatch.js';
import type { TargetInstitution, TargetUnit } from '../domain/lifecycle.js';
import type { LaporError } from '../errors.js';
import { loadSnapshots, type ComplaintSnapshot } from '../db/complaints.js';
import { BatchConflict, writeBatch, type ChainStart, type PlannedWrite } from '../db/transitions-batch.js';
import { performAction, type ActionInput } from './perform-action.js';
import { PLAN_ACTIONS } from '../domain/dispatch.js';

export type DispatchOutcome = 'applied' | 'would_apply' | 'refused' | 'conflict';

export interface DispatchRowResult {
  line: number;
  trackingId: string;
  action: string;
  target: string;
  reason: string;
  outcome: DispatchOutcome;
  /** For refusals: role, scope, state, inactive, input, conflict. */
  why: string | null;
  message: string;
  status: string | null;
}

export interface DispatchRun {
  rows: DispatchRowResult[];
  applied: number;
  refused: number;
  batches: number;
  fallbackRows: number;
}

async function lookups(knex: Knex, rows: PlanRow[]) {
  const snaps = await loadSnapshots(knex, rows.map((r) => r.trackingId).filter(Boolean));
  const codes = [...new Set(rows.filter((r) => r.target !== '').map((r) => r.target))];
  const insts = new Map<string, TargetInstitution>();
  for (let i = 0; i < codes.length; i += 5000) {
    for (const r of await knex('institutions').whereIn('code', codes.slice(i, i + 5000)).select('id', 'code', 'status')) {
      insts.set(r.code, { id: r.id, code: r.code, status: r.status });
    }
  }
  // Units of every institution a complaint sits with or is disposed to in this plan.
  const instIds = new Set<number>([...insts.values()].map((x) => x.id));
  for (const s of snaps.values()) if (s.state.institutionId !== null) instIds.add(s.state.institutionId);
  const units = new Map<string, TargetUnit>();
  const ids = [...instIds];
  for (let i = 0; i < ids.length; i += 5000) {
    for (const u of await knex('units').whereIn('institution_id', ids.slice(i, i + 5000)).select('id', 'code', 'institution_id', 'active')) {
      units.set(`${u.institution_id}|${u.code}`, { id: u.id, code: u.code, institutionId: u.institution_id, active: u.active });
    }
  }
  return { snaps, insts, units };
}

function result(o: RowOutcome, outcome: DispatchOutcome, message: string, status: string | null, why: string | null = null): DispatchRowResult {
  return { line: o.row.line, trackingId: o.row.trackingId, action: o.row.action, target: o.row.target, reason: o.row.reason, outcome, why, message, status };
}

/**
 * Checks every row of a plan first (one query loads all referenced complaints, one the
 * institutions, one their units), then, unless dry, applies the permitted rows in batched
 * transactions of `batchSize` complaints (two statements per batch). A batch that meets a
 * complaint changed meanwhile is rolled back and its rows are applied one by one, each as its
 * own transaction with the usual conflict report.
 */
export async function runDispatch(
  knex: Knex, actor: Actor, rows: PlanRow[], opts: { dryRun: boolean; now: Date; batchSize?: number },
): Promise<DispatchRun> {
  const { snaps, insts, units } = await lookups(knex, rows);
  const outcomes = checkPlan(rows, actor, {
    complaint: (t) => snaps.get(t)?.state,
    institution: (c) => insts.get(c),
    unit: (i, c) => units.get(`${i}|${c}`),
  }, opts.now);
  const results: (DispatchRowResult | undefined)[] = outcomes.map((o) =>
    o.ok ? undefined : result(o, 'refused', o.refusal!.message, null, o.refusal!.kind));
  let batches = 0;
  let fallbackRows = 0;
  if (opts.dryRun) {
    outcomes.forEach((o, i) => { if (o.ok) results[i] = result(o, 'would_apply', `${o.write!.event.kind}: ${o.write!.event.fromStatus} → ${o.write!.event.toStatus}`, o.write!.next.status); });
  } else {
    // Group permitted rows by complaint (keeping file order within one), then batch whole complaints.
    const groups = new Map<number, number[]>();
    outcomes.forEach((o, i) => {
      if (!o.ok) return;
      const id = o.write!.state.id;
      groups.set(id, [...(groups.get(id) ?? []), i]);
    });
    const size = opts.batchSize ?? 1000;
    const groupList = [...groups.entries()];
    for (let g = 0; g < groupList.length; g += size) {
      const batch = groupList.slice(g, g + size);
      const idxs = batch.flatMap(([, list]) => list);
      const starts = new Map<number, ChainStart>();
      for (const [id, list] of batch) {
        const snap = snaps.get(outcomes[list[0]].row.trackingId) as ComplaintSnapshot;
        starts.set(id, { lastSeq: snap.lastSeq, lastAt: snap.last?.at ?? null });
      }
      batches++;
      try {
        await knex.transaction((trx) => writeBatch(trx, idxs.map((i) => outcomes[i].write as PlannedWrite), starts));
        for (const i of idxs) {
          const w = outcomes[i].write!;
          results[i] = result(outcomes[i], 'applied', `${w.event.kind}: ${w.event.fromStatus} → ${w.event.toStatus}`, w.next.status);
        }
      } catch (err) {
        if (!(err instanceof BatchConflict)) throw err;
        fallbackRows += idxs.length;
        for (const i of idxs) results[i] = await applyOne(knex, actor, outcomes[i], opts.now);
      }
    }
  }
  const final = results as DispatchRowResult[];
  return {
    rows: final,
    applied: final.filter((r) => r.outcome === 'applied' || r.outcome === 'would_apply').length,
    refused: final.filter((r) => r.outcome === 'refused' || r.outcome === 'conflict').length,
    batches,
    fallbackRows,
  };
}

/** One row on its own, as `complaint VERB` would do it (re-reads the complaint, reports a conflict). */
async function applyOne(knex: Knex, actor: Actor, o: RowOutcome, now: Date): Promise<DispatchRowResult> {
  const mapped = PLAN_ACTIONS[o.row.action];
  const text = o.row.reason === '' ? undefined : o.row.reason;
  const input: ActionInput = {
    action: mapped, reason: text, body: mapped === 'respond' || mapped === 'reply' ? text : undefined,
    disposeTo: mapped === 'dispose' ? o.row.target : undefined, toUnit: mapped === 'forward' ? o.row.target : undefined,
  };
  try {
    const r = await performAction(knex, actor, o.row.trackingId, input, now);
    return result(o, 'applied', `${r.kind}: ${r.from.status} → ${r.to.status}`, r.to.status);
  } catch (err) {
    const e = err as LaporError;
    if (typeof e.exitCode !== 'number') throw err;
    return result(o, e.exitCode === 75 ? 'conflict' : 'refused', e.message, null, e.exitCode === 75 ? 'conflict' : e.exitCode === 65 ? 'input' : 'not_permitted');
  }
}
