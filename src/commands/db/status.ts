import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { migrationStatus } from '../../db/migrate.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';

export function statusCommand(ctx: Context): Command {
  const cmd = new Command('status')
    .action(async (opts: OutputOptions) => {
      const db = await ctx.db({ schema: false });
      const s = await migrationStatus(db.knex);
      const rows = [
        ...s.applied.map((name) => ({ name, state: 'applied' })),
        ...s.pending.map((name) => ({ name, state: 'pending' })),
        ...s.unknown.map((name) => ({ name, state: 'unknown (from a newer lapor)' })),
      ];
      await emitList(ctx, {
        name: 'migrations',
        title: 'Migrations',
        columns: [{ key: 'name', header: 'migration' }, { key: 'state', header: 'state' }],
        rows,
      }, opts);
      ctx.info(`${db.describe}: ${s.applied.length} applied, ${s.pending.length} pending` +
        (s.unknown.length ? `, ${s.unknown.length} unknown` : '') +
        (s.pending.length ? ' (run `lapor db migrate`)' : ''));
      // Pending migrations are a finding a deploy script can gate on (graphile-migrate's status).
      if (s.pending.length > 0) ctx.exitCode = 3;
    });
  return addOutputOptions(cmd);
}
