import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { DataError } from '../../errors.js';
import { addOutputOptions, emitReport, type OutputOptions } from '../../cli/output/index.js';
import { findProfile, listAssignments } from '../../db/sla-profiles.js';
import { CLASS, L, TIMER } from '../../i18n/index.js';

export function profileShowCommand(ctx: Context): Command {
  const cmd = new Command('show')
    .argument('<profile>', 'name, or name@version')
    .action(async (ref: string, opts: OutputOptions) => {
      const db = await ctx.db();
      const p = await findProfile(db.knex, ref);
      if (!p) throw new DataError(`no SLA profile '${ref}' (see \`lapor sla profile list\`)`);
      const assigned = await listAssignments(db.knex, p.id);
      const targets = [
        { timer: 'verification', class: null, days: p.targets.verification },
        { timer: 'first_follow_up', class: null, days: p.targets.first_follow_up },
        ...Object.entries(p.targets.completion).map(([k, v]) => ({ timer: 'completion', class: k, days: v })),
        { timer: 'auto_close', class: null, days: p.targets.auto_close },
      ];
      await emitReport(ctx, {
        name: 'sla-profile',
        title: `${p.name}@${p.version}: ${p.title}`,
        subtitle: p.legal_basis ?? undefined,
        meta: { name: p.name, version: p.version, default: p.is_default, valid_from: p.valid_from, valid_to: p.valid_to },
        sections: [
          {
            name: 'targets',
            title: L.targets_working_days,
            columns: [
              { key: 'timer', header: L.timer_2, vocab: TIMER },
              { key: 'class', header: L.class, vocab: CLASS },
              { key: 'days', header: L.wd, type: 'int' },
            ],
            rows: targets,
          },
          {
            name: 'assignments',
            title: L.assigned_institutions,
            columns: [
              { key: 'institution', header: L.institution },
              { key: 'valid_from', header: L.from_2, type: 'date' },
              { key: 'assigned_by', header: L.by },
            ],
            rows: assigned.map((a) => ({ institution: a.institution_code, valid_from: a.valid_from, assigned_by: a.assigned_by })),
            notes: p.is_default ? [L.the_default_applies_to_every_institution] : [],
          },
        ],
      }, opts);
    });
  return addOutputOptions(cmd, ['table', 'csv', 'json']);
}
