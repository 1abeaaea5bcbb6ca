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
import { sniffEncoding, utf8TailLength, type Encoding } from '../../domain/import/encoding.js';

const READ_CHUNK = 1 << 20;

export interface FileFacts {
  size: number;
  sha256: string;
  encoding: Encoding;
  /** How the encoding was decided, for the summary. */
  encodingWhy: string;
  bom: number;
}

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

/** The pre-pass. `forced` skips detection (but a BOM of that encoding is still skipped). */
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
  let utf8Valid = true;
  let invalidAt = -1;
  let carry: Buffer | undefined;
  let offset = 0;
  try {
    for await (const b of readChunks(file)) {
      hash.update(b);
      if (!head) head = Buffer.from(b.subarray(0, 64 * 1024)); // a copy: the read buffer is reused
      if (utf8Valid && !forced) {
        const buf = carry ? Buffer.concat([carry, b]) : b;
        const tail = utf8TailLength(buf);
        const body = tail ? buf.subarray(0, buf.length - tail) : buf;
        if (!isUtf8(body)) {
          utf8Valid = false;
          invalidAt = offset;
        }
        carry = tail ? Buffer.from(buf.subarray(buf.length - tail)) : undefined;
      }
      offset += b.length;
    }
  } catch (err) {
    throw openError(file, err);
  }
  if (carry && carry.length > 0 && utf8Valid) {
    utf8Valid = false;
    invalidAt = offset - carry.length;
  }
  const sniff = sniffEncoding(head!);
  let encoding: Encoding;
  let why: string;
  let bom = sniff.bom;
  if (forced) {
    encoding = forced;
    why = 'given';
    if (sniff.encoding !== forced) bom = 0;
    if (forced === 'utf8' && sniff.encoding === 'utf8') bom = 3;
  } else if (sniff.encoding) {
    encoding = sniff.encoding;
    why = bom ? 'byte-order mark' : 'NUL pattern of UTF-16';
  } else if (sniff.binary) {
    throw new DataError(`${file} is not a text file: it contains NUL bytes (a spreadsheet must be saved as CSV first)`,
      ['if it is UTF-16 without a byte-order mark, give --encoding utf16le']);
  } else if (utf8Valid) {
    encoding = 'utf8';
    why = 'valid UTF-8';
  } else {
    encoding = 'windows-1252';
    why = `not valid UTF-8 (first bad byte in the MiB at offset ${invalidAt}), read as Windows-1252`;
  }
  return { size, sha256: hash.digest('hex'), encoding, encodingWhy: why, bom };
}

/** Decoded text of the file, chunk by chunk, with the byte count read so far. */
export async function* decodeFile(file: string, facts: FileFacts): AsyncGenerator<{ text: string; bytes: number }> {
  const decoder = facts.encoding === 'utf8' || facts.encoding === 'utf16le'
    ? new StringDecoder(facts.encoding)
    : iconv.getDecoder(facts.encoding === 'windows-1252' ? 'win1252' : 'utf16-be');
  let bytes = facts.bom;
  let first = true;
  try {
    for await (const b of fs.createReadStream(file, { highWaterMark: READ_CHUNK, start: facts.bom }) as AsyncIterable<Buffer>) {
      bytes += b.length;
      let text = decoder.write(b);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length) yield { text, bytes };
    }
  } catch (err) {
    throw openError(file, err);
  }
  const rest = decoder.end() ?? '';
  if (rest.length) yield { text: rest, bytes };
}
