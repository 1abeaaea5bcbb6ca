import fs from 'node:fs';
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { OutputError, UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../cli/output/write.js';
import { refuseOutputOverInput } from '../../usecases/import/files.js';
import { startingMapping } from '../../usecases/import/map-init.js';
import { localDate } from '../../domain/time.js';
import { fmt, L } from '../../i18n/index.js';

/** `lapor import map --init FILE`: a commented starting mapping from the file's header and first rows. */
export function mapCommand(ctx: Context): Command {
  return new Command('map')
    .requiredOption('--init <file>', 'the legacy CSV file to look at')
    .option('--output <file>', 'write the mapping here (default: stdout)')
    .option('--rows <n>', 'how many first rows to look at', '50')
    .addHelpText('after', `
Then edit it and dry-run it:
  lapor import map --init register.csv --output register.map.yaml
  lapor import complaints register.csv --source loket --map register.map.yaml --dry-run --rejects rejects.csv`)
    .action(async (opts: { init: string; output?: string; rows: string }) => {
      if (!/^\d+$/.test(opts.rows) || Number(opts.rows) < 1) throw new UsageError(`--rows '${opts.rows}' must be a whole number ≥ 1`);
      refuseOutputOverInput('--output', opts.output, [['input file', opts.init]]);
      // Its comments in the run's language; what it maps is the same in either.
      const text = await startingMapping(opts.init, { rows: Number(opts.rows), today: localDate(ctx.now(), 'WIB'), lang: ctx.lang });
      if (!opts.output) {
        ctx.io.stdout.write(text);
        return;
      }
      if (fs.existsSync(opts.output)) throw new UsageError(`--output ${opts.output} exists: lapor does not overwrite a mapping you may have edited; remove it or name another file`);
      try {
        writeFileAtomic(opts.output, text);
      } catch (err) {
        throw new OutputError(`cannot write --output ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      ctx.info(fmt(L.mapping_written, ctx.lang, { file: opts.output }));
    });
}
