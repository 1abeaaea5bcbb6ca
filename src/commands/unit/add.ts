import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { addUnit } from '../../usecases/registry.js';
import { isValidUnitCode, normalizeUnitCode } from '../../domain/decree.js';
import { fmt, L, type Lang } from '../../i18n/index.js';

/** What unit add did, on stdout in the run's language: added, reactivated, or already there. */
export function unitAddedLine(r: { institution: string; code: string; name: string; created: boolean; reactivated: boolean }, lang: Lang): string {
  const text = r.created ? L.unit_added : r.reactivated ? L.unit_reactivated : L.unit_exists;
  return fmt(text, lang, { code: r.code, name: r.name, institution: r.institution });
}

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
      ctx.out(unitAddedLine(r, ctx.lang));
      ctx.info(fmt(L.unit_without_liaison, ctx.lang, { institution: r.institution }));
    });
}
