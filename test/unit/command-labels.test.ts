import { describe, expect, it } from 'vitest';
import { renderReportJson, renderSectionJson } from '../../src/cli/output/json.js';
import { renderReportTable, renderSectionTable } from '../../src/cli/output/table.js';
import { importNotices, summaryReport } from '../../src/commands/import/complaints.js';
import { eventsSummaryReport, historiesRejectedNotice } from '../../src/commands/import/events.js';
import type { ImportSummary } from '../../src/usecases/import/run.js';
import type { EventsImportSummary } from '../../src/usecases/import/events.js';
import { sweepNotice, sweptSection } from '../../src/commands/sla/sweep.js';
import type { SweepItem } from '../../src/db/sweep.js';
import { outcomeLine, registerReport } from '../../src/commands/institution/register.js';
import { showReport } from '../../src/commands/institution/show.js';
import { detailSection } from '../../src/commands/complaint/show.js';
import type { ComplaintDetail } from '../../src/db/complaints.js';
import type { InstitutionDetail } from '../../src/db/registry.js';
import type { RegisterResult } from '../../src/usecases/registry.js';
import { L } from '../../src/i18n/index.js';
import { unitAddedLine } from '../../src/commands/unit/add.js';
import { deactivatedLines } from '../../src/commands/officer/deactivate.js';
import type { DeactivateResult } from '../../src/usecases/registry.js';
import { operatorRoleLine, readerRoleLine } from '../../src/commands/db/roles.js';
import { migratedLines } from '../../src/commands/db/migrate.js';
import { rolledBackLines } from '../../src/commands/db/rollback.js';
import { profileAddedLine } from '../../src/commands/sla/profile-add.js';
import { profileAssignedLine } from '../../src/commands/sla/profile-assign.js';
import { describeInit, type InitResult } from '../../src/commands/init/init.js';
import { describeResult } from '../../src/commands/complaint/transition.js';
import type { TransitionResult } from '../../src/usecases/perform-action.js';

/** The commands' sentences and words that were inline pairs (issue 12), read in both languages. */
const table = (r: Parameters<typeof renderReportTable>[0], lang: 'id' | 'en') => renderReportTable(r, lang, { width: 200, color: false });

