import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addOutputOptions, emitReport, type Lang, type OutputOptions, type Report } from '../../cli/output/index.js';
import { showInstitution, type InstitutionDetail } from '../../db/registry.js';
import { INSTITUTION_KIND, INSTITUTION_STATUS, L, ROLE, t } from '../../i18n/index.js';


export function showReport(d: InstitutionDetail, lang: Lang): Report {
  const i = d.institution;
  const current = d.decrees.find((x) => x.superseded_by === null);
  // English keys (the JSON contract); people see the META labels.
  const meta: Report['meta'] = {
    code: i.code,
    kind: i.kind,
    parent: i.parent_code,
    time_zone: i.time_zone,
    status: i.status,
    decree_in_force: current ? `${current.number} (${current.decree_date})` : null,
  };
  const personCols = [
    { key: 'role', header: L.role, vocab: ROLE },
    { key: 'unit_code', header: L.unit_2 },
    { key: 'name', header: L.name },
    { key: 'nip', header: L.nip },
    { key: 'position', header: L.position },
    { key: 'username', header: L.username },
    { key: 'email', header: L.e_mail },
    { key: 'phone', header: L.phone },
  ];
  const activeUnits = d.units.filter((u) => u.active);
  const roster: Record<string, unknown>[] = [];
  // The roster by unit: the institution-wide team first, then each unit with its liaisons.
  for (const o of d.officers.filter((o) => o.role !== 'liaison')) roster.push({ ...o });
  for (const u of activeUnits) {
    const ls = d.officers.filter((o) => o.role === 'liaison' && o.unit_code === u.code);
    if (ls.length === 0) roster.push({ role: 'liaison', unit_code: u.code, name: t(L.none_yet, lang) });
    for (const o of ls) roster.push({ ...o });
  }
  return {
    name: 'institution',
    title: `${i.code} ${i.name}`,
    meta,
    metaVocab: { kind: INSTITUTION_KIND, status: INSTITUTION_STATUS },
    sections: [
      {
        name: 'units',
        title: L.units_2,
        columns: [
          { key: 'code', header: L.code },
          { key: 'name', header: L.name },
          { key: 'parent_code', header: L.parent },
          { key: 'liaisons', header: L.liaisons, type: 'int' },
          { key: 'held', header: L.complaints_held, type: 'int' },
          { key: 'active', header: L.active, type: 'bool' },
          { key: 'active_to', header: L.inactive_since, type: 'date' },
        ],
        rows: d.units,
      },
      {
        name: 'roster',
        title: L.complaint_team_in_force,
        columns: personCols,
        rows: roster,
      },
      {
        name: 'decrees',
        title: L.decree_history,
        columns: [
          { key: 'number', header: L.number },
          { key: 'decree_date', header: L.date, type: 'date' },
          { key: 'signed_by', header: L.signed_by },
          { key: 'received_at', header: L.received, type: 'date' },
          { key: 'effective_from', header: L.effective, type: 'date' },
          { key: 'superseded_by', header: L.superseded_by },
          { key: 'superseded_at', header: L.superseded_on, type: 'date' },
          { key: 'registered_by', header: L.registered_by },
        ],
        rows: d.decrees,
      },
      {
        name: 'former_officers',
        title: L.former_officers_history,
        columns: [
          { key: 'role', header: L.role, vocab: ROLE },
          { key: 'unit_code', header: L.unit_2 },
          { key: 'name', header: L.name },
          { key: 'username', header: L.username },
          { key: 'active_from', header: L.active_from, type: 'date' },
          { key: 'active_to', header: L.active_to, type: 'date' },
          { key: 'deactivated_reason', header: L.reason },
        ],
        rows: d.former.map((o) => ({ ...o })),
      },
    ],
  };
}

export function showCommand(ctx: Context): Command {
  const cmd = new Command('show')
    .argument('<code>', 'kode wilayah (32.73) or K/L abbreviation (KEMENPANRB)')
    .action(async (code: string, opts: OutputOptions) => {
      const db = await ctx.db();
      const detail = await showInstitution(db.knex, code);
      await emitReport(ctx, showReport(detail, opts.lang ?? 'id'), opts);
    });
  return addOutputOptions(cmd);
}
