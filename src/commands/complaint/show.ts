import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitReport, type OutputOptions, type Lang, type Section } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { showComplaint, type ComplaintDetail, type TimelineEvent } from '../../db/complaints.js';
import { EVENT_LABELS, STATUS_LABELS } from '../../domain/lifecycle.js';
import { viewIdentity } from '../../domain/privacy.js';
import { formatInstant } from '../../domain/time.js';
import { COMPLAINT_FIELD, EVENT, fill, fmt, L, t, VALUE } from '../../i18n/index.js';

const place = (inst: string | null, unit: string | null) => (inst === null ? 'nasional' : unit ? `${inst}/${unit}` : inst);

export function detailSection(d: ComplaintDetail, reveal: boolean, lang: Lang): Section {
  const zone = d.institution?.zone ?? 'WIB';
  const { view, identity } = viewIdentity(d.reporter, d.anonymous, reveal);
  const anon = t(VALUE.anonymous, lang);
  // The field is a code (the English name in snake_case: the JSON contract); people see its label (COMPLAINT_FIELD).
  const f = (field: keyof typeof COMPLAINT_FIELD, value: unknown) => ({ field, value });
  const rows = [
    f('tracking_id', d.trackingId),
    f('status', `${STATUS_LABELS[d.status][lang]} (${d.status})`),
    f('institution', d.institution ? `${d.institution.code} ${d.institution.name}` : 'nasional'),
    f('unit', d.unit ? `${d.unit.code} ${d.unit.name}` : ''),
    f('received', formatInstant(d.receivedAt, zone)),
    f('channel', d.channel),
    f('class', d.class),
    f('category', d.category ?? ''),
    f('region', d.regionCode ?? ''),
    f('title', d.title ?? ''),
    f('text', d.body),
    f('reporter', view === 'anonymous' ? anon : identity.name ?? ''),
    f('nik', view === 'anonymous' ? anon : identity.nik ?? ''),
    f('phone', view === 'anonymous' ? anon : identity.phone ?? ''),
    f('email', view === 'anonymous' ? anon : identity.email ?? ''),
    f('identity', view === 'revealed' ? t(VALUE.revealed_audited, lang) : view === 'masked' ? t(VALUE.masked, lang) : anon),
    f('anonymous', d.anonymous),
    f('confidential', d.confidential),
    f('source', d.legacy ? fmt(L.legacy_source, lang, { source: `${d.source} ${d.externalId}` }) : `${d.source} ${d.externalId}`),
    f('version', d.version),
  ];
  return {
    name: 'complaint',
    title: L.details,
    columns: [{ key: 'field', header: L.field, vocab: COMPLAINT_FIELD }, { key: 'value', header: L.value }],
    rows,
  };
}

export function timelineSection(events: TimelineEvent[], lang: Lang): Section {
  return {
    name: 'timeline',
    title: L.timeline,
    columns: [
      { key: 'seq', header: '#', type: 'int' },
      { key: 'at', header: L.time, type: 'datetime', zoneKey: 'zone' },
      { key: 'kind', header: L.event, vocab: EVENT },
      { key: 'legacy', header: L.legacy_import, type: 'bool' },
      { key: 'actor', header: L.by },
      { key: 'from', header: L.from },
      { key: 'to', header: L.to },
      { key: 'reason', header: L.reason_text },
    ],
    rows: events.map((e) => ({
      seq: e.seq,
      at: e.at,
      zone: e.zone,
      kind: e.kind,
      legacy: e.legacy === true,
      actor: e.actorName && e.actorName !== e.actor ? `${e.actor} (${e.actorName})` : e.actor,
      from: e.fromStatus === null ? '' : `${STATUS_LABELS[e.fromStatus][lang]} · ${place(e.fromInstitution, e.fromUnit)}`,
      to: `${STATUS_LABELS[e.toStatus][lang]} · ${place(e.toInstitution, e.toUnit)}`,
      reason: [e.reason, e.body].filter((x) => x).join(' — '),
    })),
  };
}

export function showCommand(ctx: Context): Command {
  const cmd = new Command('show')
    .argument('<tracking-id>', 'the complaint')
    .option('--reveal-identity', "super_admin: show the reporter's identity unmasked (written to the audit log)")
    .action(async (trackingId: string, opts: OutputOptions & { revealIdentity?: boolean }) => {
      const db = await ctx.db();
      const actor = await requireActor(db.knex, ctx.actorName());
      const reveal = opts.revealIdentity === true;
      const { detail, timeline } = await showComplaint(db.knex, actor, trackingId.trim(), { revealIdentity: reveal, now: ctx.now() });
      const lang = opts.lang ?? 'id';
      await emitReport(ctx, {
        name: 'complaint',
        title: fill(L.complaint_n, { tracking_id: detail.trackingId }),
        sections: [detailSection(detail, reveal, lang), timelineSection(timeline, lang)],
      }, opts);
    });
  return addOutputOptions(cmd);
}
