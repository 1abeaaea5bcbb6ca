import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { emitReport, type Lang, type Report, emitResultJson } from '../../cli/output/index.js';
import { inquirerPrompter, type Prompter } from '../../cli/prompts.js';
import { requireActor } from '../../db/actor.js';
import { registerDecree, type RegisterResult } from '../../usecases/registry.js';
import { deny } from '../../usecases/refusal.js';
import { checkCapability } from '../../domain/policy.js';
import type { Db } from '../../db/engine.js';
import { decreeToFiles } from '../../domain/decree-write.js';
import { ROLE_LABELS, type InstitutionKind } from '../../domain/decree.js';
import { localDate } from '../../domain/time.js';
import { writeFileAtomic } from '../../cli/output/write.js';
import { loadDecree } from './decree-files.js';
import { rosterPathFor, runDecreeWizard } from './wizard.js';
import { fmt, L, t, type Pair } from '../../i18n/index.js';

export interface RegisterOptions {
  decree?: string;
  dryRun?: boolean;
  format?: 'table' | 'json';
  lang?: Lang;
}

/** Registers a decree file; the wizard builds one first when no file is given. */
export async function runRegister(ctx: Context, db: Db, opts: RegisterOptions, prompter?: Prompter): Promise<RegisterResult> {
  const actor = await requireActor(db.knex, ctx.actorName());
  deny(checkCapability(actor, 'register'));
  const today = localDate(ctx.now(), 'WIB');
  let file = opts.decree;
  if (!file) {
    const institutions = (await db.knex('institutions').select('code', 'name', 'kind', 'status').orderBy('code')) as {
      code: string; name: string; kind: InstitutionKind; status: string;
    }[];
    const w = await runDecreeWizard(prompter ?? inquirerPrompter({ input: ctx.io.stdin, output: ctx.io.stdout }), {
      institutions,
      today,
      cwd: process.cwd(),
      fileExists: (p) => fs.existsSync(p),
      dirExists: (p) => fs.existsSync(p) && fs.statSync(p).isDirectory(),
      print: (t) => ctx.info(t),
      lang: ctx.lang,
    });
    const files = decreeToFiles(w.decree, w.rosterFileName);
    writeFileAtomic(rosterPathFor(w.yamlPath), files.csv);
    writeFileAtomic(w.yamlPath, files.yaml);
    ctx.info(fmt(L.decree_files_written, ctx.lang, { yaml: w.yamlPath, roster: rosterPathFor(w.yamlPath), path: path.relative(process.cwd(), w.yamlPath) || w.yamlPath }));
    file = w.yamlPath;
  }
  const { decree, hash } = await loadDecree(db.knex, file, today);
  return registerDecree(db.knex, decree, hash, { actor, dryRun: opts.dryRun });
}

const CHANGE: Record<string, { id: string; en: string }> = {
  added: L.added,
  updated: L.updated,
  renamed: L.renamed,
  reactivated: L.reactivated,
  deactivated: L.deactivated,
  unchanged: L.unchanged,
};

/** What register did with the decree, and on a dry run what it would do (a decree left unchanged is the same either way). */
const OUTCOME = {
  unchanged: { done: L.decree_outcome_unchanged, dryRun: L.decree_outcome_unchanged },
  amended: { done: L.decree_outcome_amended, dryRun: L.decree_outcome_would_amend },
  superseded: { done: L.decree_outcome_superseding, dryRun: L.decree_outcome_would_supersede },
  registered: { done: L.decree_outcome_registered, dryRun: L.decree_outcome_would_register },
} as const satisfies Record<RegisterResult['outcome'], { done: Pair; dryRun: Pair }>;

export function outcomeLine(r: RegisterResult, lang: Lang): string {
  const decree = `${r.decree.number} (${r.institution.code} ${r.institution.name})`;
  const text = OUTCOME[r.outcome][r.dryRun ? 'dryRun' : 'done'];
  return fmt(text, lang, { decree, number: r.supersedes?.number ?? '', date: r.supersedes?.date ?? '' });
}

export function registerReport(r: RegisterResult, lang: Lang): Report {
  const tl = (p: Pair) => p[lang];
  // English keys; people see the META labels.
  const meta: Report['meta'] = {
    outcome: outcomeLine(r, lang), decree: r.decree.number, decree_date: r.decree.date, received_at: r.decree.receivedAt,
    effective_from: r.decree.effectiveFrom, institution: `${r.institution.code} ${r.institution.name}`,
  };
  if (r.dryRun) meta.dry_run = t(L.yes_nothing_saved, lang);
  const sections: Report['sections'] = [
    {
      name: 'units',
      title: L.units_2,
      columns: [
        { key: 'code', header: L.code },
        { key: 'name', header: L.name },
        { key: 'change', header: L.change },
        { key: 'detail', header: L.detail },
      ],
      rows: r.units.map((u) => ({ ...u, change: tl(CHANGE[u.change]) })),
    },
    {
      name: 'officers',
      title: L.complaint_team,
      columns: [
        { key: 'username', header: L.username },
        { key: 'name', header: L.name },
        { key: 'role', header: L.role },
        { key: 'unit', header: L.unit_2 },
        { key: 'change', header: L.change },
        { key: 'detail', header: L.detail },
      ],
      rows: r.officers.map((o) => ({ ...o, role: tl(ROLE_LABELS[o.role as keyof typeof ROLE_LABELS] ?? { id: o.role, en: o.role }), change: tl(CHANGE[o.change]) })),
    },
  ];
  if (r.outcome !== 'registered' || r.heldComplaints.length > 0) {
    sections.push({
      name: 'held_complaints',
      title: L.complaints_still_held_by_units_whose_lia,
      columns: [
        { key: 'trackingId', header: L.tracking_id_2 },
        { key: 'unitCode', header: L.unit_2 },
        { key: 'receivedAt', header: L.received, type: 'datetime' },
        { key: 'title', header: L.title },
        { key: 'unitHasLiaison', header: L.unit_still_has_a_liaison, type: 'bool' },
      ],
      rows: r.heldComplaints.map((c) => ({ ...c })),
    });
  }
  return {
    name: 'decree_registration',
    title: L.decree_registration,
    meta,
    sections,
  };
}

export function registerCommand(ctx: Context): Command {
  return new Command('register')
    .option('--decree <file>', 'the decree YAML (its roster CSV beside it); see docs/registry.md')
    .option('--dry-run', 'validate and show what would change, write nothing')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .addHelpText('after', `
Only a super_admin may register. Every problem of the file is listed at once (exit 65, nothing written).
Registering the same decree again changes nothing; a newer decree supersedes the one in force.`)
    .action(async (opts: RegisterOptions) => {
      if (!opts.decree && !ctx.canPrompt()) {
        throw new UsageError('no --decree FILE given, and no terminal to ask on', [
          'give the decree file: lapor institution register --decree sk.yaml (format: docs/registry.md, samples: fixtures/decrees/)',
          'or run it on a terminal to be asked step by step',
        ]);
      }
      const db = await ctx.db();
      const result = await runRegister(ctx, db, opts);
      const lang = opts.lang ?? 'id';
      if (opts.format === 'json') {
        emitResultJson(ctx, result);
        return;
      }
      if (result.outcome === 'unchanged') {
        ctx.out(outcomeLine(result, lang));
        return;
      }
      if (result.dryRun) ctx.info(t(L.dry_run_nothing_saved, lang));
      await emitReport(ctx, registerReport(result, lang), { format: 'table', lang });
    });
}
