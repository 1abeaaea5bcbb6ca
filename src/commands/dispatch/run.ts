import path from 'node:path';
import { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { Context } from '../../cli/context.js';
import { DataError, UsageError } from '../../errors.js';
import { readUserTextFile } from '../../cli/files.js';
import { Option } from 'commander';
import { emitList, type OutputOptions } from '../../cli/output/index.js';
import { neutralizeFormula } from '../../cli/output/csv.js';
import { writeFileAtomic } from '../../cli/output/write.js';
import { requireActor } from '../../db/actor.js';
import { runDispatch, type DispatchRowResult } from '../../usecases/dispatch.js';
import { parsePlan } from '../../domain/dispatch.js';
import { fmt, L, t } from '../../i18n/index.js';

interface RunFlags extends OutputOptions {
  dryRun?: boolean;
  yes?: boolean;
  result?: string;
}

/** A row's outcome is a code (JSON: outcome, outcome_label; the result file keeps the code); people read its label. */
// A row's action is the plan's own word, as written in the plan and as `lapor complaint VERB` names it (verify,
// return …): no vocabulary's code (return is a return or a return to the admin, by who holds the complaint), so
// it is shown as written. Its message, a refusal's reason, is an error text and English as errors are.
const OUTCOME = { applied: L.dispatch_outcome_applied, would_apply: L.dispatch_outcome_would_apply, refused: L.dispatch_outcome_refused, conflict: L.dispatch_outcome_conflict } as const;

/** PLAN.csv → PLAN.result.csv beside it. */
export function defaultResultFile(plan: string): string {
  const dir = path.dirname(plan);
  const base = path.basename(plan).replace(/\.csv$/i, '');
  return path.join(dir, `${base}.result.csv`);
}

export function resultCsv(rows: DispatchRowResult[]): string {
  const head = ['line', 'tracking_id', 'action', 'target', 'reason', 'outcome', 'why', 'message', 'status'];
  return stringify([head, ...rows.map((r) =>
    [r.line, r.trackingId, r.action, r.target, r.reason, r.outcome, r.why ?? '', r.message, r.status ?? '']
      .map((v) => (typeof v === 'string' ? neutralizeFormula(v) : String(v))))]);
}

/** The action of `lapor dispatch PLAN.csv`, attached to the `dispatch` command itself. */
export function configureDispatchRun(cmd: Command, ctx: Context): Command {
  cmd
    .argument('[plan]', 'CSV with columns tracking_id,action,target,reason')
    .option('--dry-run', 'check every row and show its outcome; write nothing')
    .option('--yes', 'apply without asking (needed when not on a terminal)')
    .option('--result <file>', 'per-row result file (default: PLAN.result.csv beside the plan)')
    .action(async (plan: string | undefined, opts: RunFlags) => {
      if (!plan) throw new UsageError('give the plan: lapor dispatch PLAN.csv [--dry-run] (or `lapor dispatch suggest`)');
      if (opts.dryRun && opts.result) throw new UsageError('--result is for a real run; a dry run prints its outcome');
      const parsed = parsePlan(readUserTextFile(plan));
      if (parsed.problems.length) throw new DataError(`${plan}: the plan cannot be used (nothing was written)`, parsed.problems.slice(0, 20));
      if (!opts.dryRun && !opts.yes) {
        if (!ctx.canPrompt()) throw new UsageError('dispatch writes in bulk: give --yes to apply, or --dry-run to check first');
        const { confirm } = await import('@inquirer/prompts');
        if (!(await confirm({ message: fmt(L.dispatch_confirm, ctx.lang, { n: parsed.rows.length, plan }), default: false }))) {
          ctx.info(t(L.nothing_applied, ctx.lang));
          return;
        }
      }
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const started = Date.now();
      const run = await runDispatch(db.knex, actor, parsed.rows, { dryRun: opts.dryRun === true, now: ctx.now() });
      const ms = Date.now() - started;
      if (opts.dryRun) {
        ctx.info(fmt(L.dispatch_dry_run_summary, ctx.lang, { applied: run.applied, rows: parsed.rows.length, refused: run.refused }));
        await emitList(ctx, {
          name: 'dispatch',
          title: L.dispatch_plan_dry_run,
          columns: [
            { key: 'line', header: L.line, type: 'int' },
            { key: 'tracking_id', header: L.tracking_id },
            { key: 'action', header: L.action },
            { key: 'target', header: L.target },
            { key: 'outcome', header: L.outcome, vocab: OUTCOME },
            { key: 'message', header: L.message },
          ],
          rows: run.rows.map((r) => ({ line: r.line, tracking_id: r.trackingId, action: r.action, target: r.target, outcome: r.outcome, message: r.message })),
        }, opts);
      } else {
        const file = opts.result ?? defaultResultFile(plan);
        writeFileAtomic(file, resultCsv(run.rows));
        ctx.info(fmt(L.dispatch_applied, ctx.lang, {
          applied: run.applied, rows: parsed.rows.length, refused: run.refused, seconds: (ms / 1000).toFixed(1), batches: run.batches, file,
          fallback: run.fallbackRows ? fmt(L.dispatch_fallback_rows, ctx.lang, { n: run.fallbackRows }) : '',
        }));
        const counts = new Map<string, number>();
        for (const r of run.rows) counts.set(`${r.action}|${r.outcome}`, (counts.get(`${r.action}|${r.outcome}`) ?? 0) + 1);
        await emitList(ctx, {
          name: 'dispatch',
          title: L.dispatch_result,
          columns: [
            { key: 'action', header: L.action },
            { key: 'outcome', header: L.outcome, vocab: OUTCOME },
            { key: 'rows', header: L.rows, type: 'int' },
          ],
          rows: [...counts.entries()].map(([k, n]) => ({ action: k.split('|')[0], outcome: k.split('|')[1], rows: n })),
        }, opts);
      }
      if (run.refused > 0) {
        ctx.warn(opts.dryRun ? fmt(L.dispatch_rows_would_be_refused, ctx.lang, { n: run.refused })
          : fmt(L.dispatch_rows_refused, ctx.lang, { n: run.refused, file: opts.result ?? defaultResultFile(plan) }));
        ctx.exitCode = 3;
      }
    });
  // Not addOutputOptions: its -o/--output would swallow `dispatch suggest -o FILE`; the run's file is --result.
  return cmd
    .addOption(new Option('--format <format>', 'output format of the outcome').choices(['table', 'csv', 'json']));
}