describe('institution register says what it did, in the run\'s language', () => {
  const result = (outcome: RegisterResult['outcome'], dryRun: boolean): RegisterResult => ({
    outcome, dryRun, decree: { id: 1, number: '188/7', date: '2026-01-02', receivedAt: '2026-01-03', effectiveFrom: '2026-01-04' },
    institution: { code: '32.73', name: 'Kota Bandung', kind: 'kota', activated: false, created: false },
    supersedes: outcome === 'superseded' ? { number: '188/6', date: '2025-01-01' } : null,
    units: [], officers: [], heldComplaints: [],
  });
  it('each outcome, done and on a dry run', () => {
    const lines = (lang: 'id' | 'en') => (['registered', 'superseded', 'amended', 'unchanged'] as const)
      .flatMap((o) => [false, true].map((d) => outcomeLine(result(o, d), lang)));
    expect(lines('id')).toEqual([
      'SK 188/7 (32.73 Kota Bandung) didaftarkan',
      'SK 188/7 (32.73 Kota Bandung) akan didaftarkan',
      'SK 188/7 (32.73 Kota Bandung) didaftarkan, menggantikan SK 188/6 (2025-01-01)',
      'SK 188/7 (32.73 Kota Bandung) akan didaftarkan, menggantikan SK 188/6 (2025-01-01)',
      'SK 188/7 (32.73 Kota Bandung) diperbarui (koreksi SK yang berlaku)',
      'SK 188/7 (32.73 Kota Bandung) akan diperbarui (koreksi SK yang berlaku)',
      'tidak ada perubahan: SK 188/7 (32.73 Kota Bandung) sudah terdaftar persis sama',
      'tidak ada perubahan: SK 188/7 (32.73 Kota Bandung) sudah terdaftar persis sama',
    ]);
    expect(lines('en')).toEqual([
      'decree 188/7 (32.73 Kota Bandung) registered',
      'decree 188/7 (32.73 Kota Bandung) would be registered',
      'decree 188/7 (32.73 Kota Bandung) registered, superseding 188/6 (2025-01-01)',
      'decree 188/7 (32.73 Kota Bandung) would be registered, superseding 188/6 (2025-01-01)',
      'decree 188/7 (32.73 Kota Bandung) amended (a correction of the decree in force)',
      'decree 188/7 (32.73 Kota Bandung) would be amended (a correction of the decree in force)',
      'nothing changed: decree 188/7 (32.73 Kota Bandung) is already registered exactly so',
      'nothing changed: decree 188/7 (32.73 Kota Bandung) is already registered exactly so',
    ]);
  });
  it('the summary\'s meta has English keys whatever the language; people read their labels', () => {
    const r = registerReport(result('registered', true), 'id');
    expect(Object.keys(r.meta!)).toEqual(['outcome', 'decree', 'decree_date', 'received_at', 'effective_from', 'institution', 'dry_run']);
    expect(table(r, 'id')).toContain('hasil: SK 188/7 (32.73 Kota Bandung) akan didaftarkan\nnomor SK: 188/7\ntanggal SK: 2026-01-02\n' +
      'diterima: 2026-01-03\nberlaku: 2026-01-04\ninstansi: 32.73 Kota Bandung\nuji coba: ya, tidak ada yang disimpan\n');
    expect(table(registerReport(result('registered', true), 'en'), 'en')).toContain('outcome: decree 188/7 (32.73 Kota Bandung) would be registered\n' +
      'decree: 188/7\ndate: 2026-01-02\nreceived: 2026-01-03\neffective: 2026-01-04\ninstitution: 32.73 Kota Bandung\ndry run: yes, nothing was written\n');
  });
});

describe('institution show and complaint show', () => {
  it('a unit without a liaison shows "(belum ada)" / "(none)" in its roster row', () => {
    const d = {
      institution: { code: '32.73', name: 'Kota Bandung', kind: 'kota', parent_code: '32', time_zone: 'WIB', status: 'active' },
      units: [{ code: 'U1', name: 'Dishub', parent_code: null, active: true, active_to: null, liaisons: 0, held: 0 }],
      officers: [], former: [], decrees: [],
    } as unknown as InstitutionDetail;
    expect(showReport(d, 'id').sections[1].rows).toEqual([{ role: 'liaison', unit_code: 'U1', name: '(belum ada)' }]);
    expect(showReport(d, 'en').sections[1].rows).toEqual([{ role: 'liaison', unit_code: 'U1', name: '(none)' }]);
  });
  it('its kind and status are read as labels in either language; JSON keeps the codes', () => {
    const d = {
      institution: { code: '32.73', name: 'Kota Bandung', kind: 'kota', parent_code: '32', time_zone: 'WIB', status: 'active' },
      units: [], officers: [], former: [], decrees: [],
    } as unknown as InstitutionDetail;
    const text = (lang: 'id' | 'en') => renderReportTable(showReport(d, lang), lang, { width: 120, color: false });
    expect(text('id')).toMatch(/: Kota\n/);
    expect(text('id')).toMatch(/: aktif\n/);
    expect(text('en')).toMatch(/: City\n/);
    expect(text('en')).toMatch(/: active\n/);
    const json = JSON.parse(renderReportJson(showReport(d, 'id'), 'id', 'institution show'));
    expect(json.meta).toMatchObject({ kind: 'kota', status: 'active' });
  });
  it('the reporter\'s identity: anonymous, masked or revealed (audited), with its field labels', () => {
    const d = {
      trackingId: '1', status: 'received', institution: null, unit: null, receivedAt: new Date('2026-01-01T00:00:00Z'), channel: 'web', class: 'aspirasi',
      category: null, regionCode: null, title: null, body: 'b', anonymous: false, confidential: false, source: 'web', externalId: 'e', legacy: false, version: 1,
      reporter: { name: 'Budi Santoso', nik: '3273010101010001', phone: '081234567890', email: 'b@x.id' },
    } as unknown as ComplaintDetail;
    const identity = (anonymous: boolean, reveal: boolean, lang: 'id' | 'en') => {
      const rows = detailSection({ ...d, anonymous }, reveal, lang).rows;
      return [rows.find((r) => r.field === 'identity')!.value, rows.find((r) => r.field === 'reporter')!.value];
    };
    expect(identity(false, true, 'id')).toEqual(['dibuka (tercatat di audit log)', 'Budi Santoso']);
    expect(identity(false, true, 'en')).toEqual(['revealed (audited)', 'Budi Santoso']);
    expect(identity(false, false, 'id')[0]).toBe('disamarkan');
    expect(identity(false, false, 'en')[0]).toBe('masked');
    expect(identity(true, false, 'id')).toEqual(['(anonim)', '(anonim)']);
    expect(identity(true, false, 'en')).toEqual(['(anonymous)', '(anonymous)']);
    const labels = (lang: 'id' | 'en') => table({ name: 'c', title: 't', sections: [detailSection(d, false, lang)] }, lang);
    expect(labels('id')).toMatch(/│ nomor pelacakan │ 1 /);
    expect(labels('en')).toMatch(/│ tracking id +│ 1 /);
    const source = (lang: 'id' | 'en') => detailSection({ ...d, legacy: true }, false, lang).rows.find((r) => r.field === 'source')!.value;
    expect([source('id'), source('en')]).toEqual(['web e (data lama hasil impor)', 'web e (legacy)']);
  });
});

