/**
 * What a legacy file's first bytes say about its encoding (DESIGN §7): a BOM (UTF-8, or UTF-16 as
 * Excel's "Unicode text" writes it), UTF-16 without BOM (every other byte NUL), or binary (NUL
 * bytes in what should be text). Whether the rest is valid UTF-8 is decided by the reader, which
 * sees every byte. Pure.
 */
export type Encoding = 'utf8' | 'windows-1252' | 'utf16le' | 'utf16be';

export interface Sniff {
  /** Set when a BOM or the NUL pattern decides it. */
  encoding?: Encoding;
  /** Bytes of BOM to skip. */
  bom: number;
  /** NUL bytes in a file that is not UTF-16: not a text file. */
  binary: boolean;
}

export function sniffEncoding(head: Uint8Array): Sniff {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3, binary: false };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2, binary: false };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2, binary: false };
  let nulEven = 0;
  let nulOdd = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    }
  }
  const pairs = Math.floor(n / 2);
  // ASCII text in UTF-16: the high byte of (nearly) every code unit is 0.
  if (pairs >= 2 && nulOdd >= pairs * 0.9 && nulEven === 0) return { encoding: 'utf16le', bom: 0, binary: false };
  if (pairs >= 2 && nulEven >= pairs * 0.9 && nulOdd === 0) return { encoding: 'utf16be', bom: 0, binary: false };
  return { bom: 0, binary: nulEven + nulOdd > 0 };
}

/**
 * How many bytes at the end of `buf` may be the start of a UTF-8 sequence cut by the chunk
 * boundary (0–3): a chunk is checked without them, and they are carried into the next.
 */
export function utf8TailLength(buf: Uint8Array): number {
  const n = buf.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = buf[n - k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if ((b & 0xe0) === 0xc0) return k < 2 ? k : 0;
    if ((b & 0xf0) === 0xe0) return k < 3 ? k : 0;
    if ((b & 0xf8) === 0xf0) return k < 4 ? k : 0;
    return 0;
  }
  return 0;
}

/**
 * Offset of the first byte of `buf` that cannot be valid UTF-8 there, or -1. A sequence cut by the
 * end of `buf` is not counted (the caller carries it into the next chunk).
 */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) {
      // fewer bytes left than the sequence needs: check what is there, then stop
      for (let k = 1; i + k < n; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
      return -1;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Offset of the first byte sequence that, decoded as `as`, reads as mojibake, or -1:
 * - as UTF-8: U+FFFD (EF BF BD: text already damaged by an earlier wrong decoding), or text that
 *   was UTF-8 read as Windows-1252 and saved again as UTF-8 (`Ã©` = C3 83 C2 A9, `Â ` = C3 82 C2 A0,
 *   `â€™` = C3 A2 E2 82 AC …);
 * - as Windows-1252: UTF-8 sequences (`é` = C3 A9 would show as `Ã©`, `’` = E2 80 99 as `â€™`).
 * Sequences cut by the end of `buf` are not seen (the caller scans chunks with an overlap).
 */
export function mojibakeAt(buf: Uint8Array, as: 'utf8' | 'windows-1252'): number {
  return as === 'utf8' ? firstAt(buf, [0xef, 0xc3], buf.length - 2, utf8Mojibake) : firstAt(buf, [0xc2, 0xc3, 0xe2], buf.length - 1, cp1252Mojibake);
}

function utf8Mojibake(buf: Uint8Array, i: number): boolean {
  const n = buf.length;
  if (buf[i] === 0xef) return buf[i + 1] === 0xbf && buf[i + 2] === 0xbd;
  const c = buf[i + 1];
  const d = buf[i + 2];
  if ((c === 0x82 || c === 0x83) && (d === 0xc2 || d === 0xe2 || d === 0xc5 || d === 0xcb || d === 0xc6)) return true;
  return c === 0xa2 && d === 0xe2 && i + 4 < n && buf[i + 3] === 0x82 && buf[i + 4] === 0xac;
}

function cp1252Mojibake(buf: Uint8Array, i: number): boolean {
  const n = buf.length;
  const b = buf[i];
  if (b === 0xc2 || b === 0xc3) return (buf[i + 1] & 0xc0) === 0x80;
  return i + 2 < n && (buf[i + 1] === 0x80 || buf[i + 1] === 0x82 || buf[i + 1] === 0x84) && (buf[i + 2] & 0xc0) === 0x80;
}

/**
 * The first offset below `end` holding one of the `leads` bytes at which `test` holds, or -1. The
 * leads are found with indexOf (native): text is mostly ASCII, and a loop over every byte in
 * JavaScript made this pre-pass scan the slowest part of reading a large file.
 */
function firstAt(buf: Uint8Array, leads: number[], end: number, test: (buf: Uint8Array, i: number) => boolean): number {
  let best = -1;
  for (const lead of leads) {
    for (let i = buf.indexOf(lead); i >= 0 && i < end && (best < 0 || i < best); i = buf.indexOf(lead, i + 1)) {
      if (test(buf, i)) {
        best = i;
        break;
      }
    }
  }
  return best;
}

/** How a suspicious sequence reads, for the message: the bytes and the text they decode to. */
export function describeBytes(buf: Uint8Array, at: number, len = 5): string {
  const slice = Array.from(buf.subarray(at, Math.min(buf.length, at + len)));
  return slice.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
