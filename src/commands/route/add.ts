import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { NotPermittedError, UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { addRoute } from '../../db/routes.js';
import { checkCapability } from '../../domain/policy.js';
import { fmt, L } from '../../i18n/index.js';

export function addCommand(ctx: Context): Command {
  return new Command('add')
    .requiredOption('--institution <code>', 'the institution to propose, e.g. 32.73')
    .option('--region <code>', 'region code of the complaint (32 matches 32.73 too)')
    .option('--category <text>', 'category of the complaint (case-insensitive)')
    .option('--priority <n>', 'lower wins among equally specific rules', '100')
    .action(async (opts: { institution: string; region?: string; category?: string; priority: string }) => {
      if (!opts.region && !opts.category) throw new UsageError('a rule needs --region, --category or both');
      if (opts.region && !/^\d{2}(\.\d{2}){0,3}$/.test(opts.region)) throw new UsageError(`--region '${opts.region}' is not a region code (e.g. 32 or 32.73)`);
      if (!/^\d{1,6}$/.test(opts.priority)) throw new UsageError(`--priority '${opts.priority}' must be a whole number`);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const refusal = checkCapability(actor, 'route');
      if (refusal) throw new NotPermittedError(refusal.message);
      const r = await addRoute(db.knex, {
        regionCode: opts.region ?? null, category: opts.category?.trim() ?? null, institution: opts.institution,
        priority: Number(opts.priority), createdBy: actor.username,
      });
      ctx.out(String(r.id));
      ctx.info(fmt(L.route_added, ctx.lang, { id: r.id, region: r.regionCode ?? '*', category: r.category ?? '*', institution: `${r.institutionCode} ${r.institutionName}` }));
    });
}
