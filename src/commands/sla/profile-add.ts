import { Command } from 'commander';
import YAML from 'yaml';
import type { Context } from '../../cli/context.js';
import { readUserTextFile } from '../../cli/files.js';
import { DataError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { addProfile } from '../../db/sla-profiles.js';
import { audit } from '../../db/reports.js';
import { withTransaction } from '../../db/tx.js';
import { parseTargets } from '../../domain/sla.js';
import { isValidDate } from '../../domain/time.js';
import { checkCapability } from '../../domain/policy.js';
import { deny } from '../../usecases/refusal.js';
import { fmt, L, t, type Lang } from '../../i18n/index.js';

/** What sla profile add added, on stdout in the run's language; NAME@VERSION as `sla profile show` takes it. */
export function profileAddedLine(p: { name: string; version: number; is_default: boolean }, lang: Lang): string {
  return fmt(L.profile_added, lang, { profile: `${p.name}@${p.version}`, default: p.is_default ? t(L.profile_now_default, lang) : '' });
}

/** A profile file (YAML or JSON): name, title, legal_basis, valid_from, valid_to, targets, default. */
export function parseProfileFile(text: string, file: string) {
  let doc: Record<string, unknown>;
  try {
    doc = YAML.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new DataError(`${file}: not valid YAML/JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object') throw new DataError(`${file}: expected a mapping with name, title, valid_from and targets`);
  const problems: string[] = [];
  const str = (k: string, required: boolean) => {
    const v = doc[k];
    if (v === undefined || v === null) {
      if (required) problems.push(`${k} is required`);
      return undefined;
    }
    return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  };
  const name = str('name', true);
  if (name !== undefined && !/^[a-z0-9][a-z0-9._-]{1,63}$/.test(name)) problems.push(`name '${name}': use lower-case letters, digits, '.', '_' or '-'`);
  const title = str('title', true);
  const validFrom = str('valid_from', true);
  const validTo = str('valid_to', false);
  for (const [k, v] of [['valid_from', validFrom], ['valid_to', validTo]] as const) {
    if (v !== undefined && !isValidDate(v)) problems.push(`${k} '${v}' must be a date YYYY-MM-DD`);
  }
  if (validFrom && validTo && validTo < validFrom) problems.push('valid_to is before valid_from');
  const t = parseTargets(doc.targets);
  problems.push(...t.problems.map((p) => `targets: ${p}`));
  for (const k of Object.keys(doc)) {
    if (!['name', 'title', 'legal_basis', 'valid_from', 'valid_to', 'targets', 'default'].includes(k)) problems.push(`unknown field '${k}'`);
  }
  if (problems.length) throw new DataError(`${file}: ${problems.length} problem(s), nothing added`, problems);
  return {
    name: name!, title: title!, legal_basis: str('legal_basis', false) ?? null, valid_from: validFrom!, valid_to: validTo ?? null,
    targets: t.targets!, default: doc.default === true,
  };
}

export function profileAddCommand(ctx: Context): Command {
  return new Command('add')
    .argument('<file>', 'profile file, e.g. fixtures/sla-profiles/permenpan-5-2025.yaml')
    .action(async (file: string) => {
      const spec = parseProfileFile(readUserTextFile(file), file);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      deny(checkCapability(actor, 'sla_profile'));
      const row = await withTransaction(db.knex, async (trx) => {
        const r = await addProfile(trx, spec);
        await audit(trx, actor.username, 'sla.profile.add', { name: r.name, version: r.version, default: r.is_default });
        return r;
      });
      ctx.out(profileAddedLine(row, ctx.lang));
    });
}
