import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import { stringify } from 'csv-stringify/sync';
import type { Context } from '../../cli/context.js';
import { NotPermittedError, UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../cli/output/write.js';
import { requireActor } from '../../db/actor.js';
import { suggestDispatch } from '../../db/routes.js';
import { checkCapability } from '../../domain/policy.js';
import { fmt, L } from '../../i18n/index.js';

export function suggestCommand(ctx: Context): Command {
  return new Command('suggest')
    .option('-o, --output <file>', 'write the plan to FILE (atomically) instead of stdout')
    .option('--limit <n>', 'at most N complaints (oldest first)')
    .option('--include-unmatched', 'also list complaints no rule matches (with an empty target, to fill in by hand)')
    .action(async (opts: { output?: string; limit?: string; includeUnmatched?: boolean }) => {
      if (opts.limit !== undefined) parseCountOption('--limit', opts.limit);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      // Proposing dispositions is preparing a super_admin step.
      const refusal = checkCapability(actor, 'route');
      if (refusal) throw new NotPermittedError(refusal.message);
      const suggestions = await suggestDispatch(db.knex, { limit: opts.limit ? Number(opts.limit) : undefined });
      const matched = suggestions.filter((s) => s.institutionCode !== null);
      const rows = (opts.includeUnmatched ? suggestions : matched)
        .map((s) => [s.trackingId, 'verify', s.institutionCode ?? '', `usulan ${s.why}`]);
      const csv = stringify([['tracking_id', 'action', 'target', 'reason'], ...rows]);
      if (opts.output) writeFileAtomic(opts.output, csv);
      else ctx.io.stdout.write(csv);
      ctx.info(fmt(L.dispatch_suggested, ctx.lang, {
        n: suggestions.length, matched: matched.length, unmatched: suggestions.length - matched.length,
        written: opts.output ? fmt(L.dispatch_plan_written, ctx.lang, { file: opts.output }) : '',
      }));
    });
}
