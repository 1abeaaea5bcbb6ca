import { Command } from 'commander';
import { parseCountOption } from '../../cli/options.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { addOutputOptions, emitList, type OutputOptions } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { listComplaints } from '../../db/complaints-list.js';
import { STATUSES, type Status } from '../../domain/lifecycle.js';
import { viewIdentity } from '../../domain/privacy.js';
import { addDays, formatInstant, isValidDate, localTimeToInstant } from '../../domain/time.js';
import { CLASS, fmt, L, STATUS, t, TIMER, VALUE } from '../../i18n/index.js';

interface ListFlags extends OutputOptions {
  status?: string;
  institution?: string;
  unit?: string;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: boolean;
  unassigned?: boolean;
  limit: string;
}

export function listCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .option('--status <list>', `comma-separated: ${STATUSES.join(',')}`)
    .option('--institution <code>', 'held by this institution')
    .option('--unit <code>', 'held by this unit')
    .option('--received-from <date>', 'received on or after this date (YYYY-MM-DD, WIB)')
    .option('--received-to <date>', 'received on or before this date (YYYY-MM-DD, WIB)')
    .option('--overdue', 'only complaints past the deadline of their running timer (legacy rows excluded)')
    .option('--unassigned', 'only complaints with nobody (unverified, on hold, returned), such as those imported as unverified')
    .option('--limit <n>', 'at most N rows', '500')
    .action(async (opts: ListFlags) => {
      const statuses = opts.status?.split(',').map((s) => s.trim()).filter(Boolean) as Status[] | undefined;
      for (const s of statuses ?? []) if (!STATUSES.includes(s)) throw new UsageError(`--status '${s}' is not one of ${STATUSES.join(', ')}`);
      for (const [flag, v] of [['--received-from', opts.receivedFrom], ['--received-to', opts.receivedTo]] as const) {
        if (v !== undefined && !isValidDate(v)) throw new UsageError(`${flag} '${v}' is not a date (YYYY-MM-DD)`);
      }
      const limit = parseCountOption('--limit', opts.limit);
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const { rows, truncated } = await listComplaints(db.knex, actor, {
        statuses,
        institution: opts.institution,
        unit: opts.unit,
        receivedFrom: opts.receivedFrom ? localTimeToInstant(opts.receivedFrom, '00:00:00', 'WIB') : undefined,
        receivedBefore: opts.receivedTo ? localTimeToInstant(addDays(opts.receivedTo, 1), '00:00:00', 'WIB') : undefined,
        overdue: opts.overdue === true,
        unassigned: opts.unassigned === true,
        limit,
        now: ctx.now(),
      });
      if (truncated) ctx.warn(fmt(L.complaints_truncated, ctx.lang, { limit }));
      const lang = opts.lang ?? 'id';
      await emitList(ctx, {
        name: 'complaints',
        title: L.complaints,
        columns: [
          { key: 'tracking_id', header: L.tracking_id },
          { key: 'received_at', header: L.received, type: 'datetime', zoneKey: 'zone' },
          { key: 'status', header: L.status, vocab: STATUS },
          { key: 'institution', header: L.institution },
          { key: 'unit', header: L.unit },
          { key: 'class', header: L.class, vocab: CLASS },
          { key: 'category', header: L.category },
          { key: 'title', header: L.title },
          { key: 'reporter', header: L.reporter },
          ...(opts.overdue ? [
            { key: 'timer', header: L.timer, vocab: TIMER },
            { key: 'deadline', header: L.deadline, type: 'datetime' as const, zoneKey: 'zone' },
          ] : []),
        ],
        rows: rows.map((r) => ({
          tracking_id: r.trackingId,
          received_at: r.receivedAt,
          zone: r.zone,
          status: r.status,
          institution: r.institutionCode,
          unit: r.unitCode,
          class: r.class,
          category: r.category,
          title: r.title,
          reporter: r.anonymous ? t(VALUE.anonymous, lang)
            : viewIdentity({ name: r.reporterName, nik: null, phone: null, email: null }, false, false).identity.name,
          timer: r.due?.timer,
          deadline: r.due?.deadline,
        })),
      }, opts);
    });
  return addOutputOptions(cmd);
}
