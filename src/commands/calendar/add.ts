import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { loadWorkCalendar } from '../../db/calendar.js';
import { formatInstant, localDate, parseInstant, type Zone } from '../../domain/time.js';
import { resolveZone, tzOption } from './zone.js';
import { warnUnofficialYears } from './warn.js';

export function addCommand(ctx: Context): Command {
  return new Command('add')
    .argument('<instant>', 'ISO instant (2026-03-17T10:00:00+07:00), naive local time or date')
    .argument('<n>', 'working days')
    .addOption(tzOption())
    .option('--institution <code>', "count in the institution's time zone")
    .action(async (instantText: string, nText: string, opts: { tz?: Zone; institution?: string }) => {
      const n = Number(nText);
      if (!/^\d+$/.test(nText) || n > 10_000) throw new UsageError(`'${nText}' must be a whole number of working days (0–10000)`);
      const db = await ctx.db();
      const zone = await resolveZone(db.knex, opts);
      const t = parseInstant(instantText, zone);
      if (!t) throw new UsageError(`'${instantText}' is not an ISO instant or date`);
      const cal = await loadWorkCalendar(db.knex);
      const deadline = cal.deadline(t, n, zone);
      warnUnofficialYears(ctx, cal, localDate(t, zone), localDate(deadline, zone));
      ctx.out(formatInstant(deadline, zone));
    });
}
