import { parse } from 'csv-parse/sync';
import { zoneForRegion, type Zone } from './time.js';

/** A province or kabupaten/kota of wilayah.csv, or a K/L of kementerian_lembaga.csv, as an institution. */
export interface ReferenceInstitution {
  code: string;
  name: string;
  kind: 'provinsi' | 'kabupaten' | 'kota' | 'kementerian' | 'lembaga' | 'bumn';
  regionCode: string | null;
  provinceCode: string | null;
  timeZone: Zone;
}

function records(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
}

export function parseRegions(text: string): ReferenceInstitution[] {
  return records(text).map((r) => ({
    code: r.kode,
    name: r.nama,
    kind: r.jenis as ReferenceInstitution['kind'],
    regionCode: r.kode,
    provinceCode: r.kode_provinsi,
    timeZone: zoneForRegion(r.kode),
  }));
}

export function parseMinistries(text: string): ReferenceInstitution[] {
  return records(text).map((r) => ({
    code: r.singkatan.toUpperCase(),
    name: r.nama,
    kind: r.jenis as ReferenceInstitution['kind'],
    regionCode: null,
    provinceCode: null,
    timeZone: 'WIB',
  }));
}