describe('import complaints: the summary\'s counts', () => {
  const summary = (dryRun: boolean) => ({
    read: 10, inserted: 5, duplicates: 2, rejected: 3, batchId: 7, source: 's', file: 'f.csv', fileHash: 'h', institution: '32.73', timeZone: 'WIB',
    encoding: 'utf8', encodingWhy: 'given', encodingWhyLabel: L.encoding_given, delimiter: ',', mapping: '(default)', dryRun, status: 'done', message: null,
    seconds: 1, rowsPerSecond: 10, resumedBatches: [], unverified: 0, firstRejects: [],
  }) as unknown as ImportSummary;
  it('are labelled in the run\'s language; JSON has the code beside the label', () => {
    const rows = (dryRun: boolean, lang: 'id' | 'en') => table(summaryReport(summary(dryRun), lang), lang).split('\n').filter((l) => /│ +\d+ │$/.test(l));
    expect(rows(false, 'id').map((l) => l.split('│')[1].trim())).toEqual(['dibaca', 'dimasukkan', 'duplikat (sudah ada)', 'ditolak']);
    expect(rows(true, 'en').map((l) => l.split('│')[1].trim())).toEqual(['read', 'would insert', 'duplicates (already there)', 'rejected']);
    const json = (lang: 'id' | 'en') => JSON.parse(renderReportJson(summaryReport(summary(true), lang), lang, 'import complaints')).data.counts;
    expect(json('id')).toEqual([
      { what: 'read', what_label: 'dibaca', n: 10 }, { what: 'would_insert', what_label: 'akan dimasukkan', n: 5 },
      { what: 'duplicates', what_label: 'duplikat (sudah ada)', n: 2 }, { what: 'rejected', what_label: 'ditolak', n: 3 },
    ]);
    expect(json('en').map((r: { what: string }) => r.what)).toEqual(json('id').map((r: { what: string }) => r.what));
    expect(table(summaryReport(summary(true), 'id'), 'id')).toMatch(/^Impor pengaduan \(uji coba, tidak ditulis\)\n/);
    expect(table(summaryReport(summary(false), 'en'), 'en')).toMatch(/^Complaint import\n/);
  });
});

