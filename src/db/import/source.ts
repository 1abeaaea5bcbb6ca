/**
 * Reading a legacy file: one pass over the bytes for the hash, the encoding evidence (BOM, NUL
 * bytes, whether every byte sequence is valid UTF-8) and the size; then a streaming decode into
 * text chunks. Memory stays flat whatever the file size.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import { DataError } from '../../errors.js';
import { describeBytes, firstInvalidUtf8, mojibakeAt, sniffEncoding, utf8TailLength, type Encoding } from '../../domain/import/encoding.js';
import { fill, L, type Pair } from '../../i18n/index.js';

const READ_CHUNK = 1 << 20;


function openError(file: string, err: unknown): DataError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' :
    code === 'EACCES' ? 'permission denied' : (err as Error).message;
  return new DataError(`cannot read ${file}: ${why}`);
}

/**
 * The file's bytes in chunks read into one reused buffer (each chunk is only valid until the next):
 * the pre-pass allocates nothing per chunk, so reading a 400 MB file does not leave hundreds of
 * megabytes of buffers waiting for the garbage collector.
 */
async function* readChunks(file: string): AsyncGenerator<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, READ_CHUNK, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** The 1-based line of byte `offset` (LF, CRLF or a lone CR end a line). */
export async function lineOfOffset(file: string, offset: number): Promise<number> {
  let line = 1;
  let pos = 0;
  let lastCR = false;
  for await (const b of readChunks(file)) {
    const end = Math.min(b.length, offset - pos);
    for (let i = 0; i < end; i++) {
      const c = b[i];
      if (c === 10) { if (!lastCR) line++; lastCR = false; }
      else if (c === 13) { line++; lastCR = true; }
      else lastCR = false;
    }
    pos += b.length;
    if (pos >= offset) break;
  }
  return line;
}

export interface Suspect {
  line: number;
  /** The bytes, in hex, and what they read as in the chosen encoding. */
  bytes: string;
  reads: string;
}

export interface FileFacts {
  size: number;
  sha256: string;
  encoding: Encoding;
  /** How the encoding was decided: says plainly what was found (English; the errors' hints say it so). */
  encodingWhy: string;
  /** The same in both languages, for the summary and the mapping file of `import map --init` in the run's language. */
  encodingWhyLabel: Pair;
  bom: number;
  /** The first place where the decoded text looks like mojibake (U+FFFD, `Ã©`, `â€™`), if any. */
  mojibake?: Suspect;
}

const ENCODING_NAMES: Record<Encoding, string> = {
  utf8: 'UTF-8', 'windows-1252': 'Windows-1252', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE',
};

function decodeSample(bytes: Buffer, enc: Encoding): string {
  return enc === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, enc === 'windows-1252' ? 'win1252' : enc === 'utf16le' ? 'utf16le' : 'utf16-be');
}

/**
 * The pre-pass. `forced` skips detection (but a BOM of that encoding is still skipped); a forced
 * UTF-8 is still checked, and invalid bytes in it are refused (65) naming the line of the first.
 */
