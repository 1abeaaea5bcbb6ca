import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { NotPermittedError, UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { removeRoute } from '../../db/routes.js';
import { checkCapability } from '../../domain/policy.js';
import { fmt, L } from '../../i18n/index.js';

export function removeCommand(ctx: Context): Command {
  return new Command('remove')
    .argument('<id>', 'rule number, see `lapor route list`')
    .action(async (id: string) => {
      if (!/^[1-9]\d*$/.test(id)) throw new UsageError(`'${id}' is not a rule number`);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const refusal = checkCapability(actor, 'route');
      if (refusal) throw new NotPermittedError(refusal.message);
      await removeRoute(db.knex, Number(id));
      ctx.info(fmt(L.route_removed, ctx.lang, { id }));
    });
}