describe('the imports\' summaries: every meta key is labelled in the run\'s language', () => {
  const meta = (r: Parameters<typeof renderReportTable>[0], lang: 'id' | 'en') => table(r, lang).split('\n\n')[0].split('\n').slice(1);
  const complaints = {
    read: 10, inserted: 5, duplicates: 2, rejected: 3, batchId: 7, source: 'sms', file: 'f.csv', fileHash: 'h', institution: '32.73', timeZone: 'WIB',
    encoding: 'utf8', encodingWhy: 'given', encodingWhyLabel: L.encoding_given, delimiter: ';', mapping: '(default)', dryRun: true, status: 'done', message: null,
    seconds: 1.234, rowsPerSecond: 8, resumedBatches: [], unverified: 4, firstRejects: [], rejectsFile: 'r.csv',
  } as unknown as ImportSummary;
  it('import complaints', () => {
    expect(meta(summaryReport(complaints, 'id'), 'id')).toEqual([
      'batch: 7', 'status: selesai', 'sumber: sms', 'berkas: f.csv', 'instansi: 32.73', 'pemetaan: (bawaan)', 'pengodean berkas: utf8 (ditentukan dengan --encoding)',
      'pemisah kolom: ;', 'zona waktu: WIB', 'uji coba: ya', 'dibaca: 10', 'akan dimasukkan: 5', 'belum terverifikasi: 4', 'duplikat: 2', 'ditolak: 3',
      'detik: 1.23', 'baris per detik: 8', 'berkas baris ditolak: r.csv', 'SHA-256 berkas: h',
    ]);
    expect(meta(summaryReport({ ...complaints, dryRun: false, mapping: 'sms.map.yaml' }, 'en'), 'en')).toEqual([
      'batch: 7', 'status: done', 'source: sms', 'file: f.csv', 'institution: 32.73', 'mapping: sms.map.yaml', 'encoding: utf8 (given)',
      'delimiter: ;', 'time zone: WIB', 'dry run: no', 'read: 10', 'inserted: 5', 'unverified: 4', 'duplicates: 2', 'rejected: 3',
      'seconds: 1.23', 'rows per second: 8', 'rejects file: r.csv', 'file SHA-256: h',
    ]);
    // JSON keeps the keys and the values as they were, but for how the encoding was decided: in the run's language, as the table
    const json = JSON.parse(renderReportJson(summaryReport(complaints, 'id'), 'id', 'import complaints')).meta;
    expect(json).toMatchObject({ mapping: '(default)', encoding: 'utf8 (ditentukan dengan --encoding)', delimiter: ';', would_insert: 5, unverified: 4, seconds: 1.23, rows_per_second: 8, rejects_file: 'r.csv' });
  });
  it('import events', () => {
    const s = {
      batchId: 8, source: 'sms', file: 'e.csv', institution: '32.73', format: 'csv', complaints: 4, complaintsRejected: 1, dryRun: false,
      read: 9, inserted: 6, duplicates: 1, rejected: 2, firstRejects: [], rejectsFile: 'e.rejects.csv',
    } as unknown as EventsImportSummary;
    expect(meta(eventsSummaryReport(s, 'id'), 'id')).toEqual([
      'batch: 8', 'sumber: sms', 'berkas: e.csv', 'instansi: 32.73', 'format: csv', 'uji coba: tidak', 'pengaduan: 4', 'riwayat pengaduan ditolak: 1',
      'dibaca: 9', 'dimasukkan: 6', 'duplikat: 1', 'ditolak: 2', 'berkas baris ditolak: e.rejects.csv',
    ]);
    expect(meta(eventsSummaryReport({ ...s, dryRun: true }, 'en'), 'en')).toEqual([
      'batch: 8', 'source: sms', 'file: e.csv', 'institution: 32.73', 'format: csv', 'dry run: yes', 'complaints: 4', 'complaint histories rejected: 1',
      'read: 9', 'would insert: 6', 'duplicates: 1', 'rejected: 2', 'rejects file: e.rejects.csv',
    ]);
  });
});

