import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { readUserTextFile } from '../../cli/files.js';
import { requireActor } from '../../db/actor.js';
import { performAction, type ActionInput, type TransitionResult } from '../../usecases/perform-action.js';
import { EVENT_LABELS, STATUS_LABELS } from '../../domain/lifecycle.js';
import { emitResultJson, type Lang } from '../../cli/output/index.js';
import { t, VALUE } from '../../i18n/index.js';

export interface TransitionFlags {
  disposeTo?: string;
  to?: string;
  reason?: string;
  text?: string;
  file?: string;
  format?: 'table' | 'json';
  lang?: Lang;
}

/** Reads `--text` or `--file` (exactly one). */
export function textOf(opts: TransitionFlags, what: string): string {
  if (opts.text !== undefined && opts.file !== undefined) throw new UsageError(`give the ${what} with either --text or --file, not both`);
  if (opts.file !== undefined) return readUserTextFile(opts.file);
  if (opts.text === undefined) throw new UsageError(`give the ${what} with --text TEXT or --file FILE`);
  return opts.text;
}

/** Who holds the complaint: INSTITUTION/UNIT, INSTITUTION, or nobody yet (national, in the run's language). */
function holder(h: { institution: string | null; unit: string | null }, lang: Lang): string {
  return h.institution === null ? t(VALUE.national_scope, lang) : h.unit ? `${h.institution}/${h.unit}` : h.institution;
}

export function describeResult(r: TransitionResult, lang: Lang): string {
  return `${r.trackingId}: ${EVENT_LABELS[r.kind][lang]} — ${STATUS_LABELS[r.from.status][lang]} (${holder(r.from, lang)}) → ` +
    `${STATUS_LABELS[r.to.status][lang]} (${holder(r.to, lang)})`;
}

/**
 * A life-cycle verb: `lapor complaint VERB TRACKING_ID [flags]`. The command only parses; the
 * rules are in src/domain/lifecycle.ts and policy.ts, the transaction in src/db/transitions.ts.
 */
export function transitionCommand(
  ctx: Context,
  spec: { name: string; configure?: (cmd: Command) => Command; input: (opts: TransitionFlags) => ActionInput },
): Command {
  let cmd = new Command(spec.name).argument('<tracking-id>', 'the complaint');
  if (spec.configure) cmd = spec.configure(cmd);
  cmd
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .action(async (trackingId: string, opts: TransitionFlags) => {
      const input = spec.input(opts);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const result = await performAction(db.knex, actor, trackingId.trim(), input, ctx.now());
      if (opts.format === 'json') emitResultJson(ctx, result);
      else ctx.out(describeResult(result, opts.lang ?? 'id'));
    });
  return cmd;
}
