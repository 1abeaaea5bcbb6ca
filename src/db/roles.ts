import pg from 'pg';
import type { Knex } from 'knex';

export interface ReaderRoleResult {
  role: string;
  created: boolean;
  /** The lapor schema the views read. */
  schema: string;
  /** The schema of masked views the reader connects to (`?schema=`). */
  viewSchema: string;
  views: number;
}

/** Columns that carry reporter identity: NULL in every reader view (DESIGN §5 masking rule). */
const IDENTITY_COLUMNS = new Set(['reporter_name', 'reporter_nik', 'reporter_phone', 'reporter_email']);
/** Tables the reader never sees at all. */
const HIDDEN_TABLES = new Set(['audit_log']);
/** Columns of raw input lines (a rejected import row's text): NULL for the reader. */
const RAW_COLUMNS: Record<string, Set<string>> = { import_rejects: new Set(['raw']) };

/** The schema of masked views for a lapor schema: `lapor_reader` for public, else `<schema>_reader`. */
export function readerSchemaOf(schema: string): string {
  return schema === 'public' ? 'lapor_reader' : `${schema.slice(0, 56)}_reader`;
}

/**
 * A read-only login for cron report jobs (DESIGN §5): it reads masked views only. The views live
 * in a schema of their own (`<schema>_reader`), one per lapor table and with the same name, so a
 * report's queries run unchanged with that schema on the search path (`?schema=<schema>_reader`):
 * reporter identity is NULL, rahasia complaints (and every row that belongs to one) are absent,
 * rejected rows' raw lines are NULL, the audit log is not there. The login has no privilege on the
 * base tables (views run with their owner's rights). Re-run after `lapor db migrate` to refresh the
 * views. Utility statements take no bind parameters, so names and the password are quoted with
 * pg's own escape functions.
 */
export async function ensureReaderRole(knex: Knex, role: string, password: string | undefined): Promise<ReaderRoleResult> {
  const schema = String((await knex.raw('select current_schema() as s')).rows[0].s);
  const viewSchema = readerSchemaOf(schema);
  const id = pg.escapeIdentifier(role);
  const sch = pg.escapeIdentifier(schema);
  const vsch = pg.escapeIdentifier(viewSchema);
  const exists = (await knex.raw('select 1 from pg_roles where rolname = ?', [role])).rows.length > 0;
  const pw = password === undefined ? '' : ` password ${pg.escapeLiteral(password)}`;
  let views = 0;
  await knex.transaction(async (trx) => {
    if (!exists) await trx.raw(`create role ${id} login${pw}`);
    else if (password !== undefined) await trx.raw(`alter role ${id} login${pw}`);
    // No privilege on the base tables, now or later (earlier versions of lapor granted them).
    await trx.raw(`revoke all on all tables in schema ${sch} from ${id}`);
    await trx.raw(`revoke all on all sequences in schema ${sch} from ${id}`);
    await trx.raw(`alter default privileges in schema ${sch} revoke all on tables from ${id}`);
    await trx.raw(`revoke all on schema ${sch} from ${id}`);
    // Usage of lapor's schema only for its SQL functions (reports call them); no table in it is readable.
    await trx.raw(`grant usage on schema ${sch} to ${id}`);

    await trx.raw(`drop schema if exists ${vsch} cascade`);
    await trx.raw(`create schema ${vsch}`);
    const cols: { table_name: string; column_name: string; data_type: string; udt_name: string }[] = (await trx.raw(
      `select c.table_name, c.column_name, c.data_type, c.udt_name
         from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = ? and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position`, [schema])).rows;
    const tables = new Map<string, typeof cols>();
    for (const c of cols) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c]);
    const hasComplaints = tables.get('complaints')?.some((c) => c.column_name === 'confidential') === true;
    for (const [table, columns] of tables) {
      if (HIDDEN_TABLES.has(table)) continue;
      const select = columns.map((c) => {
        const col = pg.escapeIdentifier(c.column_name);
        if (IDENTITY_COLUMNS.has(c.column_name) || RAW_COLUMNS[table]?.has(c.column_name)) return `null::text as ${col}`;
        return col;
      }).join(', ');
      let where = '';
      if (table === 'complaints' && hasComplaints) where = ' where not confidential';
      else if (hasComplaints && columns.some((c) => c.column_name === 'complaint_id')) {
        where = ` where complaint_id in (select id from ${sch}.complaints where not confidential)`;
      }
      await trx.raw(`create view ${vsch}.${pg.escapeIdentifier(table)} as select ${select} from ${sch}.${pg.escapeIdentifier(table)}${where}`);
      views++;
    }
    await trx.raw(`grant usage on schema ${vsch} to ${id}`);
    await trx.raw(`grant select on all tables in schema ${vsch} to ${id}`);
    await trx.raw(`revoke create on schema ${vsch} from ${id}`);
  });
  return { role, created: !exists, schema, viewSchema, views };
}

export interface OperatorRoleResult {
  role: string;
  officer: string;
  created: boolean;
  schema: string;
}

/**
 * A PostgreSQL login bound to one officer (DESIGN §5). The role setting `lapor.officer` names the
 * officer; connected through this login, lapor acts as that officer only (another --as is 77).
 * Its grants allow what lapor writes — SELECT, INSERT, UPDATE, DELETE on lapor's tables, its
 * sequences — and nothing else: no DDL (no CREATE on the schema), no TRUNCATE, and the audit log
 * is append-only (SELECT, INSERT).
 */
export async function ensureOperatorRole(knex: Knex, officer: string, password: string | undefined): Promise<OperatorRoleResult> {
  const schema = String((await knex.raw('select current_schema() as s')).rows[0].s);
  const role = officer;
  const id = pg.escapeIdentifier(role);
  const sch = pg.escapeIdentifier(schema);
  const exists = (await knex.raw('select 1 from pg_roles where rolname = ?', [role])).rows.length > 0;
  const pw = password === undefined ? '' : ` password ${pg.escapeLiteral(password)}`;
  await knex.transaction(async (trx) => {
    if (!exists) await trx.raw(`create role ${id} login${pw}`);
    else if (password !== undefined) await trx.raw(`alter role ${id} login${pw}`);
    await trx.raw(`alter role ${id} set lapor.officer = ${pg.escapeLiteral(officer)}`);
    await trx.raw(`grant usage on schema ${sch} to ${id}`);
    await trx.raw(`revoke create on schema ${sch} from ${id}`);
    await trx.raw(`grant select, insert, update, delete on all tables in schema ${sch} to ${id}`);
    await trx.raw(`grant usage, select on all sequences in schema ${sch} to ${id}`);
    await trx.raw(`alter default privileges in schema ${sch} grant select, insert, update, delete on tables to ${id}`);
    await trx.raw(`alter default privileges in schema ${sch} grant usage, select on sequences to ${id}`);
    const audit = (await trx.raw(`select 1 from information_schema.tables where table_schema = ? and table_name = 'audit_log'`, [schema])).rows.length > 0;
    if (audit) await trx.raw(`revoke update, delete on ${sch}.audit_log from ${id}`);
    // The migration bookkeeping is the migrating admin's: read it (status checks), never change it.
    for (const t of ['knex_migrations', 'knex_migrations_lock']) {
      const has = (await trx.raw(`select 1 from information_schema.tables where table_schema = ? and table_name = ?`, [schema, t])).rows.length > 0;
      if (has) await trx.raw(`revoke insert, update, delete on ${sch}.${pg.escapeIdentifier(t)} from ${id}`);
    }
  });
  return { role, officer, created: !exists, schema };
}
