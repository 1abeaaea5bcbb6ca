import { fmt, L, label, META, TIMER, UI, VALUE } from '../../i18n/index.js';
import { metaText, rowCell, tr, type Lang, type Report, type Row, type Section } from './model.js';

/**
 * A report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no network.
 * What a Sekda opens and prints: compliance per institution, the monthly trend, the backlog ageing,
 * then every section as a table. All database text is escaped.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An axis of whole counts: a step of 1, 2, 5 × 10^k giving at most `ticks` intervals, and the top. */
export function integerAxis(max: number, ticks = 4): { step: number; top: number } {
  const m = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let k = 1; ; k *= 10) {
    const s = [1, 2, 5].map((f) => f * k).find((x) => Math.ceil(m / x) <= ticks);
    if (s) { step = s; break; }
  }
  return { step, top: Math.ceil(m / step) * step };
}

/** Documents carry no command lines: a "(… `lapor …` …)" hint is for the terminal only. */
export function withoutCliHints(s: string): string {
  return s.replace(/\s*\([^()]*`lapor [^`]*`[^()]*\)/g, '').replace(/;?\s*(see|lihat|add|tambahkan)\s+[^;.]*`[^`]*`[^;.]*/gi, '').trim();
}

const COLORS = { good: '#2e7d32', warn: '#f9a825', bad: '#c62828', bar: '#1f4e79', line: '#c62828', grid: '#d0d7de' };

function complianceColor(pct: number): string {
  return pct >= 90 ? COLORS.good : pct >= 70 ? COLORS.warn : COLORS.bad;
}

/** Horizontal bars of a percentage per label (0–100). */
export function barChartSvg(title: string, items: { label: string; value: number | null }[], opts: { percent?: boolean } = {}): string {
  const rowH = 18;
  const labelW = 230;
  const plotW = 420;
  const axis = integerAxis(Math.max(0, ...items.map((i) => i.value ?? 0)));
  const max = opts.percent ? 100 : axis.top;
  const h = 30 + items.length * rowH + 24;
  const bars = items.map((it, i) => {
    const y = 30 + i * rowH;
    const v = it.value ?? 0;
    const w = Math.max(0, (v / max) * plotW);
    const fill = opts.percent ? complianceColor(v) : COLORS.bar;
    const text = it.value === null ? '–' : opts.percent ? `${v.toFixed(1)}%` : String(v);
    return `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end" class="lbl">${escapeHtml([...it.label].length > 34 ? `${[...it.label].slice(0, 33).join('')}…` : it.label)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${fill}"><title>${escapeHtml(it.label)}: ${text}</title></rect>` +
      `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + 13}" class="val">${text}</text>`;
  }).join('');
  const fractions = opts.percent ? [0, 0.25, 0.5, 0.75, 1]
    : Array.from({ length: axis.top / axis.step + 1 }, (_, i) => (i * axis.step) / axis.top);
  const ticks = fractions.map((f) => {
    const x = labelW + f * plotW;
    return `<line x1="${x}" y1="26" x2="${x}" y2="${h - 20}" stroke="${COLORS.grid}"/>` +
      `<text x="${x}" y="${h - 6}" text-anchor="middle" class="tick">${opts.percent ? `${f * 100}%` : Math.round(f * max)}</text>`;
  }).join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${labelW + plotW + 60} ${h}" width="100%" role="img" aria-label="${escapeHtml(title)}">` +
    `<text x="0" y="16" class="ttl">${escapeHtml(title)}</text>${ticks}${bars}</svg></figure>`;
}

/** Monthly trend: bars of a count, a line of a percentage on the right axis. */
export function trendChartSvg(title: string, points: { label: string; count: number; pct: number | null }[], countLabel: string, pctLabel: string): string {
  const W = 720;
  const H = 260;
  const left = 50;
  const right = 50;
  const top = 36;
  const bottom = 40;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const axis = integerAxis(Math.max(0, ...points.map((p) => p.count)));
  const maxC = axis.top;
  const step = points.length ? plotW / points.length : plotW;
  const bars = points.map((p, i) => {
    const bh = (p.count / maxC) * plotH;
    const x = left + i * step + step * 0.15;
    return `<rect x="${x.toFixed(1)}" y="${(top + plotH - bh).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLORS.bar}" opacity="0.8"><title>${escapeHtml(p.label)}: ${p.count}</title></rect>`;
  }).join('');
  const pts = points.map((p, i) => (p.pct === null ? null : `${(left + i * step + step / 2).toFixed(1)},${(top + plotH - (p.pct / 100) * plotH).toFixed(1)}`));
  const segments: string[][] = [[]];
  for (const pt of pts) {
    if (pt === null) segments.push([]);
    else segments[segments.length - 1].push(pt);
  }
  const line = segments.filter((s) => s.length > 0).map((s) =>
    `<polyline points="${s.join(' ')}" fill="none" stroke="${COLORS.line}" stroke-width="2"/>` +
    s.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${COLORS.line}"/>`).join('')).join('');
  const every = Math.max(1, Math.ceil(points.length / 12));
  const xl = points.map((p, i) => (i % every === 0
    ? `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(p.label)}</text>` : '')).join('');
  // Left axis: whole counts at whole steps; right axis: 0, 50, 100 %.
  const grid = Array.from({ length: axis.top / axis.step + 1 }, (_, i) => (i * axis.step) / axis.top).map((f) => {
    const y = top + plotH - f * plotH;
    return `<line x1="${left}" y1="${y}" x2="${W - right}" y2="${y}" stroke="${COLORS.grid}"/>` +
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end" class="tick">${Math.round(f * maxC)}</text>`;
  }).join('') + [0, 0.5, 1].map((f) => `<text x="${W - right + 6}" y="${(top + plotH - f * plotH) + 4}" class="tick">${f * 100}%</text>`).join('');
  const legend = `<rect x="${left}" y="${H - 14}" width="10" height="10" fill="${COLORS.bar}"/><text x="${left + 14}" y="${H - 5}" class="tick">${escapeHtml(countLabel)}</text>` +
    `<line x1="${left + 200}" y1="${H - 9}" x2="${left + 220}" y2="${H - 9}" stroke="${COLORS.line}" stroke-width="2"/><text x="${left + 224}" y="${H - 5}" class="tick">${escapeHtml(pctLabel)}</text>`;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${escapeHtml(title)}">` +
    `<text x="0" y="16" class="ttl">${escapeHtml(title)}</text>${grid}${bars}${line}${xl}${legend}</svg></figure>`;
}

function sectionTable(s: Section, lang: Lang, maxRows = 2000): string {
  const head = s.columns.map((c) => `<th class="${['int', 'number', 'percent'].includes(c.type ?? '') ? 'num' : ''}">${escapeHtml(tr(c.header, lang))}</th>`).join('');
  const rows = s.rows.slice(0, maxRows).map((r) => `<tr>${s.columns.map((c) => {
    const num = ['int', 'number', 'percent'].includes(c.type ?? '');
    return `<td class="${num ? 'num' : ''}">${escapeHtml(rowCell(r, c, lang, true))}</td>`;
  }).join('')}</tr>`).join('');
  const more = s.rows.length > maxRows
    ? `<p class="note">${escapeHtml(fmt(L.more_rows_not_shown, lang, { n: s.rows.length - maxRows }))}</p>` : '';
  const empty = s.rows.length === 0 ? `<p class="note">${escapeHtml(tr(VALUE.no_rows, lang))}</p>` : '';
  const notes = (s.notes ?? []).map((n) => `<p class="note">${escapeHtml(withoutCliHints(tr(n, lang)))}</p>`).join('');
  return `<section><h2>${escapeHtml(tr(s.title, lang))}</h2>${empty || `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`}${more}${notes}</section>`;
}

/** A chart of compliance by group shows at most the lowest this many. */
const LOWEST = 40;

/** The charts a report's sections call for (by section name and columns). */
function charts(report: Report, lang: Lang): string[] {
  const out: string[] = [];
  for (const s of report.sections) {
    const has = (k: string) => s.columns.some((c) => c.key === k);
    if (s.name.startsWith('by_') && has('compliance') && has('timer')) {
      const rows = s.rows.filter((r) => r.timer === 'completion' && typeof r.compliance === 'number');
      const sorted = [...rows].sort((a, b) => (a.compliance as number) - (b.compliance as number)).slice(0, LOWEST);
      const label = (r: Row) => [r.group, r.name].filter(Boolean).join(' ');
      const group = tr(s.columns[0].header, lang);
      const title = rows.length > LOWEST ? fmt(L.chart_completion_by_lowest, lang, { group, n: LOWEST }) : fmt(L.chart_completion_by, lang, { group });
      if (sorted.length) out.push(barChartSvg(title, sorted.map((r) => ({ label: label(r), value: r.compliance as number })), { percent: true }));
    }
    if (s.name === 'sla' && has('compliance')) {
      out.push(barChartSvg(tr(L.chart_compliance_per_timer, lang),
        s.rows.map((r) => ({ label: label(TIMER, String(r.timer), lang), value: (r.compliance as number | null) ?? null })), { percent: true }));
    }
    if (s.name === 'trend') {
      out.push(trendChartSvg(tr(L.chart_monthly_trend, lang),
        s.rows.map((r) => ({ label: String(r.month), count: Number(r.received), pct: (r.compliance as number | null) ?? null })),
        tr(L.chart_complaints_received, lang), tr(L.chart_completion_compliance, lang)));
    }
    if (s.name === 'units' && has('completion_compliance')) {
      const rows = s.rows.filter((r) => typeof r.completion_compliance === 'number').slice(0, 25);
      if (rows.length) {
        out.push(barChartSvg(tr(L.chart_completion_per_unit, lang),
          rows.map((r) => ({ label: [r.unit, r.name].filter(Boolean).join(' ') || tr(L.at_institution_level, lang), value: r.completion_compliance as number })), { percent: true }));
      }
    }
    if (s.name === 'comparison') {
      const rows = s.rows.filter((r) => typeof r.completion_compliance === 'number').slice(0, 40);
      if (rows.length) {
        out.push(barChartSvg(tr(L.chart_completion_province_national, lang),
          rows.map((r) => ({ label: r.kind === 'national' ? tr(L.national, lang) : `${r.self ? '▶ ' : ''}${r.code} ${r.name ?? ''}`, value: r.completion_compliance as number })), { percent: true }));
      }
    }
    if (s.name === 'ageing') {
      out.push(barChartSvg(tr(L.chart_backlog_ageing, lang),
        s.rows.map((r) => ({ label: `${r.bucket} ${tr(L.wd, lang)}`, value: Number(r.n) }))));
    }
  }
  return out;
}

const CSS = `
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:24px;color:#1b1f23;font-size:13px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:22px 0 6px;border-bottom:2px solid #1f4e79;padding-bottom:2px}
.sub{color:#57606a;margin:0 0 10px}.meta{border-collapse:collapse;margin:8px 0}.meta td{padding:1px 10px 1px 0}
.foot{border-top:1px solid #d0d7de;margin-top:18px;font-size:12px;color:#57606a}.foot h2{border:none;font-size:13px}
table{border-collapse:collapse;width:100%;margin:4px 0}th{background:#1f4e79;color:#fff;text-align:left;padding:4px 6px;font-weight:600}
td{padding:3px 6px;border-bottom:1px solid #e1e4e8;vertical-align:top}tr:nth-child(even) td{background:#f6f8fa}
.num{text-align:right;font-variant-numeric:tabular-nums}.note{color:#57606a;font-style:italic;margin:4px 0}
section{overflow-x:auto}figure{margin:10px 0;max-width:820px;page-break-inside:avoid}svg .lbl{font-size:11px;fill:#1b1f23}svg .val,svg .tick{font-size:10px;fill:#57606a}
svg .ttl{font-size:13px;font-weight:600;fill:#1b1f23}.charts{display:block}
@media print{body{margin:10mm;font-size:10px}h2{page-break-after:avoid}tr{page-break-inside:avoid}th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
rect,circle{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{size:A4;margin:12mm}`;

export async function renderReportHtml(report: Report, lang: Lang): Promise<string> {
  const meta = Object.entries(report.meta ?? {}).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `<tr><td><b>${escapeHtml(label(META, k, lang))}</b></td><td>${escapeHtml(metaText(v, lang, k, report.metaVocab?.[k]))}</td></tr>`).join('');
  // Warnings: one footnote at the end, numbered, without command lines.
  const ws = [...new Set((report.warnings ?? []).map((w) => withoutCliHints(tr(w, lang))))];
  const warnings = ws.length === 0 ? '' : `<section class="foot"><h2>${escapeHtml(tr(UI.notes, lang))}</h2><ol>${ws.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ol></section>`;
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(tr(report.title, lang))}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(tr(report.title, lang))}</h1>
${report.subtitle ? `<p class="sub">${escapeHtml(tr(report.subtitle, lang))}</p>` : ''}
<table class="meta">${meta}</table>
<div class="charts">${charts(report, lang).join('\n')}</div>
${report.sections.map((s) => sectionTable(s, lang)).join('\n')}
${warnings}
<p class="note">lapor · SP4N-LAPOR!</p>
</body></html>
`;
}
