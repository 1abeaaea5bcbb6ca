import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { listRoutes } from '../../db/routes.js';
import { L } from '../../i18n/index.js';

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .action(async (opts: OutputOptions) => {
      const db = await ctx.db();
      const rules = await listRoutes(db.knex);
      await emitList(ctx, {
        name: 'routes',
        title: L.routing_rules,
        columns: [
          { key: 'id', header: '#', type: 'int' },
          { key: 'region', header: L.region },
          { key: 'category', header: L.category },
          { key: 'institution', header: L.institution },
          { key: 'name', header: L.institution_name },
          { key: 'priority', header: L.priority, type: 'int' },
          { key: 'created_by', header: L.created_by },
        ],
        rows: rules.map((r) => ({
          id: r.id, region: r.regionCode, category: r.category, institution: r.institutionCode, name: r.institutionName,
          priority: r.priority, created_by: r.createdBy,
        })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
