import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitReport, type OutputOptions, type Lang, type Section } from '../../cli/output/index.js';
import { requireActor } from '../../db/actor.js';
import { showComplaint, type ComplaintDetail, type TimelineEvent } from '../../db/complaints.js';
import { EVENT_LABELS, STATUS_LABELS } from '../../domain/lifecycle.js';
import { viewIdentity } from '../../domain/privacy.js';
import { formatInstant } from '../../domain/time.js';
import { EVENT, fill, L, type Pair } from '../../i18n/index.js';

const place = (inst: string | null, unit: string | null) => (inst === null ? 'nasional' : unit ? `${inst}/${unit}` : inst);

export function detailSection(d: ComplaintDetail, reveal: boolean, lang: Lang): Section {
  const zone = d.institution?.zone ?? 'WIB';
  const { view, identity } = viewIdentity(d.reporter, d.anonymous, reveal);
  const anon = lang === 'id' ? '(anonim)' : '(anonymous)';
  // The field is a code (the English name in snake_case: the JSON contract); people see its label.
  const fields: Record<string, Pair> = {};
  const f = (id: string, en: string, value: unknown) => {
    const code = en.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    fields[code] = { id, en };
    return { field: code, value };
  };
  const rows = [
    f('nomor pelacakan', 'tracking id', d.trackingId),
    f('status', 'status', `${STATUS_LABELS[d.status][lang]} (${d.status})`),
    f('instansi', 'institution', d.institution ? `${d.institution.code} ${d.institution.name}` : 'nasional'),
    f('unit kerja', 'unit', d.unit ? `${d.unit.code} ${d.unit.name}` : ''),
    f('diterima', 'received', formatInstant(d.receivedAt, zone)),
    f('kanal', 'channel', d.channel),
    f('klasifikasi', 'class', d.class),
    f('kategori', 'category', d.category ?? ''),
    f('wilayah', 'region', d.regionCode ?? ''),
    f('judul', 'title', d.title ?? ''),
    f('isi', 'text', d.body),
    f('pelapor', 'reporter', view === 'anonymous' ? anon : identity.name ?? ''),
    f('NIK', 'NIK', view === 'anonymous' ? anon : identity.nik ?? ''),
    f('telepon', 'phone', view === 'anonymous' ? anon : identity.phone ?? ''),
    f('email', 'email', view === 'anonymous' ? anon : identity.email ?? ''),
    f('identitas', 'identity', view === 'revealed' ? (lang === 'id' ? 'dibuka (tercatat di audit log)' : 'revealed (audited)') :
      view === 'masked' ? (lang === 'id' ? 'disamarkan' : 'masked') : anon),
    f('anonim', 'anonymous', d.anonymous),
    f('rahasia', 'confidential', d.confidential),
    f('sumber', 'source', `${d.source} ${d.externalId}${d.legacy ? ' (legacy)' : ''}`),
    f('versi', 'version', d.version),
  ];
  return {
    name: 'complaint',
    title: L.details,
    columns: [{ key: 'field', header: L.field, vocab: fields }, { key: 'value', header: L.value }],
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
