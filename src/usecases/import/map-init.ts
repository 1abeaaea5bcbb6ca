/**
 * Reads what `import map --init` needs from a legacy file: its encoding (the import's own
 * pre-pass), delimiter, header and first rows, decoded and split exactly as the import will.
 */
import { CsvSplitter, detectDelimiter, type CsvRecord } from '../../domain/import/csv.js';
import { DataError } from '../../errors.js';
import { decodeFile, examineFile } from '../../db/import/source.js';
import { initMapping } from '../../domain/import/map-init.js';
import path from 'node:path';
import type { Lang } from '../../i18n/index.js';

/** The starting mapping's text, its comments in `lang`. */
export async function startingMapping(file: string, o: { rows: number; today: string; lang: Lang }): Promise<string> {
  const facts = await examineFile(file);
  let splitter: CsvSplitter | undefined;
  let delimiter = ',';
  const recs: CsvRecord[] = [];
  for await (const chunk of decodeFile(file, facts)) {
    if (!splitter) {
      delimiter = detectDelimiter(chunk.text.slice(0, 64 * 1024));
      splitter = new CsvSplitter({ delimiter, maxRecordChars: 32 * 1024 * 1024 });
    }
    splitter.push(chunk.text, recs);
    if (recs.filter((r) => !(r.fields.length === 1 && r.fields[0] === '')).length > o.rows) break;
  }
  splitter?.end(recs);
  const nonBlank = recs.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  if (nonBlank.length === 0) throw new DataError(`${file}: no header line`);
  const [header, ...rows] = nonBlank;
  return initMapping({
    fileName: path.basename(file), header: header.fields.map((h) => h.trim()), rows: rows.slice(0, o.rows).map((r) => r.fields),
    encoding: facts.encoding, encodingWhy: facts.encodingWhyLabel, delimiter, today: o.today, lang: o.lang,
  });
}
