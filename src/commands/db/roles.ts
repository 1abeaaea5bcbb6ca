import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { NotPermittedError, UsageError } from '../../errors.js';
import { ensureOperatorRole, ensureReaderRole, type OperatorRoleResult, type ReaderRoleResult } from '../../db/roles.js';
import { findOfficer } from '../../db/actor.js';
import { fmt, L, t, type Lang } from '../../i18n/index.js';

/** What db roles made of the read-only role, on stdout in the run's language. */
export function readerRoleLine(r: ReaderRoleResult, passwordSet: boolean, lang: Lang): string {
  return fmt(r.created ? L.reader_role_created : L.reader_role_refreshed, lang, {
    role: r.role, views: r.views, schema: r.schema, view_schema: r.viewSchema, password: passwordSet ? t(L.role_password_set, lang) : '',
  });
}

/** What db roles made of an officer's login, on stdout in the run's language. */
export function operatorRoleLine(r: OperatorRoleResult, passwordSet: boolean, lang: Lang): string {
  return fmt(r.created ? L.operator_role_created : L.operator_role_refreshed, lang, {
    role: r.role, officer: r.officer, schema: r.schema, password: passwordSet ? t(L.role_password_set, lang) : '',
  });
}

export function rolesCommand(ctx: Context): Command {
  return new Command('roles')
    .option('--reader <role>', 'name of the read-only role, e.g. lapor_report (reads masked views only; re-run after db migrate)')
    .option('--operator <username>', "a login named after the officer USERNAME, bound to that officer: lapor acts as them only; lapor's writes, no DDL")
    .option('--password-env <VAR>', 'take the role password from this environment variable (never from the command line)')
    .action(async (opts: { reader?: string; operator?: string; passwordEnv?: string }) => {
      if ((opts.reader === undefined) === (opts.operator === undefined)) throw new UsageError('give either --reader ROLE or --operator USERNAME');
      if (opts.reader !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.reader)) {
        throw new UsageError(`--reader '${opts.reader}': use lower-case letters, digits and _`);
      }
      let password: string | undefined;
      if (opts.passwordEnv) {
        password = ctx.env[opts.passwordEnv];
        if (!password) throw new UsageError(`--password-env ${opts.passwordEnv}: that variable is empty or unset`);
      }
      const db = await ctx.db();
      if (db.engine !== 'postgres') {
        throw new UsageError('roles exist on a shared PostgreSQL server; the embedded PGlite database has one user');
      }
      if (opts.reader !== undefined) {
        const r = await ensureReaderRole(db.knex, opts.reader, password);
        ctx.out(readerRoleLine(r, password !== undefined, ctx.lang));
        ctx.info(fmt(L.reader_role_use, ctx.lang, { url: `postgres://${r.role}@HOST:5432/DB?schema=${r.viewSchema},${r.schema}` }));
        return;
      }
      const username = opts.operator!;
      const officer = await findOfficer(db.knex, username);
      if (!officer) throw new NotPermittedError(`unknown officer '${username}' (see \`lapor officer list\`)`);
      if (!officer.active) throw new NotPermittedError(`officer '${username}' is deactivated; a login for them is refused`);
      const r = await ensureOperatorRole(db.knex, username, password);
      ctx.out(operatorRoleLine(r, password !== undefined, ctx.lang));
      ctx.info(fmt(L.operator_role_use, ctx.lang, { officer: r.officer, url: `postgres://${r.role}@HOST:5432/DB${r.schema === 'public' ? '' : `?schema=${r.schema}`}` }));
    });
}