export async function examineFile(file: string, forced?: Encoding): Promise<FileFacts> {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    size = st.size;
  } catch (err) {
    throw openError(file, err);
  }
  if (size === 0) throw new DataError(`${file} is empty: there is not even a header line`);
  const hash = createHash('sha256');
  let head: Buffer | undefined;
  const checkUtf8 = !forced || forced === 'utf8';
  let invalidAt = -1;
  let carry: Buffer | undefined;
  let offset = 0;
  // First mojibake seen if the file is read as UTF-8 / as Windows-1252; a short overlap between
  // chunks so a sequence cut by the chunk boundary is still seen.
  let mojiUtf8 = -1;
  let moji1252 = -1;
  let overlap: Buffer | undefined;
  const scanMojibake = forced !== 'utf16le' && forced !== 'utf16be';
  try {
    for await (const b of readChunks(file)) {
      hash.update(b);
      if (!head) head = Buffer.from(b.subarray(0, 64 * 1024)); // a copy: the read buffer is reused
      if (checkUtf8 && invalidAt < 0) {
        const buf = carry ? Buffer.concat([carry, b]) : b;
        const tail = utf8TailLength(buf);
        const body = tail ? buf.subarray(0, buf.length - tail) : buf;
        if (!isUtf8(body)) {
          const at = firstInvalidUtf8(body);
          invalidAt = offset - (carry?.length ?? 0) + Math.max(0, at);
        }
        carry = tail ? Buffer.from(buf.subarray(buf.length - tail)) : undefined;
      }
      if (scanMojibake && (mojiUtf8 < 0 || moji1252 < 0)) {
        if (overlap) {
          const seam = Buffer.concat([overlap, b.subarray(0, 8)]);
          const base = offset - overlap.length;
          if (mojiUtf8 < 0) { const k = mojibakeAt(seam, 'utf8'); if (k >= 0) mojiUtf8 = base + k; }
          if (moji1252 < 0) { const k = mojibakeAt(seam, 'windows-1252'); if (k >= 0) moji1252 = base + k; }
        }
        if (mojiUtf8 < 0) { const k = mojibakeAt(b, 'utf8'); if (k >= 0) mojiUtf8 = offset + k; }
        if (moji1252 < 0) { const k = mojibakeAt(b, 'windows-1252'); if (k >= 0) moji1252 = offset + k; }
        overlap = Buffer.from(b.subarray(Math.max(0, b.length - 4)));
      }
      offset += b.length;
    }
  } catch (err) {
    throw openError(file, err);
  }
  if (carry && carry.length > 0 && invalidAt < 0) invalidAt = offset - carry.length;
  const sniff = sniffEncoding(head!);
  const bytesAt = async (at: number, n = 5): Promise<Buffer> => {
    const fh = await fs.promises.open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(n, size - at));
      await fh.read(buf, 0, buf.length, at);
      return buf;
    } finally {
      await fh.close();
    }
  };
  let encoding: Encoding;
  let why: Pair;
  let bom = sniff.bom;
  if (forced) {
    encoding = forced;
    why = L.encoding_given;
    if (sniff.encoding !== forced) bom = 0;
    if (forced === 'utf8' && sniff.encoding === 'utf8') bom = 3;
    if (forced === 'utf8' && invalidAt >= 0 && !(sniff.encoding === 'utf16le' || sniff.encoding === 'utf16be')) {
      const line = await lineOfOffset(file, invalidAt);
      const bad = await bytesAt(invalidAt, 1);
      throw new DataError(`${file}: declared UTF-8, but line ${line} has byte ${describeBytes(bad, 0, 1)}, which is not valid UTF-8; nothing imported`,
        [`the file looks like Windows-1252 (Excel on Windows writes it): give --encoding windows-1252, or --encoding auto to let lapor decide`]);
    }
    if (forced === 'utf8' && (sniff.encoding === 'utf16le' || sniff.encoding === 'utf16be')) {
      throw new DataError(`${file}: declared UTF-8, but it is ${ENCODING_NAMES[sniff.encoding]} (${sniff.bom ? 'byte-order mark' : 'every other byte is NUL'}); nothing imported`,
        [`give --encoding ${sniff.encoding === 'utf16le' ? 'utf16le' : 'auto'}`]);
    }
  } else if (sniff.encoding) {
    encoding = sniff.encoding;
    why = fill(bom ? L.encoding_bom : L.encoding_nul_pattern, { name: ENCODING_NAMES[encoding] });
  } else if (sniff.binary) {
    throw new DataError(`${file} is not a text file: it contains NUL bytes (a spreadsheet must be saved as CSV first)`,
      ['if it is UTF-16 without a byte-order mark, give --encoding utf16le']);
  } else if (invalidAt < 0) {
    encoding = 'utf8';
    why = L.encoding_valid_utf8;
  } else {
    encoding = 'windows-1252';
    const line = await lineOfOffset(file, invalidAt);
    const bad = await bytesAt(invalidAt, 1);
    why = fill(L.encoding_not_utf8, { line, byte: describeBytes(bad, 0, 1), reads: decodeSample(bad, 'windows-1252') });
  }
  let mojibake: Suspect | undefined;
  const mojiAt = encoding === 'utf8' ? mojiUtf8 : encoding === 'windows-1252' ? moji1252 : -1;
  if (mojiAt >= 0) {
    const lead = await bytesAt(mojiAt, 5);
    const len = encoding === 'windows-1252' ? (lead[0] === 0xe2 ? 3 : 2)
      : lead[0] === 0xef ? 3 : lead[1] === 0xa2 || lead[2] === 0xe2 ? 5 : 4;
    const raw = lead.subarray(0, len);
    mojibake = { line: await lineOfOffset(file, mojiAt), bytes: describeBytes(raw, 0, raw.length), reads: decodeSample(raw, encoding) };
  }
  return { size, sha256: hash.digest('hex'), encoding, encodingWhy: why.en, encodingWhyLabel: why, bom, mojibake };
}

/** Thrown when the bytes streamed are not the bytes hashed up front: the file changed during the run. */
export class FileChangedError extends DataError {}

/**
 * Decoded text of the file, chunk by chunk, with the byte count read so far. The bytes streamed
 * are hashed again and checked against the pre-pass: a file that grows, shrinks or changes during
 * the run stops it (FileChangedError, exit 65) before the last chunk is written.
 */
export async function* decodeFile(file: string, facts: FileFacts): AsyncGenerator<{ text: string; bytes: number }> {
  const decoder = facts.encoding === 'utf8' || facts.encoding === 'utf16le'
    ? new StringDecoder(facts.encoding)
    : iconv.getDecoder(facts.encoding === 'windows-1252' ? 'win1252' : 'utf16-be');
  const hash = createHash('sha256');
  let bytes = 0;
  let first = true;
  const changed = (what: string) => new FileChangedError(
    `${file} changed while it was being imported (${what}); the run stopped`,
    ['the chunks committed before stay (re-running counts them as duplicates); import a copy that nothing writes to']);
  try {
    for await (const whole of fs.createReadStream(file, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
      hash.update(whole);
      const skip = bytes < facts.bom ? Math.min(whole.length, facts.bom - bytes) : 0;
      bytes += whole.length;
      if (bytes > facts.size) throw changed(`it is now longer than the ${facts.size} bytes read at the start`);
      const b = skip ? whole.subarray(skip) : whole;
      if (b.length === 0) continue;
      let text = decoder.write(b);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length) yield { text, bytes };
    }
  } catch (err) {
    if (err instanceof FileChangedError) throw err;
    throw openError(file, err);
  }
  if (bytes !== facts.size) throw changed(`${bytes} bytes now, ${facts.size} at the start`);
  if (hash.digest('hex') !== facts.sha256) throw changed('its SHA-256 is not the one taken at the start');
  const rest = decoder.end() ?? '';
  if (rest.length) yield { text: rest, bytes };
}
