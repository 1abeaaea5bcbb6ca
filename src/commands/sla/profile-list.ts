import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { listAssignments, listProfiles } from '../../db/sla-profiles.js';
import { L } from '../../i18n/index.js';

export function profileListCommand(ctx: Context): Command {
  const cmd = new Command('list').action(async (opts: OutputOptions) => {
    const db = await ctx.db();
    const profiles = await listProfiles(db.knex);
    const assigned = await listAssignments(db.knex);
    await emitList(ctx, {
      name: 'profiles',
      title: L.sla_profiles,
      columns: [
        { key: 'name', header: L.name },
        { key: 'version', header: L.version, type: 'int' },
        { key: 'default', header: L.default, type: 'bool' },
        { key: 'valid_from', header: L.valid_from, type: 'date' },
        { key: 'valid_to', header: L.valid_to, type: 'date' },
        { key: 'verification', header: L.verification, type: 'int' },
        { key: 'first_follow_up', header: L.first_follow_up, type: 'int' },
        { key: 'completion', header: L.completion },
        { key: 'auto_close', header: L.auto_close, type: 'int' },
        { key: 'institutions', header: L.institutions_2, type: 'int' },
        { key: 'title', header: L.title },
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
