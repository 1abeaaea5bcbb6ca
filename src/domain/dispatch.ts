/**
 * Bulk dispatch (`lapor dispatch PLAN.csv`), pure part: the plan file format and the check of
 * every row against the complaints' state and the actor's permissions before anything is written.
 * Rows of one complaint are checked in file order on the state the earlier rows leave behind.
 */
import { parse } from 'csv-parse/sync';
import {
  planTransition, type ActingParty, type Action, type ComplaintState, type EventDraft, type TargetInstitution, type TargetUnit,
} from './lifecycle.js';
import type { Refusal } from './policy.js';

export const PLAN_COLUMNS = ['tracking_id', 'action', 'target', 'reason'] as const;

/** Plan actions: the `complaint` verbs. `return` goes to the admin from a unit, to national from an institution. */
export const PLAN_ACTIONS: Record<string, Action | 'return_any'> = {
  verify: 'dispose', dispose: 'dispose', hold: 'hold', resume: 'resume', archive: 'archive', forward: 'forward',
  return: 'return_any', respond: 'respond', reply: 'reply', close: 'close',
};

export interface PlanRow {
  line: number;
  trackingId: string;
  action: string;
  target: string;
  reason: string;
}

export interface PlanParse {
  rows: PlanRow[];
  /** Problems that make the file unusable (exit 65, nothing written): header, column counts. */
  problems: string[];
}

export function parsePlan(text: string): PlanParse {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // `info` gives each record's line in the file (blank lines are skipped, so indexes would drift).
    parsed = parse(clean, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof parsed;
  } catch (err) {
    return { rows: [], problems: [`not readable as CSV: ${(err as Error).message}`] };
  }
  const records = parsed.map((p) => p.record);
  if (records.length === 0) return { rows: [], problems: ['the plan is empty'] };
  const header = records[0].map((h) => h.toLowerCase());
  const problems: string[] = [];
  const missing = PLAN_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(PLAN_COLUMNS as readonly string[]).includes(h));
  if (missing.length) problems.push(`line 1: missing column(s) ${missing.join(', ')} (expected ${PLAN_COLUMNS.join(',')})`);
  if (unknown.length) problems.push(`line 1: unknown column(s) ${unknown.join(', ')} (expected ${PLAN_COLUMNS.join(',')})`);
  if (problems.length) return { rows: [], problems };
  const idx = Object.fromEntries(PLAN_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof PLAN_COLUMNS)[number], number>;
  const rows: PlanRow[] = [];
  records.slice(1).forEach((rec, i) => {
    const line = parsed[i + 1].info.lines;
    if (rec.length !== header.length) {
      problems.push(`line ${line}: ${rec.length} column(s), expected ${header.length}`);
      return;
    }
    rows.push({ line, trackingId: rec[idx.tracking_id], action: rec[idx.action].toLowerCase(), target: rec[idx.target], reason: rec[idx.reason] });
  });
  if (rows.length === 0 && problems.length === 0) problems.push('the plan has a header but no rows');
  return { rows, problems };
}

/** What the check needs to know, loaded in bulk beforehand. */
export interface DispatchLookup {
  complaint(trackingId: string): ComplaintState | undefined;
  institution(code: string): TargetInstitution | undefined;
  unit(institutionId: number, code: string): TargetUnit | undefined;
}

export interface RowOutcome {
  row: PlanRow;
  ok: boolean;
  refusal?: Refusal;
  /** The write, when ok (the state it was planned on is in write.state). */
  write?: { state: ComplaintState; next: ComplaintState; event: EventDraft; actor: ActingParty; at: Date };
}

/** Checks every row, in order; never throws for a bad row (it is refused with the reason). */
export function checkPlan(rows: PlanRow[], actor: ActingParty, lookup: DispatchLookup, now: Date): RowOutcome[] {
  const current = new Map<string, ComplaintState>();
  return rows.map((row): RowOutcome => {
    const refused = (kind: Refusal['kind'], message: string): RowOutcome => ({ row, ok: false, refusal: { kind, message } });
    if (row.trackingId === '') return refused('input', 'tracking_id is empty');
    const mapped = PLAN_ACTIONS[row.action];
    if (!mapped) return refused('input', `unknown action '${row.action}' (use ${Object.keys(PLAN_ACTIONS).join(', ')})`);
    const state = current.get(row.trackingId) ?? lookup.complaint(row.trackingId);
    if (!state) return refused('input', `no complaint with tracking id ${row.trackingId}`);
    const action: Action = mapped === 'return_any' ? (state.status === 'with_unit' ? 'return_to_admin' : 'return') : mapped;
    const text = row.reason === '' ? undefined : row.reason;
    const req = { action, reason: text, body: action === 'respond' || action === 'reply' ? text : undefined } as Parameters<typeof planTransition>[2];
    if (action === 'dispose') {
      if (row.target === '') return refused('input', 'verify needs a target institution code');
      const inst = lookup.institution(row.target);
      if (!inst) return refused('input', `unknown institution '${row.target}'`);
      req.targetInstitution = inst;
    } else if (action === 'forward') {
      if (row.target === '') return refused('input', 'forward needs a target unit code');
      const unit = state.institutionId === null ? undefined : lookup.unit(state.institutionId, row.target);
      // An unknown unit is only worth saying once the actor may forward this complaint at all.
      const probe = planTransition(state, actor, { ...req, targetUnit: unit ?? { id: -1, code: row.target, institutionId: state.institutionId ?? -1, active: true } });
      if (!probe.ok) return { row, ok: false, refusal: probe.refusal };
      if (!unit) return refused('input', `unit '${row.target}' is not a unit of the holding institution`);
      req.targetUnit = unit;
    } else if (row.target !== '') {
      return refused('input', `${row.action} takes no target (found '${row.target}')`);
    }
    const d = planTransition(state, actor, req);
    if (!d.ok) return { row, ok: false, refusal: d.refusal };
    current.set(row.trackingId, d.next);
    return { row, ok: true, write: { state, next: d.next, event: d.event, actor, at: now } };
  });
}
