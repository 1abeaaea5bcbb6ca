/**
 * `lapor import events FILE`: whole legacy histories onto imported complaints. Each line is one
 * event (CSV or JSON Lines: external id, instant, kind, from, to, actor name, reason, text); a
 * complaint's lines, in file order, are its history. Every step is checked against the
 * life-cycle (planTransition); the first illegal one rejects that complaint's history (nothing of
 * it written) with the line and the reason. Idempotent and resumable: each event keeps its
 * position in its complaint's legacy history, so (institution, source, external id, position) is
 * written once; a re-run counts what is there as duplicates and writes the rest. Complaints are
 * written in chunks, each one transaction (events, complaint states, rejects, batch counts).
 * The file is streamed: a complaint's lines must be together (one block each), so only the current
 * block, one chunk and the ids already finished are held; a block that comes back stops the run (65).
 * With a rejects file (`--rejects`), every line of a rejected history goes there (RejectsWriter: the
 * source's encoding, delimiter and header plus `_line,_field,_reason`; a JSON Lines source gets a
 * UTF-8 CSV with the event columns), written before its chunk commits; fed back, the trailer is
 * ignored and the neutralised cells restored.
 */
import path from 'node:path';
import { DataError } from '../../errors.js';
import type { Actor } from '../../domain/actor.js';
import type { ComplaintState, Status, TargetInstitution, TargetUnit } from '../../domain/lifecycle.js';
import { isoUtc, type Zone } from '../../domain/time.js';
import { CsvSplitter, detectDelimiter, type CsvRecord } from '../../domain/import/csv.js';
import { isRejectsHeader, REJECT_COLUMNS_TRAILER, restoreNeutralised } from '../../domain/import/rejects-format.js';
import { rejectText, type RejectCode, type RejectParams, type RejectReason } from '../../i18n/rejects.js';
import type { Lang } from '../../i18n/types.js';
import { vocabKey } from '../../domain/import/values.js';
import {
  EVENT_COLUMN_NAMES, EVENT_COLUMNS, planLegacyHistory, type LegacyEventInput, type Resolvers,
} from '../../domain/import/events.js';
import type { Db } from '../../db/engine.js';
import { copyText, openBulkSession, rejectCopyLine, REJECT_COLUMNS } from '../../db/import/bulk.js';
import { addCounts, createBatch, finishBatch, type Counts } from '../../db/import/batches.js';
import { decodeFile, examineFile, type FileFacts } from '../../db/import/source.js';
import { resolveScope } from './run.js';
import { LEGACY_ACTOR } from '../../domain/import/row.js';
import { refuseOutputOverInput } from './files.js';
import { RejectsWriter } from './rejects.js';

export interface EventsImportOptions {
  file: string;
  /** The source the complaints were imported under (`import complaints --source`). */
  source: string;
  institution?: string;
  dryRun: boolean;
  /** Complaints per transaction. */
  chunkSize?: number;
  actor: Actor;
  allowMojibake?: boolean;
  /** Write every line of a rejected history here (see the module comment). */
  rejectsFile?: string;
  /** The language of the rejects file's `_reason` (the run's). */
  lang?: Lang;
}

export interface EventsImportSummary extends Counts {
  batchId: number;
  source: string;
  file: string;
  institution: string;
  format: 'csv' | 'jsonl';
  complaints: number;
  complaintsRejected: number;
  dryRun: boolean;
  /** The first rejects: `reason` in English (as import_rejects keeps it), code and params to show it in the run's language. */
  firstRejects: Array<{ line: number; field: string | null; reason: string; code: RejectCode; params: RejectParams }>;
  rejectsFile?: string;
}

/** What the reader found out about the file, once its first line is read. */
interface FileMeta {
  format?: 'csv' | 'jsonl';
  /** CSV: the delimiter. */
  delimiter?: string;
  /** The columns of the rejects file: CSV, the source's header (without a fed-back trailer); JSON Lines, EVENT_COLUMNS. */
  header?: string[];
}

const EVENT_COPY_COLUMNS = ['complaint_id', 'seq', 'kind', 'at', 'actor', 'from_status', 'to_status', 'from_institution_id',
  'to_institution_id', 'from_unit_id', 'to_unit_id', 'reason', 'body', 'legacy', 'import_position'] as const;

