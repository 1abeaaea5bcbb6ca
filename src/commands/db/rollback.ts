import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { rollbackSteps } from '../../db/migrate.js';
import { UsageError } from '../../errors.js';
import { fmt, L, t, type Lang } from '../../i18n/index.js';

/** What db rollback undid, in the run's language: one line per migration, its name last (scripts read it). */
export function rolledBackLines(undone: string[], lang: Lang): string[] {
  return undone.length ? undone.map((name) => fmt(L.migration_rolled_back_line, lang, { name })) : [t(L.nothing_to_roll_back, lang)];
}

export function rollbackCommand(ctx: Context): Command {
  return new Command('rollback')
    .option('--steps <n>', 'how many migrations to undo', '1')
    .option('--all', 'undo every migration (drops all lapor tables)')
    .option('--yes', 'confirm: data in the rolled-back tables is lost')
    .action(async (opts: { steps: string; all?: boolean; yes?: boolean }) => {
      const steps = opts.all ? Number.MAX_SAFE_INTEGER : Number(opts.steps);
      if (!Number.isInteger(steps) || steps < 1) throw new UsageError(`--steps '${opts.steps}' must be a whole number ≥ 1`);
      if (!opts.yes) throw new UsageError('rollback drops tables and their data; run again with --yes to confirm');
      const db = await ctx.db({ schema: false });
      const undone = await rollbackSteps(db.knex, steps);
      ctx.out(rolledBackLines(undone, ctx.lang).join('\n'));
    });
}