describe('the imports\' lines on stderr, in the run\'s language', () => {
  const s = (o: Partial<ImportSummary>) => ({ read: 12, inserted: 0, duplicates: 12, rejected: 0, batchId: 9, dryRun: false, unverified: 0, resumedBatches: [], ...o }) as ImportSummary;
  it('import complaints: resumed, nothing new, unverified, rejected', () => {
    expect(importNotices(s({ resumedBatches: [3, 4] }), undefined, 'id')).toEqual([
      'dilanjutkan: batch 3, 4 sempat terputus dan kini ditandai dihentikan',
      'tidak ada yang baru: semua 12 baris sudah pernah diimpor (0 dimasukkan)',
    ]);
    expect(importNotices(s({ resumedBatches: [3, 4] }), undefined, 'en')).toEqual([
      'resumed: batch(es) 3, 4 had been interrupted and are now marked aborted',
      'nothing new: all 12 row(s) were already imported (0 inserted)',
    ]);
    const mixed = s({ inserted: 5, duplicates: 4, rejected: 3, unverified: 2 });
    expect(importNotices(mixed, undefined, 'id')).toEqual([
      '2 pengaduan diimpor dengan status Belum Terverifikasi: belum dipegang siapa pun sampai Admin Nasional memverifikasi dan mendisposisikannya; ' +
        'lihat dengan `lapor complaint list --unassigned`',
      '3 baris ditolak (beri --rejects FILE untuk semuanya, atau lihat `lapor import show 9`)',
    ]);
    expect(importNotices(mixed, undefined, 'en')).toEqual([
      '2 complaint(s) were imported as unverified (Belum Terverifikasi): they sit with nobody until a super_admin verifies and disposes them; ' +
        'see them with `lapor complaint list --unassigned`',
      '3 row(s) rejected (give --rejects FILE for all of them, or `lapor import show 9`)',
    ]);
    const dry = { ...mixed, dryRun: true };
    expect(importNotices(dry, 'r.csv', 'id')).toEqual([expect.stringMatching(/^2 pengaduan akan diimpor dengan status Belum Terverifikasi: /), '3 baris ditolak: lihat r.csv']);
    expect(importNotices(dry, 'r.csv', 'en')).toEqual([expect.stringMatching(/^2 complaint\(s\) would be imported as unverified /), '3 row(s) rejected: see r.csv']);
    // a dry run that finds nothing new says nothing about it (it wrote nothing anyway)
    expect(importNotices(s({ dryRun: true }), undefined, 'id')).toEqual([]);
  });
  it('import events: the rejected histories', () => {
    const e = { complaintsRejected: 3, rejected: 5, batchId: 11 } as EventsImportSummary;
    expect(historiesRejectedNotice(e, 'ev.rejects.csv', 'id')).toBe('3 riwayat pengaduan ditolak (5 baris peristiwa): lihat ev.rejects.csv');
    expect(historiesRejectedNotice(e, undefined, 'id')).toBe('3 riwayat pengaduan ditolak (5 baris peristiwa): lihat `lapor import show 11`');
    expect(historiesRejectedNotice(e, 'ev.rejects.csv', 'en')).toBe('3 complaint history(ies) rejected (5 event line(s)): see ev.rejects.csv');
  });
});