/** The CSV or JSON Lines file, read as a stream of event lines (the text is never whole in memory). */
async function* readEventRows(file: string, facts: FileFacts, meta: FileMeta): AsyncGenerator<LegacyEventInput> {
  // `_line`, `_field`, `_reason` (a rejects file's) are never columns: `_reason` would read as `reason`.
  const trailer = new Set<string>(REJECT_COLUMNS_TRAILER);
  const get = (o: Record<string, unknown>, col: (typeof EVENT_COLUMNS)[number]): string => {
    for (const k of Object.keys(o)) {
      if (trailer.has(k.trim().toLowerCase())) continue;
      if (EVENT_COLUMN_NAMES[col].some((n) => vocabKey(n) === vocabKey(k))) return o[k] == null ? '' : String(o[k]).trim();
    }
    return '';
  };
  const chunks = decodeFile(file, facts)[Symbol.asyncIterator]();
  // Enough text to tell the format (and, for CSV, the delimiter).
  let head = '';
  let done = false;
  while (!done && (head.trimStart().length === 0 || head.length < 64 * 1024)) {
    const c = await chunks.next();
    if (c.done) done = true;
    else head += c.value.text;
  }
  head = head.replace(/^\uFEFF/, '');
  const texts = async function* () {
    yield head;
    if (done) return;
    for (;;) {
      const c = await chunks.next();
      if (c.done) return;
      yield c.value.text;
    }
  };
  if (head.trimStart().startsWith('{')) {
    meta.format = 'jsonl';
    meta.header = [...EVENT_COLUMNS];
    let rest = '';
    let line = 0;
    const parse = function* (l: string) {
      line += 1;
      if (l.trim() === '') return;
      let o: unknown;
      try {
        o = JSON.parse(l);
      } catch (err) {
        throw new DataError(`${file}: line ${line} is not JSON (${(err as Error).message}); the run stopped there`,
          ['the chunks committed before stay (re-running counts them as duplicates)']);
      }
      if (!o || typeof o !== 'object' || Array.isArray(o)) throw new DataError(`${file}: line ${line} is not a JSON object; the run stopped there`);
      const r = Object.fromEntries(EVENT_COLUMNS.map((c) => [c, get(o as Record<string, unknown>, c)]));
      yield { line, externalId: r.external_id, at: r.at, kind: r.kind, from: r.from, to: r.to, actor: r.actor, reason: r.reason, text: r.text,
        cells: EVENT_COLUMNS.map((c) => r[c]) };
    };
    for await (const text of texts()) {
      let buf = rest + text;
      // A CR at the end may be the first half of a CRLF split by the chunk boundary.
      const heldCr = buf.endsWith('\r');
      if (heldCr) buf = buf.slice(0, -1);
      const lines = buf.split(/\r\n|\n|\r/);
      rest = lines.pop()! + (heldCr ? '\r' : '');
      for (const l of lines) yield* parse(l);
    }
    if (rest !== '') yield* parse(rest.replace(/\r$/, ''));
    return;
  }
  meta.format = 'csv';
  meta.delimiter = detectDelimiter(head.slice(0, 64 * 1024));
  const sp = new CsvSplitter({ delimiter: meta.delimiter });
  type Pos = Record<(typeof EVENT_COLUMNS)[number], number>;
  let pos: Pos | undefined;
  let width = 0;
  let fromRejectsFile = false;
  const rowsOf = function* (recs: CsvRecord[]) {
    for (const r of recs) {
      if (r.fields.length === 1 && r.fields[0] === '') continue;
      if (!pos) {
        let names = r.fields.map((h) => h.trim());
        // A rejects file fed back (fixed in a spreadsheet): its trailing _line,_field,_reason are
        // ignored and the cells neutralised against formulas on the way out are restored.
        fromRejectsFile = isRejectsHeader(names);
        if (fromRejectsFile) names = names.slice(0, -REJECT_COLUMNS_TRAILER.length);
        width = names.length;
        meta.header = names;
        const header = names.map((h) => vocabKey(h));
        pos = Object.fromEntries(EVENT_COLUMNS.map((c) => [c, header.findIndex((h) => EVENT_COLUMN_NAMES[c].some((n) => vocabKey(n) === h))])) as Pos;
        const missing = (['external_id', 'at', 'kind'] as const).filter((c) => pos![c] < 0);
        if (missing.length) {
          throw new DataError(`${file}: the header has no column for ${missing.join(', ')}; nothing imported`,
            [`columns: ${EVENT_COLUMNS.join(', ')} (external_id, at and kind are required)`, `header: ${r.fields.join(' | ')}`]);
        }
        continue;
      }
      const p = pos;
      let cells = r.fields;
      if (fromRejectsFile) {
        if (cells.length === width + REJECT_COLUMNS_TRAILER.length) cells = cells.slice(0, width);
        cells = cells.map(restoreNeutralised);
      }
      const f = (c: (typeof EVENT_COLUMNS)[number]) => (p[c] >= 0 ? (cells[p[c]] ?? '').trim() : '');
      yield { line: r.line, externalId: f('external_id'), at: f('at'), kind: f('kind'), from: f('from'), to: f('to'), actor: f('actor'), reason: f('reason'), text: f('text'), cells };
    }
  };
  for await (const text of texts()) yield* rowsOf(sp.push(text));
  yield* rowsOf(sp.end());
  if (!pos) throw new DataError(`${file}: no header line`);
}

