import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { DataError, UsageError } from '../../errors.js';
import { requireActor } from '../../db/actor.js';
import { assignProfile, findProfile } from '../../db/sla-profiles.js';
import { audit } from '../../db/reports.js';
import { withTransaction } from '../../db/tx.js';
import { isValidDate } from '../../domain/time.js';
import { checkCapability } from '../../domain/policy.js';
import { deny } from '../../usecases/refusal.js';
import { unknownInstitutionError } from '../../db/institution-code.js';
import { fmt, L, type Lang } from '../../i18n/index.js';

/** What sla profile assign did, on stdout in the run's language: `CODE: NAME@VERSION from DATE` (the first two as data, first). */
export function profileAssignedLine(institution: string, p: { name: string; version: number }, from: string, lang: Lang): string {
  return fmt(L.profile_assigned, lang, { institution, profile: `${p.name}@${p.version}`, from });
}

export function profileAssignCommand(ctx: Context): Command {
  return new Command('assign')
    .argument('<profile>', 'name or name@version')
    .requiredOption('--institution <code>', 'the institution')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, local) it applies to')
    .action(async (ref: string, opts: { institution: string; from: string }) => {
      if (!isValidDate(opts.from)) throw new UsageError(`--from '${opts.from}' must be a date YYYY-MM-DD`);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      deny(checkCapability(actor, 'sla_profile'));
      const p = await findProfile(db.knex, ref);
      if (!p) throw new DataError(`no SLA profile '${ref}' (see \`lapor sla profile list\`)`);
      if (opts.from < p.valid_from || (p.valid_to && opts.from > p.valid_to)) {
        throw new DataError(`${p.name}@${p.version} is valid from ${p.valid_from}${p.valid_to ? ` to ${p.valid_to}` : ''}, not on ${opts.from}`);
      }
      const inst = await db.knex('institutions').whereRaw('upper(code) = upper(?)', [opts.institution]).first('id', 'code');
      if (!inst) throw await unknownInstitutionError(db.knex, opts.institution);
      await withTransaction(db.knex, async (trx) => {
        await assignProfile(trx, inst.id, p.id, opts.from, actor.username);
        await audit(trx, actor.username, 'sla.profile.assign', { profile: `${p.name}@${p.version}`, institution: inst.code, from: opts.from });
      });
      ctx.out(profileAssignedLine(inst.code, p, opts.from, ctx.lang));
    });
}
