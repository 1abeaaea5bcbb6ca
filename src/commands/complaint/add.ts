import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { DataError, UsageError } from '../../errors.js';
import { checkComplaintFields, MAX_FIELD_CHARS } from '../../domain/complaint-fields.js';
import { readUserTextFile } from '../../cli/files.js';
import { requireActor } from '../../db/actor.js';
import { addComplaint } from '../../db/complaints.js';
import { withTransaction } from '../../db/tx.js';
import { parseInstant, type Zone } from '../../domain/time.js';
import { emitResultJson } from '../../cli/output/index.js';
import { CHANNELS, CLASSES, normalizeChannel, type Channel } from '../../domain/import/values.js';
import { fmt, L } from '../../i18n/index.js';

/** --channel takes the stored code or any spelling the import accepts (`surat`, `tatap muka`, `SMS 1708`). */
function parseChannel(text: string): Channel {
  const channel = normalizeChannel(text);
  if (channel === undefined) throw new UsageError(`--channel '${text}' is not a channel; use one of ${CHANNELS.join(', ')} (or a spelling listed by \`lapor import values\`)`);
  return channel;
}

interface AddFlags {
  channel: Channel;
  class: string;
  body?: string;
  bodyFile?: string;
  title?: string;
  category?: string;
  region?: string;
  receivedAt?: string;
  reporterName?: string;
  reporterNik?: string;
  reporterPhone?: string;
  reporterEmail?: string;
  anonymous?: boolean;
  confidential?: boolean;
  format?: 'table' | 'json';
}

export function addCommand(ctx: Context): Command {
  return new Command('add')
    .addOption(new Option('--channel <channel>', `how it came in: ${CHANNELS.join(', ')}`).argParser(parseChannel).makeOptionMandatory())
    .addOption(new Option('--class <class>', 'klasifikasi').choices([...CLASSES]).default('pengaduan'))
    .option('--body <text>', 'the complaint text')
    .option('--body-file <file>', 'read the complaint text from FILE')
    .option('--title <text>', 'short title')
    .option('--category <text>', 'category (kategori), used by routing rules')
    .option('--region <code>', 'region code of the matter, e.g. 32.73')
    .option('--received-at <instant>', "when it was received (ISO, or local time of the actor's institution); default now")
    .option('--reporter-name <name>', "the reporter's name")
    .option('--reporter-nik <nik>', '16-digit NIK')
    .option('--reporter-phone <phone>', "the reporter's phone number")
    .option('--reporter-email <email>', "the reporter's e-mail address")
    .option('--anonymous', 'the reporter asked to stay anonymous: no identity is stored')
    .option('--confidential', 'rahasia: shown only to the holding institution and super_admin')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .action(async (opts: AddFlags) => {
      if ((opts.body === undefined) === (opts.bodyFile === undefined)) throw new UsageError('give the complaint text with either --body or --body-file');
      const body = opts.body ?? readUserTextFile(opts.bodyFile!, { maxBytes: 4 * MAX_FIELD_CHARS, what: `--body-file ${opts.bodyFile}` });
      if (body.trim() === '') throw new UsageError('the complaint text is empty');
      if (opts.anonymous && (opts.reporterName || opts.reporterNik || opts.reporterPhone || opts.reporterEmail)) {
        throw new UsageError('an anonymous complaint takes no reporter identity');
      }
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      // The import's validators and limits, one home (src/domain/complaint-fields.ts).
      const regionRows: { code: string }[] = await db.knex('institutions').select('code').whereIn('kind', ['provinsi', 'kabupaten', 'kota']);
      const regions = new Set(regionRows.map((r) => r.code));
      const checked = checkComplaintFields({
        body: body.trim(),
        title: opts.title ?? null,
        category: opts.category ?? null,
        regionCode: opts.region ?? null,
        reporterName: opts.reporterName ?? null,
        reporterNik: opts.reporterNik ?? null,
        reporterPhone: opts.reporterPhone ?? null,
        reporterEmail: opts.reporterEmail ?? null,
      }, { regions, provinces: new Set([...regions].filter((c) => !c.includes('.'))), maxFieldChars: MAX_FIELD_CHARS }, {
        body: opts.bodyFile ? `--body-file ${opts.bodyFile}` : '--body', title: '--title', category: '--category', regionCode: '--region',
        reporterName: '--reporter-name', reporterNik: '--reporter-nik', reporterPhone: '--reporter-phone', reporterEmail: '--reporter-email',
      });
      if (!checked.ok) {
        const [first, ...more] = checked.problems;
        throw new DataError(`${first.field} ${first.message}${more.length ? ` (and ${more.length} more problem${more.length === 1 ? '' : 's'})` : ''}; nothing was written`,
          more.map((p) => `${p.field} ${p.message}`));
      }
      const f = checked.value;
      let zone: Zone = 'WIB';
      if (actor.institutionId !== null) {
        zone = ((await db.knex('institutions').where({ id: actor.institutionId }).first('time_zone'))?.time_zone ?? 'WIB') as Zone;
      }
      const receivedAt = opts.receivedAt === undefined ? ctx.now() : parseInstant(opts.receivedAt, zone);
      if (!receivedAt) throw new UsageError(`--received-at '${opts.receivedAt}' is not an ISO instant or date`);
      const added = await withTransaction(db.knex, (trx) => addComplaint(trx, actor, {
        channel: opts.channel,
        class: opts.class,
        ...f,
        receivedAt,
        anonymous: opts.anonymous === true,
        confidential: opts.confidential === true,
      }, ctx.now()));
      if (opts.format === 'json') {
        emitResultJson(ctx, added);
      } else {
        ctx.out(added.trackingId);
        ctx.info(added.institutionCode
          ? fmt(L.complaint_placed, ctx.lang, { tracking_id: added.trackingId, holder: added.unitCode ? `${added.institutionCode}/${added.unitCode}` : added.institutionCode })
          : fmt(L.complaint_awaits_verification, ctx.lang, { tracking_id: added.trackingId }));
      }
    });
}
