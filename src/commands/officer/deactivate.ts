import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { deactivateOfficer } from '../../usecases/registry.js';
import { isValidDate, localDate } from '../../domain/time.js';
import { emitResultJson } from '../../cli/output/index.js';
import { fmt, L } from '../../i18n/index.js';

export function deactivateCommand(ctx: Context): Command {
  return new Command('deactivate')
    .argument('<username>', 'the officer')
    .requiredOption('--reason <text>', 'why (mutasi, pensiun, …): kept in the history')
    .option('--date <yyyy-mm-dd>', 'last day in office (default: today)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .action(async (username: string, opts: { reason: string; date?: string; format?: string }) => {
      if (opts.reason.trim() === '') throw new UsageError('--reason must not be empty');
      const today = localDate(ctx.now(), 'WIB');
      const date = opts.date ?? today;
      if (!isValidDate(date)) throw new UsageError(`--date '${date}' is not a date (YYYY-MM-DD)`);
      if (date > today) throw new UsageError(`--date ${date} is in the future (today is ${today})`);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const r = await deactivateOfficer(db.knex, actor, username, opts.reason.trim(), date);
      if (opts.format === 'json') {
        emitResultJson(ctx, r);
        return;
      }
      if (r.alreadyInactive) {
        ctx.out(`${r.username} was already deactivated on ${r.activeTo} (${r.reason}): nothing changed`);
        return;
      }
      ctx.out(`${r.username} (${r.name}, ${r.role}${r.unit ? ` of ${r.unit}` : ''}, ${r.institution ?? 'national'}) deactivated as of ${r.activeTo}: ${r.reason}`);
      if (r.lastAdmin) ctx.warn(fmt(L.no_active_admin_left, ctx.lang, { institution: r.institution ?? '' }));
      if (r.heldComplaints.length > 0) {
        ctx.out(`complaints still held by ${r.unit} (${r.heldComplaints.length}):`);
        for (const c of r.heldComplaints) ctx.out(`  ${c.trackingId}  ${c.receivedAt.slice(0, 10)}  ${c.title ?? ''}${c.unitHasLiaison ? '' : '  (unit has no active liaison now)'}`);
      }
    });
}
