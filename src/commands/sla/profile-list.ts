import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { listAssignments, listProfiles } from '../../db/sla-profiles.js';

export function profileListCommand(ctx: Context): Command {
  const cmd = new Command('list').description('list the SLA profiles and how many institutions use each').action(async (opts: OutputOptions) => {
    const db = await ctx.db();
    const profiles = await listProfiles(db.knex);
    const assigned = await listAssignments(db.knex);
    await emitList(ctx, {
      name: 'profiles',
      title: { id: 'Profil SLA', en: 'SLA profiles' },
      columns: [
        { key: 'name', header: { id: 'nama', en: 'name' } },
        { key: 'version', header: { id: 'versi', en: 'version' }, type: 'int' },
        { key: 'default', header: { id: 'bawaan', en: 'default' }, type: 'bool' },
        { key: 'valid_from', header: { id: 'berlaku dari', en: 'valid from' }, type: 'date' },
        { key: 'valid_to', header: { id: 'berlaku sampai', en: 'valid to' }, type: 'date' },
        { key: 'verification', header: { id: 'verifikasi', en: 'verification' }, type: 'int' },
        { key: 'first_follow_up', header: { id: 'TL pertama', en: 'first follow-up' }, type: 'int' },
        { key: 'completion', header: { id: 'penyelesaian', en: 'completion' } },
        { key: 'auto_close', header: { id: 'tutup otomatis', en: 'auto-close' }, type: 'int' },
        { key: 'institutions', header: { id: 'instansi', en: 'institutions' }, type: 'int' },
        { key: 'title', header: { id: 'judul', en: 'title' } },
      ],
      rows: profiles.map((p) => ({
        name: p.name, version: p.version, default: p.is_default, valid_from: p.valid_from, valid_to: p.valid_to,
        verification: p.targets.verification, first_follow_up: p.targets.first_follow_up,
        completion: Object.entries(p.targets.completion).map(([k, v]) => `${k} ${v}`).join(', '),
        auto_close: p.targets.auto_close,
        institutions: new Set(assigned.filter((a) => a.profile_id === p.id).map((a) => a.institution_id)).size,
        title: p.title,
      })),
    }, opts);
  });
  return addOutputOptions(cmd);
}
