import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type Column, type OutputOptions } from '../../cli/output/index.js';
import { listOfficers } from '../../db/registry.js';
import { ROLES } from '../../domain/actor.js';
import { L, ROLE } from '../../i18n/index.js';

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .option('--institution <code>', 'only this institution')
    .addOption(new Option('--role <role>', 'only this role').choices([...ROLES]))
    .option('--unit <code>', 'only this unit (with --institution)')
    .option('--all', 'include deactivated officers (history)')
    .action(async (opts: OutputOptions & { institution?: string; role?: string; unit?: string; all?: boolean }) => {
      const db = await ctx.db();
      const rows = await listOfficers(db.knex, { institution: opts.institution, role: opts.role, unit: opts.unit?.toUpperCase(), all: opts.all });
      const columns: Column[] = [
        { key: 'username', header: L.username },
        { key: 'name', header: L.name },
        { key: 'role', header: L.role, vocab: ROLE },
        { key: 'institution_code', header: L.institution },
        { key: 'unit_code', header: L.unit_2 },
        { key: 'nip', header: L.nip },
        { key: 'email', header: L.e_mail },
        { key: 'phone', header: L.phone },
        { key: 'active_from', header: L.active_from, type: 'date' },
      ];
      if (opts.all) {
        columns.push(
          { key: 'active_to', header: L.active_to, type: 'date' },
          { key: 'deactivated_reason', header: L.reason },
        );
      }
      await emitList(ctx, { name: 'officers', title: L.officers_2, columns, rows }, opts);
    });
  return addOutputOptions(cmd);
}