export async function runEventsImport(db: Db, o: EventsImportOptions): Promise<EventsImportSummary> {
  // Before anything is opened: the rejects file must not be the file this run reads.
  refuseOutputOverInput('--rejects', o.rejectsFile, [['input file', o.file]]);
  const scope = await resolveScope(db, o.actor, o.institution);
  const facts = await examineFile(o.file);
  if (facts.mojibake && !o.allowMojibake) {
    throw new DataError(`${o.file}: line ${facts.mojibake.line} looks like mojibake ('${facts.mojibake.reads}'); nothing imported`,
      ['give --allow-mojibake if the text really is meant so', `encoding: ${facts.encodingWhy}`]);
  }
  const meta: FileMeta = {};
  const rows = readEventRows(o.file, facts, meta)[Symbol.asyncIterator]();
  // The first line read before the batch is recorded: a file without the needed header is refused as before.
  let next = await rows.next();
  const format = meta.format ?? 'csv';

  // Reference data: institutions by code, units by (institution, code).
  const insts = await db.knex('institutions').select('id', 'code', 'status', 'time_zone');
  const byCode = new Map<string, TargetInstitution>(insts.map((i: { id: number; code: string; status: string }) => [i.code.toLowerCase(), { id: i.id, code: i.code, status: i.status }]));
  const codeById = new Map<number, string>(insts.map((i: { id: number; code: string }) => [i.id, i.code]));
  const units = await db.knex('units').select('id', 'code', 'institution_id', 'active');
  const unitByKey = new Map<string, TargetUnit>(units.map((u: { id: number; code: string; institution_id: number; active: boolean }) =>
    [`${u.institution_id}/${u.code.toLowerCase()}`, { id: u.id, code: u.code, institutionId: u.institution_id, active: u.active }]));
  const unitCodeById = new Map<number, string>(units.map((u: { id: number; code: string }) => [u.id, u.code]));
  const resolvers: Resolvers = {
    institution: (code) => byCode.get(code.toLowerCase()),
    unit: (inst, code) => unitByKey.get(`${inst}/${code.toLowerCase()}`),
    institutionCode: (id) => codeById.get(id) ?? String(id),
    unitCode: (id) => unitCodeById.get(id) ?? String(id),
  };
  const zone = scope.zone as Zone;

  let rejectsOut: RejectsWriter | undefined;
  const session = await openBulkSession(db);
  const totals: Counts = { read: 0, inserted: 0, duplicates: 0, rejected: 0 };
  const firstRejects: EventsImportSummary['firstRejects'] = [];
  let batchId = 0;
  let complaintsRejected = 0;
  let finishedCount = 0;
  try {
    batchId = await createBatch(session, {
      source: o.source, fileName: path.basename(o.file), fileHash: facts.sha256, institutionId: scope.institutionId,
      dryRun: o.dryRun, actor: o.actor.username, options: { kind: 'events', format, encoding: facts.encoding, file_size: facts.size },
    });
    // After the batch is recorded, so a rejects file that cannot be written (74) marks it failed.
    const rejectsHeader = meta.header ?? [...EVENT_COLUMNS];
    if (o.rejectsFile) {
      // A CSV source: its encoding, BOM and delimiter. JSON Lines: a UTF-8 CSV (with a BOM, so a
      // spreadsheet reads it as UTF-8) that `import events` reads back as it is.
      rejectsOut = format === 'csv' ? new RejectsWriter(o.rejectsFile, facts.encoding, facts.bom > 0, meta.delimiter ?? ',')
        : new RejectsWriter(o.rejectsFile, 'utf8', true, ',');
      rejectsOut.open(rejectsHeader);
    }
    const lang = o.lang ?? 'en';
    const batchText = String(batchId);
    const chunkSize = o.chunkSize ?? 2_000;
    const rejectRows: string[] = [];
    /** The rejects file's lines of the chunk being written: written (in line order) before it commits. */
    const fileRows: Array<{ line: number; cells: string[]; field: string | null; reason: string }> = [];
    const toFile = (s: LegacyEventInput, field: string | null, why: RejectReason) => {
      if (rejectsOut) fileRows.push({ line: s.line, cells: s.cells ?? [], field, reason: rejectText(why, lang) });
    };
    const reject = (s: LegacyEventInput, field: string | null, code: RejectCode, params: RejectParams = {}) => {
      const reason = rejectText({ code, params }, 'en');
      rejectRows.push(rejectCopyLine(batchText, s.line, rawOf(s), field, { code, params, english: reason }));
      if (firstRejects.length < 20) firstRejects.push({ line: s.line, field, reason, code, params });
      toFile(s, field, { code, params });
    };
    const rawOf = (r: LegacyEventInput) => JSON.stringify([r.externalId, r.at, r.kind, r.from, r.to, r.actor, r.reason, r.text]);
    let pendingRead = 0;
    let pendingRejected = 0;
    type Steps = Array<LegacyEventInput & { position: number }>;
    const writeChunk = async (chunk: Map<string, Steps>) => {
      const chunkKeys = [...chunk.keys()];
      await session.query('begin');
      try {
        const found = chunkKeys.length ? await session.query<{
          id: string; tracking_id: string; external_id: string; status: Status; institution_id: number | null; unit_id: number | null;
          version: number; last_seq: number; last_at: Date; max_pos: number | null; returned_by: number | null;
        }>(`select c.id, c.tracking_id, c.external_id, c.status, c.institution_id, c.unit_id, c.version,
                   l.seq as last_seq, l.at as last_at, p.max_pos, r.from_institution_id as returned_by
            from complaints c
            cross join lateral (select seq, at from complaint_events e where e.complaint_id = c.id order by seq desc limit 1) l
            left join lateral (select max(import_position) as max_pos from complaint_events e where e.complaint_id = c.id) p on true
            left join lateral (select from_institution_id from complaint_events e where e.complaint_id = c.id and e.kind = 'return'
                               order by seq desc limit 1) r on true
            where c.key_institution_id = $1 and c.source = $2 and c.external_id = any($3::text[])
            for update of c`, [scope.institutionId, o.source, chunkKeys]) : [];
        const byKey = new Map(found.map((f) => [f.external_id, f]));
        const eventLines: string[] = [];
        const updates: Array<{ id: number; status: string; inst: number | null; unit: number | null; version: number; old: number }> = [];
        const counts: Counts = { read: pendingRead, inserted: 0, duplicates: 0, rejected: pendingRejected };
        pendingRead = 0;
        pendingRejected = 0;
        for (const key of chunkKeys) {
          const steps = chunk.get(key)!;
          counts.read += steps.length;
          const c = byKey.get(key);
          if (!c) {
            complaintsRejected += 1;
            counts.rejected += steps.length;
            reject(steps[0], 'external_id', 'event_no_complaint', { value: `'${key}'`, source: o.source, institution: scope.code });
            for (const s of steps.slice(1)) reject(s, 'external_id', 'event_no_complaint_again', { value: `'${key}'`, line: steps[0].line });
            continue;
          }
          const done = c.max_pos ?? 0;
          const todo = steps.filter((s) => s.position > done);
          counts.duplicates += steps.length - todo.length;
          if (todo.length === 0) continue;
          const state: ComplaintState = {
            id: Number(c.id), trackingId: c.tracking_id, status: c.status, institutionId: c.institution_id, unitId: c.unit_id,
            version: c.version, returnedByInstitutionId: c.returned_by,
          };
          const plan = planLegacyHistory(state, new Date(c.last_at), todo, resolvers, zone);
          if (!plan.ok) {
            complaintsRejected += 1;
            counts.rejected += todo.length;
            // The rejects file gets the whole history, the lines already imported too: fed back, each
            // line keeps its position (they count as duplicates) and the fixed ones follow them.
            for (const s of steps) {
              if (s.position <= done) toFile(s, null, { code: 'event_already_imported', params: { position: s.position } });
              else if (s.line === plan.line) reject(s, plan.field, plan.code, plan.params);
              else reject(s, null, 'event_history_rejected', { line: plan.line });
            }
            continue;
          }
          counts.inserted += plan.events.length;
          let seq = Number(c.last_seq);
          for (const e of plan.events) {
            seq += 1;
            const d = e.draft;
            eventLines.push([c.id, String(seq), d.kind, isoUtc(e.at), copyText(e.actor ?? LEGACY_ACTOR), d.fromStatus, d.toStatus,
              d.fromInstitutionId ?? '\\N', d.toInstitutionId ?? '\\N', d.fromUnitId ?? '\\N', d.toUnitId ?? '\\N',
              copyText(d.reason), copyText(d.body), 't', String(e.position)].join('\t'));
          }
          updates.push({ id: Number(c.id), status: plan.next.status, inst: plan.next.institutionId, unit: plan.next.unitId, version: plan.next.version, old: c.version });
        }
        if (!o.dryRun && eventLines.length) {
          await session.copyIn('complaint_events', EVENT_COPY_COLUMNS, eventLines.join('\n') + '\n');
          const upd = await session.query<{ id: string }>(
            `update complaints c set status = v.status, institution_id = v.inst, unit_id = v.unit, version = v.version, updated_at = now()
             from jsonb_to_recordset($1::jsonb) as v(id bigint, status text, inst int, unit int, version int, old int)
             where c.id = v.id and c.version = v.old returning c.id`, [JSON.stringify(updates)]);
          if (upd.length !== updates.length) throw new DataError('complaints changed while their history was being imported; re-run the same command');
        }
        if (rejectRows.length) {
          await session.copyIn('import_rejects', REJECT_COLUMNS, rejectRows.join('\n') + '\n');
          rejectRows.length = 0;
        }
        await addCounts(session, batchId, counts);
        if (rejectsOut) {
          // On disk before the chunk commits: a rejects file that cannot be written (74) leaves the chunk unwritten.
          fileRows.sort((a, b) => a.line - b.line);
          for (const f of fileRows) rejectsOut.write(f.cells, rejectsHeader.length, f.line, f.field, f.reason);
          fileRows.length = 0;
          rejectsOut.flush();
        }
        await session.query('commit');
        totals.read += counts.read;
        totals.inserted += counts.inserted;
        totals.duplicates += counts.duplicates;
        totals.rejected += counts.rejected;
      } catch (err) {
        await session.query('rollback').catch(() => undefined);
        throw err;
      }
    };
    // A complaint's lines must be together (in its history's order): the stream keeps only the
    // current complaint's lines and a chunk of finished ones, and remembers the ids it has
    // finished (the last line of each) to refuse a complaint whose lines come back later.
    const finished = new Map<string, number>();
    let chunk = new Map<string, Steps>();
    let current: { key: string; steps: Steps } | undefined;
    const close = async () => {
      if (current) {
        finished.set(current.key, current.steps[current.steps.length - 1].line);
        chunk.set(current.key, current.steps);
        current = undefined;
      }
      if (chunk.size >= chunkSize) {
        await writeChunk(chunk);
        chunk = new Map();
      }
    };
    for (; !next.done; next = await rows.next()) {
      const r = next.value;
      if (!r.externalId) {
        reject(r, 'external_id', 'event_no_external_id');
        pendingRead += 1;
        pendingRejected += 1;
        continue;
      }
      if (current?.key === r.externalId) {
        current.steps.push({ ...r, position: current.steps.length + 1 });
        continue;
      }
      await close();
      const before = finished.get(r.externalId);
      if (before !== undefined) {
        throw new DataError(`${o.file}: line ${r.line} is an event of complaint '${r.externalId}' again, after other complaints' lines (its lines ended on line ${before}); the run stopped there`,
          ['a complaint\'s lines must be together, in the order of its history: sort the file by external id (a stable sort keeps each history\'s order) and run the same command again',
            'the chunks committed before stay (re-running counts them as duplicates)']);
      }
      current = { key: r.externalId, steps: [{ ...r, position: 1 }] };
    }
    await close();
    finishedCount = finished.size;
    if (chunk.size > 0 || pendingRead > 0) await writeChunk(chunk);
    rejectsOut?.close();
    await finishBatch(session, batchId, 'done', o.dryRun ? 'dry run: events checked, none written' : null);
  } catch (err) {
    if (batchId) await finishBatch(session, batchId, 'failed', (err instanceof Error ? err.message : String(err)).slice(0, 1000)).catch(() => undefined);
    throw err;
  } finally {
    rejectsOut?.closeQuietly();
    await session.release();
  }
  return {
    ...totals, batchId, source: o.source, file: o.file, institution: scope.code, format, complaints: finishedCount, complaintsRejected,
    dryRun: o.dryRun, firstRejects, rejectsFile: o.rejectsFile,
  };
}
