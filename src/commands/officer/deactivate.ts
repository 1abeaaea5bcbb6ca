import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { deactivateOfficer, type DeactivateResult } from '../../usecases/registry.js';
import { isValidDate, localDate } from '../../domain/time.js';
import { emitResultJson } from '../../cli/output/index.js';
import { fmt, L, label, ROLE, t, VALUE, type Lang } from '../../i18n/index.js';

/**
 * What officer deactivate did, on stdout in the run's language: the officer, then the complaints
 * their unit still holds, one line each (tracking id, date received, title: the shape scripts read).
 * The English line keeps the role's code (liaison, admin …), as it always printed it.
 */
export function deactivatedLines(r: DeactivateResult, lang: Lang): string[] {
  if (r.alreadyInactive) return [fmt(L.officer_already_inactive, lang, { username: r.username, date: r.activeTo, reason: r.reason })];
  const lines = [fmt(L.officer_deactivated, lang, {
    username: r.username, name: r.name, role: lang === 'en' ? r.role : label(ROLE, r.role, lang),
    unit: r.unit ? fmt(L.officer_of_unit, lang, { unit: r.unit }) : '', institution: r.institution ?? t(VALUE.national_scope, lang),
    date: r.activeTo, reason: r.reason,
  })];
  if (r.heldComplaints.length > 0) {
    lines.push(fmt(L.still_held_by_unit, lang, { unit: r.unit ?? '', n: r.heldComplaints.length }));
    for (const c of r.heldComplaints) {
      lines.push(`  ${c.trackingId}  ${c.receivedAt.slice(0, 10)}  ${c.title ?? ''}${c.unitHasLiaison ? '' : t(L.unit_has_no_liaison_now, lang)}`);
    }
  }
  return lines;
}

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
      const [first, ...held] = deactivatedLines(r, ctx.lang);
      ctx.out(first);
      if (r.alreadyInactive) return;
      if (r.lastAdmin) ctx.warn(fmt(L.no_active_admin_left, ctx.lang, { institution: r.institution ?? '' }));
      for (const line of held) ctx.out(line);
    });
}
