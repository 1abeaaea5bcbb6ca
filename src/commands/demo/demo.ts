import path from 'node:path';
import { Command } from 'commander';
import { redactUrl } from '../../db/url.js';
import type { Context } from '../../cli/context.js';
import { openDb } from '../../db/engine.js';
import { describeTarget } from '../../db/url.js';
import { runStep, type DemoStep, type StepResult } from '../../demo/runner.js';
import { DEMO_AS_OF, runScenario } from '../../demo/scenario.js';
import { assertEmptyDatabase, chooseDemoPlace } from '../../demo/target.js';
import { fmt, L, t, type Lang } from '../../i18n/index.js';

export interface DemoSummary {
  dir: string;
  database: string;
  steps: number;
  seconds: number;
  files: string[];
  trackingIds: Record<string, string>;
}

/** The reports the demo ends with: two printed, the Penanggungjawab's monitoring written for people. */
function reportSteps(dir: string): Array<DemoStep & { file?: string }> {
  const asOf = ['--as-of', DEMO_AS_OF];
  const html = path.join(dir, 'monitoring-32.73.html');
  const xlsx = path.join(dir, 'monitoring-32.73.xlsx');
  return [
    { label: L.demo_report_sla, at: DEMO_AS_OF, show: true,
      argv: ['--as', 'adminnas', 'report', 'sla', '--by', 'institution', '--month', '2026-11', ...asOf] },
    { label: L.demo_report_onboarding, at: DEMO_AS_OF, show: true,
      argv: ['--as', 'adminnas', 'report', 'onboarding', '--province', '32', '--deadline', '2024-03-01'] },
    { label: L.demo_report_monitoring_html, at: DEMO_AS_OF, file: html,
      argv: ['--as', 'rina.kartika', 'report', 'monitoring', '--institution', '32.73', ...asOf, '--format', 'html', '--output', html] },
    { label: L.demo_report_monitoring_xlsx, at: DEMO_AS_OF, file: xlsx,
      argv: ['--as', 'rina.kartika', 'report', 'monitoring', '--institution', '32.73', ...asOf, '--format', 'xlsx', '--output', xlsx] },
  ];
}

export async function runDemo(ctx: Context, opts: { dir?: string }): Promise<DemoSummary> {
  const started = Date.now();
  const place = chooseDemoPlace({ dir: opts.dir, db: ctx.globals.db });
  ctx.info(fmt(L.demo_working_in, ctx.lang, { dir: place.dir, target: describeTarget(place.target) }));
  const db = await openDb(place.target);
  // Never the user's own actor or server: every step names its officer and uses the demo database.
  // Every step speaks the demo's language (--lang too, which the steps' own command lines do not carry).
  const env = { ...ctx.env, LAPOR_ACTOR: '', DATABASE_URL: '', LAPOR_LANG: ctx.lang };
  let count = 0;
  const run = async (step: DemoStep): Promise<StepResult> => {
    count++;
    ctx.info(ctx.color.dim(`  ${String(count).padStart(2)}. ${t(step.label, ctx.lang)}`));
    if (step.show) ctx.out('');
    return runStep(db, step, { env, userStdout: ctx.io.stdout });
  };
  try {
    await assertEmptyDatabase(db);
    const facts = await runScenario(run, { dir: place.dir });
    const files: string[] = [];
    for (const step of reportSteps(place.dir)) {
      await run(step);
      if (step.file) files.push(step.file);
    }
    return {
      dir: place.dir,
      database: db.describe,
      steps: count,
      seconds: (Date.now() - started) / 1000,
      files,
      trackingIds: facts.trackingIds,
    };
  } finally {
    await db.close();
  }
}

function explore(s: DemoSummary, dbArg: string, lang: Lang): string {
  const ids = s.trackingIds;
  return [
    '',
    fmt(L.demo_done, lang, { seconds: s.seconds.toFixed(1) }),
    ...s.files.map((f) => `  ${f}`),
    '',
    t(L.demo_explore, lang),
    `  export LAPOR_ACTOR=adminnas`,
    `  npx lapor --db ${dbArg} institution show 32.73`,
    `  npx lapor --db ${dbArg} complaint list --institution 32.73`,
    `  npx lapor --db ${dbArg} complaint show ${ids.ktp}`,
    `  npx lapor --db ${dbArg} sla explain ${ids.ktp} --as-of ${DEMO_AS_OF}`,
    `  npx lapor --db ${dbArg} report overdue --as-of ${DEMO_AS_OF}`,
    `  npx lapor --db ${dbArg} import list`,
  ].join('\n');
}

export function demoCommand(ctx: Context): Command {
  return new Command('demo')
    .option('--dir <dir>', 'where the demo database and reports go (default: a new temporary directory)')
    .action(async (opts: { dir?: string }) => {
      const summary = await runDemo(ctx, opts);
      const dbArg = ctx.globals.db ?? `pglite:${path.join(summary.dir, 'db')}`;
      ctx.info(explore(summary, redactUrl(dbArg), ctx.lang));
    });
}
