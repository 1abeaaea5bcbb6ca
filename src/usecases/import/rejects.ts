/**
 * The rejects file of `import complaints --rejects FILE`, made to be fixed in Excel and fed back:
 * the source's encoding (and BOM), delimiter and header, each rejected record's own cells, plus
 * three trailing columns `_line,_field,_reason` that the import ignores when it reads the file
 * back. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) are
 * written with a leading `'`, and the import strips that `'` again when it reads a rejects file
 * (see `restoreNeutralised`). Written synchronously: every failure (full disk, no such folder, not
 * permitted) is one OutputError (exit 74) at the write that failed.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { OutputError } from '../../errors.js';
import type { Encoding } from '../../domain/import/encoding.js';
import { neutraliseCell, REJECT_COLUMNS_TRAILER } from '../../domain/import/rejects-format.js';

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOSPC: 'no space left on the device', ENOENT: 'no such folder', EACCES: 'permission denied',
    EROFS: 'read-only file system', EISDIR: 'it is a directory', ENOTDIR: 'a part of the path is not a folder',
    EDQUOT: 'disk quota exceeded',
  };
  return code && why[code] ? `${why[code]} (${code})` : (err as Error).message;
}

export class RejectsWriter {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly delim: string;

  constructor(readonly file: string, private readonly encoding: Encoding, private readonly bom: boolean, delimiter: string) {
    this.delim = delimiter;
  }

  private fail(err: unknown): never {
    throw new OutputError(`cannot write --rejects ${this.file}: ${describe(err)}`);
  }

  /** Creates (truncates) the file and writes the header. */
  open(header: string[]): void {
    try {
      this.fd = fs.openSync(this.file, 'w');
    } catch (err) {
      this.fail(err);
    }
    const bom = this.bom ? '\ufeff' : '';
    this.add(bom + this.row([...header, ...REJECT_COLUMNS_TRAILER]));
    this.flush();
  }

  private cell(s: string): string {
    const v = neutraliseCell(s);
    return v.includes(this.delim) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }

  private row(cells: string[]): string {
    return cells.map((c) => this.cell(c)).join(this.delim) + '\r\n';
  }

  private add(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars > 256 * 1024) this.flush();
  }

  /** One rejected record: its cells (padded to the header's width), then line, field, reason. */
  write(fields: string[], width: number, line: number, field: string | null, reason: string): void {
    const cells = fields.length < width ? [...fields, ...new Array<string>(width - fields.length).fill('')] : fields;
    this.add(this.row([...cells, String(line), field ?? '', reason]));
  }

  flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    const bytes = this.encoding === 'utf8' ? Buffer.from(text, 'utf8')
      : iconv.encode(text, this.encoding === 'windows-1252' ? 'win1252' : this.encoding === 'utf16le' ? 'utf16le' : 'utf16-be');
    try {
      fs.writeSync(this.fd, bytes);
    } catch (err) {
      this.fail(err);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      this.flush();
    } finally {
      const fd = this.fd;
      this.fd = undefined;
      try {
        fs.closeSync(fd);
      } catch (err) {
        this.fail(err);
      }
    }
  }

  /**
   * Closes the file whatever happened, for a run's last step: a failure to write it was already
   * reported (the run failed on this file, or on something before it), and must not hide that error.
   */
  closeQuietly(): void {
    try {
      this.close();
    } catch {
      /* already reported */
    }
  }
}
