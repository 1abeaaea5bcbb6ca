import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { listInstitutions } from '../../db/registry.js';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../domain/decree.js';
import { INSTITUTION_KIND, INSTITUTION_STATUS, L } from '../../i18n/index.js';

const KIND_GROUPS: Record<string, InstitutionKind[]> = {
  pemda: ['provinsi', 'kabupaten', 'kota'],
  kl: ['kementerian', 'lembaga'],
};

interface ListOptions extends OutputOptions {
  kind?: string;
  province?: string;
  registered?: boolean;
  unregistered?: boolean;
}

export function parseKinds(text: string | undefined): InstitutionKind[] | undefined {
  if (!text) return undefined;
  const out: InstitutionKind[] = [];
  for (const part of text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (KIND_GROUPS[part]) out.push(...KIND_GROUPS[part]);
    else if ((INSTITUTION_KINDS as readonly string[]).includes(part)) out.push(part as InstitutionKind);
    else throw new UsageError(`--kind '${part}' is not a kind`, [`use ${INSTITUTION_KINDS.join(', ')}, pemda or kl (comma-separated)`]);
  }
  return out;
}

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .addOption(new Option('--kind <kinds>', 'kinds, comma-separated: provinsi, kabupaten, kota, kementerian, lembaga, bumn, other; or pemda, kl'))
    .option('--province <code>', 'only this province and its kabupaten/kota (e.g. 32)')
    .addOption(new Option('--registered', 'only institutions with a decree in force').conflicts('unregistered'))
    .option('--unregistered', 'only institutions without a decree')
    .action(async (opts: ListOptions) => {
      if (opts.province !== undefined && !/^\d{2}$/.test(opts.province)) {
        throw new UsageError(`--province '${opts.province}' must be a 2-digit province code (e.g. 32)`);
      }
      const db = await ctx.db();
      const rows = await listInstitutions(db.knex, {
        kind: parseKinds(opts.kind),
        province: opts.province,
        registered: opts.registered ? true : opts.unregistered ? false : undefined,
      });
      await emitList(ctx, {
        name: 'institutions',
        title: L.institutions,
        columns: [
          { key: 'code', header: L.code },
          { key: 'name', header: L.name },
          { key: 'kind', header: L.kind, vocab: INSTITUTION_KIND },
          { key: 'province_code', header: L.province },
          { key: 'status', header: L.status, vocab: INSTITUTION_STATUS },
          { key: 'decree_number', header: L.decree_in_force },
          { key: 'decree_date', header: L.decree_date, type: 'date' },
          { key: 'units', header: L.units, type: 'int' },
          { key: 'officers', header: L.officers, type: 'int' },
        ],
        rows: rows.map((r) => ({ ...r })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
