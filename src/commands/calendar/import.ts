import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { readUserTextFile } from '../../cli/files.js';
import { DataError } from '../../errors.js';
import { parseHolidayCsv } from '../../domain/holiday-csv.js';
import { replaceHolidayYears } from '../../db/calendar.js';
import { withTransaction } from '../../db/tx.js';
import { fmt, L } from '../../i18n/index.js';

export function importCommand(ctx: Context): Command {
  return new Command('import')
    .argument('<csv>', 'CSV file: tanggal (YYYY-MM-DD), nama, jenis (libur_nasional | cuti_bersama)')
    .requiredOption('--source <text>', 'the decree the list comes from, e.g. "SKB 3 Menteri No. 1497/2025"')
    .action(async (file: string, opts: { source: string }) => {
      const parsed = parseHolidayCsv(readUserTextFile(file));
      if (parsed.problems.length > 0) {
        throw new DataError(
          `${file}: ${parsed.problems.length} problem(s), nothing imported`,
          parsed.problems.map((p) => `${file}:${p.line}: ${p.message}`),
        );
      }
      const db = await ctx.db();
      const r = await withTransaction(db.knex, (trx) => replaceHolidayYears(trx, parsed.holidays, opts.source));
      for (const h of r.added) ctx.out(`+ ${h.date} ${h.kind} ${h.name}`);
      for (const h of r.removed) ctx.out(`- ${h.date} ${h.kind} ${h.name}`);
      ctx.info(fmt(L.holidays_imported, ctx.lang, { years: r.years.join(', '), added: r.added.length, removed: r.removed.length, unchanged: r.unchanged, source: opts.source }));
    });
}
