import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { addUnit } from '../../usecases/registry.js';
import { isValidUnitCode, normalizeUnitCode } from '../../domain/decree.js';
import { fmt, L } from '../../i18n/index.js';

export function addCommand(ctx: Context): Command {
  return new Command('add')
    .argument('<code>', 'unit code, e.g. DISKOMINFO')
    .requiredOption('--institution <code>', 'the institution (32.73, KEMENPANRB)')
    .requiredOption('--name <name>', 'the unit name')
    .option('--parent <code>', 'parent unit code')
    .action(async (codeText: string, opts: { institution: string; name: string; parent?: string }) => {
      const code = normalizeUnitCode(codeText);
      if (!isValidUnitCode(code)) throw new UsageError(`unit code '${codeText}': use up to 40 letters, digits, . _ or -`);
      if (opts.name.trim() === '') throw new UsageError('--name must not be empty');
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const r = await addUnit(db.knex, actor, opts.institution, {
        code, name: opts.name.trim(), parentCode: opts.parent ? normalizeUnitCode(opts.parent) : undefined,
      });
      if (!r.created && !r.reactivated) ctx.out(`unit ${r.code} of ${r.institution} already exists as '${r.name}': nothing changed`);
      else ctx.out(`unit ${r.code} (${r.name}) ${r.created ? 'added to' : 'reactivated in'} ${r.institution}`);
      ctx.info(fmt(L.unit_without_liaison, ctx.lang, { institution: r.institution }));
    });
}
