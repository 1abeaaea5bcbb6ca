import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitReport, type Lang, type OutputOptions, type Report } from '../../cli/output/index.js';
import { showInstitution, type InstitutionDetail } from '../../db/registry.js';
import { ROLE_LABELS } from '../../domain/decree.js';

const roleLabel = (role: string, lang: Lang) => (ROLE_LABELS as Record<string, { id: string; en: string }>)[role]?.[lang] ?? role;

export function showReport(d: InstitutionDetail, lang: Lang): Report {
  const i = d.institution;
  const current = d.decrees.find((x) => x.superseded_by === null);
  const id = lang === 'id';
  const meta: Report['meta'] = {
    [id ? 'kode' : 'code']: i.code,
    [id ? 'jenis' : 'kind']: i.kind,
    [id ? 'induk' : 'parent']: i.parent_code,
    [id ? 'zona waktu' : 'time zone']: i.time_zone,
    status: i.status,
    [id ? 'SK berlaku' : 'decree in force']: current ? `${current.number} (${current.decree_date})` : id ? 'belum ada' : 'none',
  };
  const personCols = [
    { key: 'role', header: { id: 'peran', en: 'role' } },
    { key: 'unit_code', header: { id: 'unit', en: 'unit' } },
    { key: 'name', header: { id: 'nama', en: 'name' } },
    { key: 'nip', header: { id: 'NIP', en: 'NIP' } },
    { key: 'position', header: { id: 'jabatan', en: 'position' } },
    { key: 'username', header: { id: 'username', en: 'username' } },
    { key: 'email', header: { id: 'e-mail', en: 'e-mail' } },
    { key: 'phone', header: { id: 'telepon', en: 'phone' } },
  ];
  const activeUnits = d.units.filter((u) => u.active);
  const roster: Record<string, unknown>[] = [];
  // The roster by unit: the institution-wide team first, then each unit with its liaisons.
  for (const o of d.officers.filter((o) => o.role !== 'liaison')) roster.push({ ...o, role: roleLabel(o.role, lang) });
  for (const u of activeUnits) {
    const ls = d.officers.filter((o) => o.role === 'liaison' && o.unit_code === u.code);
    if (ls.length === 0) roster.push({ role: roleLabel('liaison', lang), unit_code: u.code, name: id ? '(belum ada)' : '(none)' });
    for (const o of ls) roster.push({ ...o, role: roleLabel(o.role, lang) });
  }
  return {
    name: 'institution',
    title: `${i.code} ${i.name}`,
    meta,
    sections: [
      {
        name: 'units',
        title: { id: 'Unit kerja', en: 'Units' },
        columns: [
          { key: 'code', header: { id: 'kode', en: 'code' } },
          { key: 'name', header: { id: 'nama', en: 'name' } },
          { key: 'parent_code', header: { id: 'induk', en: 'parent' } },
          { key: 'liaisons', header: { id: 'penghubung', en: 'liaisons' }, type: 'int' },
          { key: 'held', header: { id: 'pengaduan dipegang', en: 'complaints held' }, type: 'int' },
          { key: 'active', header: { id: 'aktif', en: 'active' }, type: 'bool' },
          { key: 'active_to', header: { id: 'nonaktif sejak', en: 'inactive since' }, type: 'date' },
        ],
        rows: d.units,
      },
      {
        name: 'roster',
        title: { id: 'Tim pengelola pengaduan (berlaku)', en: 'Complaint team (in force)' },
        columns: personCols,
        rows: roster,
      },
      {
        name: 'decrees',
        title: { id: 'Riwayat SK', en: 'Decree history' },
        columns: [
          { key: 'number', header: { id: 'nomor SK', en: 'number' } },
          { key: 'decree_date', header: { id: 'tanggal', en: 'date' }, type: 'date' },
          { key: 'signed_by', header: { id: 'penanda tangan', en: 'signed by' } },
          { key: 'received_at', header: { id: 'diterima', en: 'received' }, type: 'date' },
          { key: 'effective_from', header: { id: 'berlaku', en: 'effective' }, type: 'date' },
          { key: 'superseded_by', header: { id: 'diganti oleh', en: 'superseded by' } },
          { key: 'superseded_at', header: { id: 'diganti tanggal', en: 'superseded on' }, type: 'date' },
          { key: 'registered_by', header: { id: 'didaftarkan oleh', en: 'registered by' } },
        ],
        rows: d.decrees,
      },
      {
        name: 'former_officers',
        title: { id: 'Petugas nonaktif (riwayat)', en: 'Former officers (history)' },
        columns: [
          { key: 'role', header: { id: 'peran', en: 'role' } },
          { key: 'unit_code', header: { id: 'unit', en: 'unit' } },
          { key: 'name', header: { id: 'nama', en: 'name' } },
          { key: 'username', header: { id: 'username', en: 'username' } },
          { key: 'active_from', header: { id: 'aktif dari', en: 'active from' }, type: 'date' },
          { key: 'active_to', header: { id: 'aktif sampai', en: 'active to' }, type: 'date' },
          { key: 'deactivated_reason', header: { id: 'alasan', en: 'reason' } },
        ],
        rows: d.former.map((o) => ({ ...o, role: roleLabel(o.role, lang) })),
      },
    ],
  };
}

export function showCommand(ctx: Context): Command {
  const cmd = new Command('show')
    .description('an institution: its units, the complaint team in force (by unit), decree history and former officers')
    .argument('<code>', 'kode wilayah (32.73) or K/L abbreviation (KEMENPANRB)')
    .action(async (code: string, opts: OutputOptions) => {
      const db = await ctx.db();
      const detail = await showInstitution(db.knex, code);
      await emitReport(ctx, showReport(detail, opts.lang ?? 'id'), opts);
    });
  return addOutputOptions(cmd);
}
