import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { ensureReaderRole } from '../../db/roles.js';

export function rolesCommand(ctx: Context): Command {
  return new Command('roles')
    .description('create (or refresh) a read-only PostgreSQL login for report jobs')
    .requiredOption('--reader <role>', 'name of the read-only role, e.g. lapor_report')
    .option('--password-env <VAR>', 'take the role password from this environment variable (never from the command line)')
    .action(async (opts: { reader: string; passwordEnv?: string }) => {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(opts.reader)) {
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
      const r = await ensureReaderRole(db.knex, opts.reader, password);
      ctx.out(`${r.created ? 'created' : 'refreshed'} read-only role ${r.role} on schema ${r.schema}` +
        (password ? ' (password set)' : ''));
      ctx.info(`report jobs can now use: --db postgres://${r.role}@HOST:5432/DB${r.schema === 'public' ? '' : `?schema=${r.schema}`}`);
    });
}
