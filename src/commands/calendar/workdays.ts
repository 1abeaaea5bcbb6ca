import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { loadWorkCalendar } from '../../db/calendar.js';
import { localDate, parseInstant, type Zone } from '../../domain/time.js';
import { resolveZone, tzOption } from './zone.js';
import { warnUnofficialYears } from './warn.js';

export function workdaysCommand(ctx: Context): Command {
  return new Command('workdays')
    .argument('<from>', 'date (YYYY-MM-DD) or instant (2026-03-17T10:00:00+07:00)')
    .argument('<to>', 'date or instant')
    .addOption(tzOption())
    .option('--institution <code>', "count in the institution's time zone")
    .action(async (fromText: string, toText: string, opts: { tz?: Zone; institution?: string }) => {
      const db = await ctx.db();
      const zone = await resolveZone(db.knex, opts);
      const [from, to] = [fromText, toText].map((t) => {
        const instant = parseInstant(t, zone);
        if (!instant) throw new UsageError(`'${t}' is not a date (YYYY-MM-DD) or an ISO instant`);
        return localDate(instant, zone);
      });
      const cal = await loadWorkCalendar(db.knex, { from, to });
      warnUnofficialYears(ctx, cal, from, to);
      ctx.out(String(cal.workdaysBetweenDates(from, to)));
    });
}
