import type { Readable, Writable } from 'node:stream';
import type { ChalkInstance } from 'chalk';
import { makeColor } from './color.js';
import { openDb, type Db } from '../db/engine.js';
import { parseDbTarget, redactSecrets, type DbTarget } from '../db/url.js';
import { assertSchemaCurrent } from '../db/migrate.js';

export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
}

import { parseLang, t, UI, type Lang } from '../i18n/index.js';
import { UsageError } from '../errors.js';

export type { Lang } from '../i18n/index.js';

/** Options of the root command, available to every command. */
export interface GlobalOptions {
  db?: string;
  as?: string;
  color?: boolean;
  debug?: boolean;
  lang?: Lang;
  quiet?: boolean;
}

/**
 * What a command needs from the outside world, in one object: IO, environment, clock, database.
 * Tests build one with fake streams and a fixed clock (gh's Factory; STYLE §7.3).
 */
export class Context {
  globals: GlobalOptions = {};
  /** A command that finishes normally but must report a finding (exit 3) sets this. */
  exitCode = 0;
  private dbPromise?: Promise<Db>;
  private colorInstance?: ChalkInstance;

  constructor(
    readonly io: Io,
    readonly env: NodeJS.ProcessEnv,
    private readonly clock: () => Date = () => new Date(),
    /** A database opened by the caller (lapor demo runs many commands on one); not closed here. */
    private readonly sharedDb?: Db,
  ) {}

  now(): Date {
    return this.clock();
  }

  get debug(): boolean {
    return this.globals.debug === true;
  }

  /** The command being run, as words (`report sla`): the `command` of the JSON envelope. */
  commandName = 'lapor';

  /** The language of every label of this run: --lang, else LAPOR_LANG, else Bahasa Indonesia. */
  get lang(): Lang {
    if (this.globals.lang) return this.globals.lang;
    const env = this.env.LAPOR_LANG;
    if (env === undefined || env === '') return 'id';
    const l = parseLang(env);
    if (!l) throw new UsageError(`LAPOR_LANG '${env}' is not a language lapor speaks: use id or en`);
    return l;
  }

  /** --quiet: nothing but errors on stderr (cron). */
  get quiet(): boolean {
    return this.globals.quiet === true;
  }

  /** The width tables fit: $COLUMNS, else the terminal's; none when piped without $COLUMNS. */
  get terminalWidth(): number | undefined {
    const c = Number(this.env.COLUMNS);
    if (Number.isInteger(c) && c > 20) return c;
    const cols = (this.io.stdout as { columns?: number }).columns;
    return this.io.stdout.isTTY && typeof cols === 'number' && cols > 20 ? cols : undefined;
  }

  get color(): ChalkInstance {
    this.colorInstance ??= makeColor({
      isTTY: this.io.stderr.isTTY === true,
      env: this.env,
      noColor: this.globals.color === false,
    });
    return this.colorInstance;
  }

  /** Colour for stdout: only when stdout itself is a terminal. */
  get stdoutColor(): ChalkInstance {
    return makeColor({ isTTY: this.io.stdout.isTTY === true, env: this.env, noColor: this.globals.color === false });
  }

  get stdoutIsTTY(): boolean {
    return this.io.stdout.isTTY === true;
  }

  get stderrIsTTY(): boolean {
    return this.io.stderr.isTTY === true;
  }

  /** Prompts only when someone can answer: stdin and stdout both terminals. */
  canPrompt(): boolean {
    return this.io.stdin.isTTY === true && this.io.stdout.isTTY === true;
  }

  /** Data: stdout. */
  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Everything else: stderr (nothing under --quiet). Passwords never get there, whatever the form (DESIGN §9). */
  info(text: string): void {
    if (this.quiet) return;
    const t = this.redact(text);
    this.io.stderr.write(t.endsWith('\n') ? t : `${t}\n`);
  }

  /** Masks every password in `text`: URL forms, and the literal secrets of --db and DATABASE_URL. */
  redact(text: string): string {
    return redactSecrets(text, [this.globals.db, this.env.DATABASE_URL]);
  }

  warn(text: string): void {
    this.info(`${this.color.yellow(`${t(UI.warning, this.lang)}:`)} ${text}`);
  }

  /** The acting officer's username: `--as` or LAPOR_ACTOR. */
  actorName(): string | undefined {
    return this.globals.as ?? (this.env.LAPOR_ACTOR || undefined);
  }

  /**
   * The database, opened once per process. By default it must carry the current schema; commands
   * that create it (init, db migrate) pass `{ schema: false }`.
   */
  async db(opts: { schema?: boolean } = {}): Promise<Db> {
    this.dbPromise ??= this.sharedDb ? Promise.resolve(this.sharedDb) : this.open(parseDbTarget(this.globals.db, this.env));
    const db = await this.dbPromise;
    if (opts.schema !== false) await assertSchemaCurrent(db.knex, db.describe);
    return db;
  }

  /** Opens the database; if the PGlite directory's lock is taken away, stop writing now, never claim success. */
  private open(target: DbTarget): Promise<Db> {
    return openDb(target, {
      onLockLost: (err) => {
        this.io.stderr.write(`lapor: ${err.message}\n`);
        process.exit(75);
      },
    });
  }

  /** The engine --db names, without opening it (undefined when it does not parse: db() says why). */
  engineNamed(): Db['engine'] | undefined {
    try {
      return parseDbTarget(this.globals.db, this.env).kind === 'postgres' ? 'postgres' : 'pglite';
    } catch {
      return undefined;
    }
  }

  /** Whether a database was opened (so `close` has something to do). */
  get hasDb(): boolean {
    return this.dbPromise !== undefined;
  }

  /** Closes the database; a holder that lost its PGlite lock meanwhile gets its ConflictError (75) here. */
  async close(): Promise<void> {
    if (!this.dbPromise || this.sharedDb) return;
    const p = this.dbPromise;
    this.dbPromise = undefined;
    let db: Db;
    try {
      db = await p;
    } catch {
      return; // opening failed: the error was already reported by the command.
    }
    await db.close();
  }
}