describe('sla sweep says what it closed, in the run\'s language', () => {
  const asOf = new Date('2026-03-20T10:00:00+07:00');
  it('closed, would close, and skipped', () => {
    expect(sweepNotice({ closed: 2, examined: 5, skipped: 0, asOf, dryRun: false }, 'id')).toBe(
      '2 dari 5 pengaduan yang sudah ditindaklanjuti ditutup otomatis (pelapor tidak menanggapi dalam masa tutup otomatis profil SLA-nya, per 2026-03-20T10:00:00+07:00)');
    expect(sweepNotice({ closed: 2, examined: 5, skipped: 1, asOf, dryRun: false }, 'en')).toBe(
      'closed 2 of 5 responded complaint(s) (no reply within the auto-close period of their SLA profile, as of 2026-03-20T10:00:00+07:00); 1 skipped because they changed meanwhile');
    expect(sweepNotice({ closed: 2, examined: 5, skipped: 1, asOf, dryRun: false }, 'id')).toMatch(/, per 2026-03-20T10:00:00\+07:00\); 1 dilewati karena berubah selama penutupan berjalan$/);
    expect(sweepNotice({ closed: 3, examined: 3, skipped: 0, asOf, dryRun: true }, 'id')).toMatch(/^3 dari 3 pengaduan yang sudah ditindaklanjuti akan ditutup otomatis \(/);
    expect(sweepNotice({ closed: 3, examined: 3, skipped: 0, asOf, dryRun: true }, 'en')).toMatch(/^would close 3 of 3 responded complaint\(s\) \(no reply/);
  });
  it('each row\'s outcome is a code, labelled for people', () => {
    const item = (trackingId: string, outcome: SweepItem['outcome']): SweepItem => ({
      trackingId, institution: '32.73', unit: null, zone: 'WIB', respondedAt: asOf, workingDays: 10, deadline: asOf, closedAt: asOf, legacy: false, outcome,
    });
    const section = sweptSection([item('1', 'closed'), item('2', 'would_close'), item('3', 'skipped')]);
    const outcomes = (lang: 'id' | 'en') => renderSectionTable(section, lang, { width: 250, color: false }).split('\n')
      .filter((l) => /^│ [123] /.test(l)).map((l) => l.split('│').at(-2)!.trim());
    expect(outcomes('id')).toEqual(['ditutup', 'akan ditutup', 'dilewati: berubah selama penutupan berjalan']);
    expect(outcomes('en')).toEqual(['closed', 'would close', 'skipped: changed while the sweep ran']);
    const json = JSON.parse(renderSectionJson(section, 'id', 'sla sweep')).data;
    expect(json.map((r: { outcome: string; outcome_label: string }) => [r.outcome, r.outcome_label])).toEqual([
      ['closed', 'ditutup'], ['would_close', 'akan ditutup'], ['skipped', 'dilewati: berubah selama penutupan berjalan']]);
  });
});

describe('what the commands that change something write on stdout, in the run\'s language', () => {
  it('unit add: added, reactivated, already there', () => {
    const r = { institution: '32.73', code: 'DISPORA', name: 'Dinas Pemuda dan Olahraga', created: true, reactivated: false };
    expect(unitAddedLine(r, 'id')).toBe('unit DISPORA (Dinas Pemuda dan Olahraga) ditambahkan ke 32.73');
    expect(unitAddedLine(r, 'en')).toBe('unit DISPORA (Dinas Pemuda dan Olahraga) added to 32.73');
    expect(unitAddedLine({ ...r, created: false, reactivated: true }, 'id')).toBe('unit DISPORA (Dinas Pemuda dan Olahraga) diaktifkan kembali di 32.73');
    expect(unitAddedLine({ ...r, created: false, reactivated: true }, 'en')).toBe('unit DISPORA (Dinas Pemuda dan Olahraga) reactivated in 32.73');
    expect(unitAddedLine({ ...r, created: false }, 'id')).toBe("unit DISPORA di 32.73 sudah ada dengan nama 'Dinas Pemuda dan Olahraga': tidak ada yang diubah");
    expect(unitAddedLine({ ...r, created: false }, 'en')).toBe("unit DISPORA of 32.73 already exists as 'Dinas Pemuda dan Olahraga': nothing changed");
  });
  it('officer deactivate: the officer, then the complaints the unit still holds (data lines keep their shape)', () => {
    const r: DeactivateResult = {
      username: 'yuni.astuti', name: 'Yuni Astuti', role: 'liaison', institution: '32.73', unit: 'DISDIK', activeTo: '2025-07-01', reason: 'pensiun',
      alreadyInactive: false, lastAdmin: false,
      heldComplaints: [{ trackingId: '2601150001', unitCode: 'DISDIK', receivedAt: '2026-01-15T09:00:00+07:00', title: 'Sekolah rusak', unitHasLiaison: false }],
    } as DeactivateResult;
    expect(deactivatedLines(r, 'id')).toEqual([
      'yuni.astuti (Yuni Astuti, Pejabat Penghubung unit DISDIK, 32.73) dinonaktifkan per 2025-07-01: pensiun',
      'pengaduan yang masih dipegang DISDIK (1):',
      '  2601150001  2026-01-15  Sekolah rusak  (unit kini tanpa pejabat penghubung aktif)',
    ]);
    expect(deactivatedLines(r, 'en')).toEqual([
      'yuni.astuti (Yuni Astuti, liaison of DISDIK, 32.73) deactivated as of 2025-07-01: pensiun',
      'complaints still held by DISDIK (1):',
      '  2601150001  2026-01-15  Sekolah rusak  (unit has no active liaison now)',
    ]);
    const national = { ...r, role: 'super_admin', institution: null, unit: null, heldComplaints: [] };
    expect(deactivatedLines(national, 'id')).toEqual(['yuni.astuti (Yuni Astuti, Admin Nasional, nasional) dinonaktifkan per 2025-07-01: pensiun']);
    expect(deactivatedLines(national, 'en')).toEqual(['yuni.astuti (Yuni Astuti, super_admin, national) deactivated as of 2025-07-01: pensiun']);
    expect(deactivatedLines({ ...r, alreadyInactive: true }, 'id')).toEqual(['yuni.astuti sudah dinonaktifkan pada 2025-07-01 (pensiun): tidak ada yang diubah']);
    expect(deactivatedLines({ ...r, alreadyInactive: true }, 'en')).toEqual(['yuni.astuti was already deactivated on 2025-07-01 (pensiun): nothing changed']);
  });
  it('db roles, db migrate, db rollback', () => {
    const reader = { role: 'lapor_report', created: true, schema: 'public', viewSchema: 'public_reader', views: 12 };
    expect(readerRoleLine(reader, true, 'id')).toBe('peran baca-saja lapor_report dibuat: 12 view tersamar dari skema public di skema public_reader (kata sandi ditetapkan)');
    expect(readerRoleLine(reader, true, 'en')).toBe('created read-only role lapor_report: 12 masked views of schema public in schema public_reader (password set)');
    expect(readerRoleLine({ ...reader, created: false }, false, 'en')).toBe('refreshed read-only role lapor_report: 12 masked views of schema public in schema public_reader');
    const op = { role: 'budi.santoso', officer: 'budi.santoso', created: false, schema: 'public' };
    expect(operatorRoleLine(op, false, 'id')).toBe('login budi.santoso diperbarui, terikat pada petugas budi.santoso di skema public');
    expect(operatorRoleLine({ ...op, created: true }, true, 'en')).toBe('created login budi.santoso bound to officer budi.santoso on schema public (password set)');
    expect(migratedLines(['0004_x', '0005_y'], 'pglite:/d', 'id')).toEqual(['diterapkan 0004_x', 'diterapkan 0005_y']);
    expect(migratedLines(['0004_x'], 'pglite:/d', 'en')).toEqual(['applied 0004_x']);
    expect(migratedLines([], 'pglite:/d', 'id')).toEqual(['pglite:/d: skema sudah mutakhir']);
    expect(migratedLines([], 'pglite:/d', 'en')).toEqual(['pglite:/d: schema already up to date']);
    expect(rolledBackLines(['0005_y'], 'id')).toEqual(['dibatalkan 0005_y']);
    expect(rolledBackLines(['0005_y'], 'en')).toEqual(['rolled back 0005_y']);
    expect(rolledBackLines([], 'id')).toEqual(['tidak ada migrasi yang dapat dibatalkan']);
    expect(rolledBackLines([], 'en')).toEqual(['nothing to roll back']);
  });
  it('sla profile add and assign: NAME@VERSION as data', () => {
    expect(profileAddedLine({ name: 'bandung-ketat', version: 2, is_default: true }, 'id')).toBe('profil bandung-ketat@2 ditambahkan (kini menjadi profil bawaan)');
    expect(profileAddedLine({ name: 'bandung-ketat', version: 2, is_default: true }, 'en')).toBe('added bandung-ketat@2 (now the default)');
    expect(profileAddedLine({ name: 'bandung-ketat', version: 1, is_default: false }, 'en')).toBe('added bandung-ketat@1');
    expect(profileAssignedLine('32.73', { name: 'bandung-ketat', version: 1 }, '2026-04-01', 'id')).toBe('32.73: bandung-ketat@1 mulai 2026-04-01');
    expect(profileAssignedLine('32.73', { name: 'bandung-ketat', version: 1 }, '2026-04-01', 'en')).toBe('32.73: bandung-ketat@1 from 2026-04-01');
  });
  it('init: each part, a first run and a run with nothing to do', () => {
    const first: InitResult = {
      database: 'pglite:/d', migrationsApplied: ['0001_a', '0002_b'], institutionsAdded: 591, holidayYearsAdded: [2025, 2026],
      superAdmin: { username: 'adminnas', created: true }, superAdmins: 1,
    };
    expect(describeInit(first, 'id')).toEqual([
      'basis data: pglite:/d', 'migrasi diterapkan: 0001_a, 0002_b', 'instansi ditambahkan: 591 (provinsi, kabupaten/kota, K/L)',
      'hari libur dimuat untuk 2025, 2026', 'Admin Nasional (super_admin) dibuat: adminnas',
    ]);
    expect(describeInit(first, 'en')).toEqual([
      'database: pglite:/d', 'migrations applied: 0001_a, 0002_b', 'institutions added: 591 (provinces, kabupaten/kota, K/L)',
      'holidays loaded for 2025, 2026', 'super_admin created: adminnas',
    ]);
    const again: InitResult = { ...first, migrationsApplied: [], institutionsAdded: 0, holidayYearsAdded: [], superAdmin: null, superAdmins: 0 };
    expect(describeInit(again, 'id')).toEqual([
      'basis data: pglite:/d', 'skema: sudah mutakhir', 'instansi: sudah dimuat', 'hari libur: sudah dimuat',
      'belum ada Admin Nasional (super_admin): jalankan `lapor init --admin USERNAME`', 'tidak ada yang perlu dilakukan: semuanya sudah tersedia',
    ]);
    expect(describeInit({ ...again, superAdmin: { username: 'adminnas', created: false } }, 'en')).toEqual([
      'database: pglite:/d', 'schema: up to date', 'institutions: already loaded', 'holidays: already loaded',
      'super_admin adminnas: already present', 'nothing to do: everything was already in place',
    ]);
  });
});

describe('a complaint verb says what it did, in the run\'s language', () => {
  it('the national holder reads nasional / national', () => {
    const r: TransitionResult = {
      trackingId: '2601150001', kind: 'dispose', seq: 2, at: new Date('2026-01-15T03:00:00Z'),
      from: { status: 'received', institution: null, unit: null }, to: { status: 'with_institution', institution: '32.73', unit: null },
    };
    expect(describeResult(r, 'id')).toBe('2601150001: Diverifikasi, disposisi ke instansi — Belum Terverifikasi (nasional) → Terdisposisi ke Instansi (32.73)');
    expect(describeResult(r, 'en')).toBe('2601150001: Verified, disposed to institution — Unverified (national) → Disposed to institution (32.73)');
    const fwd = { ...r, kind: 'forward' as const, from: r.to, to: { status: 'with_unit' as const, institution: '32.73', unit: 'DISHUB' } };
    expect(describeResult(fwd, 'en')).toBe('2601150001: Forwarded to unit — Disposed to institution (32.73) → Forwarded to unit (32.73/DISHUB)');
  });
});
