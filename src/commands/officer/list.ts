import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type Column, type OutputOptions } from '../../cli/output/index.js';
import { listOfficers } from '../../db/registry.js';
import { ROLES } from '../../domain/actor.js';

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .description('list officers (active ones unless --all)')
    .option('--institution <code>', 'only this institution')
    .addOption(new Option('--role <role>', 'only this role').choices([...ROLES]))
    .option('--unit <code>', 'only this unit (with --institution)')
    .option('--all', 'include deactivated officers (history)')
    .action(async (opts: OutputOptions & { institution?: string; role?: string; unit?: string; all?: boolean }) => {
      const db = await ctx.db();
      const rows = await listOfficers(db.knex, { institution: opts.institution, role: opts.role, unit: opts.unit?.toUpperCase(), all: opts.all });
      const columns: Column[] = [
        { key: 'username', header: { id: 'username', en: 'username' } },
        { key: 'name', header: { id: 'nama', en: 'name' } },
        { key: 'role', header: { id: 'peran', en: 'role' } },
        { key: 'institution_code', header: { id: 'instansi', en: 'institution' } },
        { key: 'unit_code', header: { id: 'unit', en: 'unit' } },
        { key: 'nip', header: { id: 'NIP', en: 'NIP' } },
        { key: 'email', header: { id: 'e-mail', en: 'e-mail' } },
        { key: 'phone', header: { id: 'telepon', en: 'phone' } },
        { key: 'active_from', header: { id: 'aktif dari', en: 'active from' }, type: 'date' },
      ];
      if (opts.all) {
        columns.push(
          { key: 'active_to', header: { id: 'aktif sampai', en: 'active to' }, type: 'date' },
          { key: 'deactivated_reason', header: { id: 'alasan', en: 'reason' } },
        );
      }
      await emitList(ctx, { name: 'officers', title: { id: 'Petugas', en: 'Officers' }, columns, rows }, opts);
    });
  return addOutputOptions(cmd);
}
