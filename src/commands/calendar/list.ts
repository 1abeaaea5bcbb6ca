import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitList, tr, type OutputOptions } from '../../cli/output/index.js';
import { hasOfficialList, holidaysOfYear } from '../../db/calendar.js';
import { unofficialYearNotice } from '../../domain/calendar.js';
import { fill, HOLIDAY_KIND, L, WEEKDAY } from '../../i18n/index.js';


export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .requiredOption('--year <yyyy>', 'the year')
    .action(async (opts: OutputOptions & { year: string }) => {
      const year = Number(opts.year);
      if (!/^\d{4}$/.test(opts.year) || year < 2015 || year > 2035) {
        throw new UsageError(`--year '${opts.year}' must be a year from 2015 to 2035`);
      }
      const db = await ctx.db();
      const days = await holidaysOfYear(db.knex, year);
      if (!(await hasOfficialList(db.knex, year))) {
        ctx.warn(tr(unofficialYearNotice(year), ctx.lang));
      }
      await emitList(ctx, {
        name: 'holidays',
        title: fill(L.holidays_of_year, { year }),
        columns: [
          { key: 'date', header: L.date, type: 'date' },
          { key: 'weekday', header: L.weekday },
          { key: 'kind', header: L.kind, vocab: HOLIDAY_KIND },
          { key: 'name', header: L.name },
          { key: 'workday', header: L.working_day, type: 'bool' },
          { key: 'source', header: L.source },
        ],
        rows: days.map((d) => ({
          date: d.day,
          weekday: tr(WEEKDAY[d.iso_weekday as keyof typeof WEEKDAY], ctx.lang),
          kind: d.holiday_kind,
          name: d.holiday_name,
          workday: d.is_workday,
          source: d.source,
        })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
