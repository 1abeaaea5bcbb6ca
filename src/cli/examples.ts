import { helpHeading } from '../i18n/help.js';
import type { Lang } from '../i18n/index.js';

/**
 * At least one example for every command's --help (issue 12), by command path. A unit test
 * (test/unit/help-examples.test.ts) checks that no command of the tree is missing here.
 */
export const EXAMPLES: Record<string, string[]> = {
  'demo': ['lapor demo --dir /tmp/lapor-demo'],
  'init': ['lapor init --admin adminnas'],
  'db migrate': ['lapor --db postgres://lapor_admin@db.internal:5432/lapor db migrate'],
  'db status': ['lapor db status || echo "migrations pending"'],
  'db rollback': ['lapor db rollback --steps 1 --yes'],
  'db roles': ['LAPOR_REPORT_PW=… lapor db roles --reader lapor_report --password-env LAPOR_REPORT_PW'],
  'calendar import': ['lapor calendar import libur-2027.csv --source "SKB 3 Menteri 2027"'],
  'calendar list': ['lapor calendar list --year 2026', 'lapor calendar list --year 2026 --format csv --csv-excel -o libur-2026.csv'],
  'calendar workdays': ['lapor calendar workdays 2026-03-17 2026-03-27'],
  'calendar add': ['lapor calendar add 2026-03-17T10:00:00+07:00 3', 'lapor calendar add "2026-03-17 10:00" 5 --tz WITA'],
  'institution register': ['lapor institution register --decree sk-kota-bandung-2026.yaml --dry-run', 'lapor institution register'],
  'institution list': ['lapor institution list --province 32 --unregistered', 'lapor institution list --kind kl --format json'],
  'institution show': ['lapor institution show 32.73'],
  'unit add': ['lapor unit add DISHUB --institution 32.73 --name "Dinas Perhubungan"'],
  'unit list': ['lapor unit list --institution 32.73'],
  'officer list': ['lapor officer list --institution 32.73'],
  'officer deactivate': ['lapor officer deactivate dedi.kurniawan --reason mutasi --date 2026-11-30'],
  'report onboarding': ['lapor report onboarding --deadline 2026-06-30', 'lapor report onboarding --province 32 --format xlsx -o onboarding-32.xlsx'],
  'report sla': ['lapor report sla --month 2026-11', 'lapor report sla --by unit --institution 32.73 --format csv --section by_unit --csv-excel -o sla.csv',
    'lapor --quiet report sla --fail-on-breach 80 --format json -o sla.json; [ $? -eq 3 ] && echo "below 80%"'],
  'report monitoring': ['lapor report monitoring --institution 32.73 --format pdf -o monitoring.pdf',
    'lapor --lang en report monitoring --institution 32.73 --month 2026-11 --format html -o monitoring.html'],
  'report overdue': ['lapor report overdue --institution 32.73', 'lapor report overdue --format xlsx -o overdue.xlsx'],
  'import complaints': ['lapor import complaints sms-1708.csv --source sms-1708 --map sms-1708.map.yaml --dry-run',
    'lapor import complaints web.csv --source web --map web.map.json --rejects web.rejects.csv'],
  'import list': ['lapor import list --source web'],
  'import show': ['lapor import show 3 --rejects 20'],
  'import events': ['lapor import events history.csv --source portal-lama --dry-run', 'lapor import events history.jsonl --source portal-lama --rejects history.rejects.csv'],
  'import map': ['lapor import map --init register.csv --output register.map.yaml'],
  'import revert': ['lapor import revert 3 --dry-run', 'lapor import revert 3 --yes'],
  'import values': ['lapor import values --field channel'],
  'complaint add': ['lapor complaint add --channel web --title "Lampu jalan mati" --body "Jl. Merdeka gelap sejak Senin" --region 32.73'],
  'complaint show': ['lapor complaint show 65021846657'],
  'complaint list': ['lapor complaint list --institution 32.73 --status with_unit,responded', 'lapor complaint list --overdue --format csv'],
  'complaint verify': ['lapor complaint verify 65021846657 --dispose-to 32.73'],
  'complaint hold': ['lapor complaint hold 65021846657 --reason "menunggu KTP pelapor"'],
  'complaint resume': ['lapor complaint resume 65021846657'],
  'complaint archive': ['lapor complaint archive 65021846657 --reason "duplikat 65021846601"'],
  'complaint forward': ['lapor complaint forward 65021846657 --to DISDUKCAPIL --reason "layanan KTP-el"'],
  'complaint return': ['lapor complaint return 65021846657 --reason "kewenangan Pemerintah Provinsi"'],
  'complaint respond': ['lapor complaint respond 65021846657 --text "KTP-el sudah dicetak, silakan diambil"'],
  'complaint reply': ['lapor complaint reply 65021846657 --text "Belum bisa diambil, blangko habis"'],
  'complaint close': ['lapor complaint close 65021846657 --reason "pelapor puas"'],
  'dispatch suggest': ['lapor dispatch suggest --limit 200 -o dispatch.csv'],
  'dispatch': ['lapor dispatch dispatch.csv --dry-run', 'lapor dispatch dispatch.csv --yes'],
  'route add': ['lapor route add --region 32.73 --category kependudukan --institution 32.73'],
  'route list': ['lapor route list'],
  'route remove': ['lapor route remove 4'],
  'sla sweep': ['lapor --quiet sla sweep', 'lapor sla sweep --dry-run --as-of 2026-11-30T17:00:00+07:00'],
  'sla explain': ['lapor sla explain 65021846657 --as-of 2026-11-30T17:00:00+07:00'],
  'sla profile list': ['lapor sla profile list'],
  'sla profile show': ['lapor sla profile show permenpan-62-2018'],
  'sla profile add': ['lapor sla profile add bandung-ketat.yaml'],
  'sla profile assign': ['lapor sla profile assign bandung-ketat --institution 32.73 --from 2026-04-01'],
  'completion': ['lapor completion bash > /etc/bash_completion.d/lapor'],
};

export function examplesHelp(path: string, lang: Lang): string | undefined {
  const ex = EXAMPLES[path];
  if (!ex) return undefined;
  return `\n${helpHeading('Examples:', lang)}\n${ex.map((e) => `  $ ${e}`).join('\n')}`;
}
