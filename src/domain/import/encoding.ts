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
