/**
 * Writes a decree back as files: the YAML header and the roster CSV beside it, in the format
 * `validateDecree` reads (the wizard saves what it built, so it can be kept and re-run). Pure.
 */
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { stringify as stringifyYaml } from 'yaml';
import type { Decree, DecreePerson } from './decree.js';

function personYaml(p: DecreePerson): Record<string, string> {
  const o: Record<string, string> = { name: p.name };
  if (p.nip) o.nip = p.nip;
  if (p.position) o.position = p.position;
  if (p.email) o.email = p.email;
  if (p.phone) o.phone = p.phone;
  return o;
}

export function decreeToFiles(decree: Decree, rosterFileName: string): { yaml: string; csv: string } {
  const inst: Record<string, string> = { code: decree.institution.code, kind: decree.institution.kind, name: decree.institution.name };
  const doc: Record<string, unknown> = {
    number: decree.number,
    date: decree.date,
    signed_by: decree.signedBy,
  };
  if (decree.receivedAt) doc.received_at = decree.receivedAt;
  if (decree.effectiveFrom !== decree.date) doc.effective_from = decree.effectiveFrom;
  doc.institution = inst;
  const patron = decree.people.find((p) => p.role === 'patron');
  const supervisor = decree.people.find((p) => p.role === 'supervisor');
  if (patron) doc.patron = personYaml(patron);
  if (supervisor) doc.supervisor = personYaml(supervisor);
  const admins = decree.people.filter((p) => p.role === 'admin' && !p.unitCode);
  if (admins.length > 0) doc.admins = admins.map(personYaml);
  const parents = decree.units.filter((u) => u.parentCode);
  if (parents.length > 0) {
    doc.units = decree.units.map((u) => (u.parentCode ? { code: u.code, name: u.name, parent: u.parentCode } : { code: u.code, name: u.name }));
  }
  doc.roster = rosterFileName;
  const header = `# SK Tim Pengelola Pengaduan Pelayanan Publik — ${decree.institution.name}\n# Lampiran (roster): ${rosterFileName}\n`;
  // Codes such as 32.73 must stay strings: quote every scalar that YAML 1.1 readers could take for a number.
  const yaml = header + stringifyYaml(doc, { defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', lineWidth: 0 })
    .replace(/^(\s*code: )(\d[\d.]*)$/gm, '$1"$2"')
    .replace(/^(\s*nip: )(\d+)$/gm, '$1"$2"');
  const unitName = new Map(decree.units.map((u) => [u.code, u.name]));
  const rows = decree.people
    .filter((p) => p.unitCode)
    .map((p) => [p.unitCode!, unitName.get(p.unitCode!) ?? '', p.role, p.name, p.nip ?? '', p.position ?? '', p.email ?? '', p.phone ?? '']);
  const csv = stringifyCsv([['unit_code', 'unit_name', 'role', 'name', 'nip', 'position', 'email', 'phone'], ...rows]);
  return { yaml, csv };
}
