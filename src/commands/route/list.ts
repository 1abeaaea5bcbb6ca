import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { listRoutes } from '../../db/routes.js';

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .description('routing rules used by `dispatch suggest`')
    .action(async (opts: OutputOptions) => {
      const db = await ctx.db();
      const rules = await listRoutes(db.knex);
      await emitList(ctx, {
        name: 'routes',
        title: { id: 'Aturan disposisi', en: 'Routing rules' },
        columns: [
          { key: 'id', header: '#', type: 'int' },
          { key: 'region', header: { id: 'wilayah', en: 'region' } },
          { key: 'category', header: { id: 'kategori', en: 'category' } },
          { key: 'institution', header: { id: 'instansi', en: 'institution' } },
          { key: 'name', header: { id: 'nama instansi', en: 'institution name' } },
          { key: 'priority', header: { id: 'prioritas', en: 'priority' }, type: 'int' },
          { key: 'created_by', header: { id: 'dibuat oleh', en: 'created by' } },
        ],
        rows: rules.map((r) => ({
          id: r.id, region: r.regionCode, category: r.category, institution: r.institutionCode, name: r.institutionName,
          priority: r.priority, created_by: r.createdBy,
        })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
