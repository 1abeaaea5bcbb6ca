/**
 * The COPY text of `import complaints` (one home for it, wherever it is built: the main thread on
 * PostgreSQL, the reader's worker on PGlite). A row is prepared once, as soon as it is read: its
 * complaints line after the two ids and its complaint_events lines after the complaint's id. The
 * ids are the database's (the chunk's transaction reserves them for the rows that are not already
 * there), so a chunk's text is finished only then, by chunkCopyText.
 */
import { isoUtc } from '../../domain/time.js';
import { trackingIdFromSequence } from '../../domain/tracking.js';
import { LEGACY_ACTOR, type NormalizedRow } from '../../domain/import/row.js';
import { copyText } from './bulk.js';

export const COMPLAINT_COLUMNS = ['id', 'tracking_id', 'source', 'external_id', 'channel', 'received_at', 'class', 'category',
  'title', 'body', 'region_code', 'reporter_name', 'reporter_nik', 'reporter_phone', 'reporter_email', 'anonymous',
  'confidential', 'institution_id', 'unit_id', 'status', 'version', 'legacy', 'import_batch_id', 'key_institution_id'] as const;
export const EVENT_COLUMNS = ['complaint_id', 'seq', 'kind', 'at', 'actor', 'from_status', 'to_status', 'from_institution_id',
  'to_institution_id', 'from_unit_id', 'to_unit_id', 'reason', 'body', 'legacy'] as const;

/** What every row of a run shares: its source, its batch and the institution its key belongs to. */
export interface RowConstants {
  source: string;
  batchId: number;
  keyInstitutionId: number;
}

export interface PreparedRow {
  key: string;
  /** complaints columns after id and tracking_id, in COPY text format. */
  tail: string;
  /** complaint_events lines after complaint_id. */
  events: string[];
  /** Imported as unverified (status received): with nobody until a super_admin verifies it. */
  unverified: boolean;
}

function num(v: number | null): string {
  return v === null ? '\\N' : String(v);
}

/** Returns the function that prepares the rows of one run. */
export function rowPreparer(k: RowConstants): (r: NormalizedRow) => PreparedRow {
  const src = copyText(k.source);
  const batchText = String(k.batchId);
  const keyInstitution = String(k.keyInstitutionId);
  return (r) => {
    const tail = [
      src, copyText(r.externalId), r.channel, isoUtc(r.receivedAt),
      r.class, copyText(r.category), copyText(r.title), copyText(r.body), copyText(r.regionCode),
      copyText(r.reporterName), copyText(r.reporterNik), copyText(r.reporterPhone), copyText(r.reporterEmail),
      r.anonymous ? 't' : 'f', r.confidential ? 't' : 'f', num(r.institutionId), num(r.unitId), r.status,
      String(r.events.length), 't', batchText, keyInstitution,
    ].join('\t');
    const events = r.events.map((e, k) => [
      String(k + 1), e.kind, isoUtc(e.at), LEGACY_ACTOR, copyText(e.fromStatus), e.toStatus,
      num(e.fromInstitutionId), num(e.toInstitutionId), num(e.fromUnitId), num(e.toUnitId), copyText(e.reason),
      copyText(e.body), 't',
    ].join('\t'));
    return { key: r.externalId, tail, events, unverified: r.status === 'received' };
  };
}

/** The ids the chunk's transaction reserved: complaints.id and the tracking sequence's value, one pair per row written. */
export interface ChunkIds {
  ids: ArrayLike<number>;
  tracks: ArrayLike<number>;
}

/**
 * A chunk's COPY text for complaints and complaint_events: its rows but those at the indexes in
 * `skip` (already in the database), the i-th row written getting the i-th ids.
 */
export function chunkCopyText(rows: readonly PreparedRow[], skip: ReadonlySet<number>, ids: ChunkIds): { complaints: string; events: string } {
  const cl: string[] = [];
  const el: string[] = [];
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    if (skip.has(i)) continue;
    if (k >= ids.ids.length || k >= ids.tracks.length) throw new RangeError(`more rows to write than the ${Math.min(ids.ids.length, ids.tracks.length)} ids reserved`);
    const r = rows[i];
    const id = String(ids.ids[k]);
    cl.push(`${id}\t${trackingIdFromSequence(ids.tracks[k])}\t${r.tail}`);
    for (const e of r.events) el.push(`${id}\t${e}`);
    k += 1;
  }
  cl.push('');
  el.push('');
  return { complaints: cl.join('\n'), events: el.join('\n') };
}
