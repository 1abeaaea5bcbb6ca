import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { listUnits } from '../../db/registry.js';
import { fill, L } from '../../i18n/index.js';

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .requiredOption('--institution <code>', 'the institution (32.73, KEMENPANRB)')
    .option('--all', 'include units dropped by a newer decree')
    .action(async (opts: OutputOptions & { institution: string; all?: boolean }) => {
      const db = await ctx.db();
      const { institution, units } = await listUnits(db.knex, opts.institution, opts.all === true);
      await emitList(ctx, {
        name: 'units',
        title: fill(L.units_of, { code: institution.code, name: institution.name }),
        columns: [
          { key: 'code', header: L.code },
          { key: 'name', header: L.name },
          { key: 'parent_code', header: L.parent },
          { key: 'liaisons', header: L.liaisons_2 },
          { key: 'held', header: L.complaints_held, type: 'int' },
          { key: 'active', header: L.active, type: 'bool' },
          { key: 'active_to', header: L.inactive_since, type: 'date' },
        ],
        rows: units,
      }, opts);
    });
  return addOutputOptions(cmd);
}
