import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import {
  CHANNEL_SPELLINGS, CLASS_SPELLINGS, NO_SPELLINGS, STATUS_SPELLINGS, YES_SPELLINGS,
} from '../../domain/import/values.js';
import { L } from '../../i18n/index.js';

/** `lapor import values`: every value the import knows and the spellings it accepts for each. */
export function valuesCommand(ctx: Context): Command {
  const cmd = new Command('values')
    .option('--field <field>', 'only this field: channel, class, status or yes_no')
    .addHelpText('after', `
Matching ignores case, spaces and punctuation (\`Tatap-Muka\`, \`tatap muka\` and \`TATAPMUKA\` are one).
A mapping file's own \`values:\` are tried first (docs/import.md).`)
    .action(async (opts: OutputOptions & { field?: string }) => {
      const groups: Array<[string, Record<string, string[]>]> = [
        ['channel', CHANNEL_SPELLINGS], ['class', CLASS_SPELLINGS], ['status', STATUS_SPELLINGS],
        ['yes_no', { ya: YES_SPELLINGS, tidak: NO_SPELLINGS }],
      ];
      const rows = groups.filter(([g]) => !opts.field || g === opts.field).flatMap(([field, table]) =>
        Object.entries(table).map(([value, spellings]) => ({ field, value, spellings: spellings.join(', ') })));
      await emitList(ctx, {
        name: 'import_values',
        title: L.values_the_import_accepts,
        columns: [
          { key: 'field', header: L.field_2 },
          { key: 'value', header: L.value_2 },
          { key: 'spellings', header: L.accepted_spellings },
        ],
        rows,
      }, opts);
    });
  return addOutputOptions(cmd, ['table', 'csv', 'json']);
}
