// One KPI across repetitions as a small SVG chart: the baseline's values
// beside the candidate's, one dot per repetition, a line at each median,
// a y axis from zero with the KPI's unit. Every text is escaped.

import { formatDelta, formatP } from './format-value.js';
import type { KpiResult, SideStats } from './types.js';

const W = 520;
const H = 320;
const LEFT = 78;
const RIGHT = 16;
const TOP = 40;
const BOTTOM = 56;

/** escapeXml escapes text for SVG element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** niceStep is a round tick step (1, 2 or 5 times a power of ten) giving about `count` ticks up to max. */
function niceStep(max: number, count: number): number {
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

/** num prints a coordinate with at most one decimal. */
const num = (x: number) => String(Math.round(x * 10) / 10);

function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${num(x)}" y="${num(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(s)}</text>`;
}

/** ChartLabels names the two runs under their columns. */
interface ChartLabels {
  baseline: string;
  candidate: string;
}

/** chartSvg draws one KPI of a verification. */
export function chartSvg(k: KpiResult, labels: ChartLabels): string {
  const sides: [string, SideStats | null, string][] = [['baseline', k.baseline, labels.baseline], ['candidate', k.candidate, labels.candidate]];
  const all = sides.flatMap(([, s]) => s?.values ?? []);
  const top = Math.max(...all, 0);
  const step = top > 0 ? niceStep(top, 5) : 1;
  const yMax = top > 0 ? Math.ceil(top / step) * step : 1;
  const plotH = H - TOP - BOTTOM;
  const y = (v: number) => TOP + plotH - (v / yMax) * plotH;
  const colW = (W - LEFT - RIGHT) / 2;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
  ];
  const verdict = k.verdict === 'absent' ? `absent in the ${k.absent.join(' and ')}` : `${k.verdict === 'no-change' ? 'no change' : k.verdict} ${formatDelta(k.delta)} (p=${formatP(k.p!)})`;
  out.push(text(LEFT, 22, `${k.def.name}: ${verdict}`, 'font-size="14" font-weight="bold"'));
  // The y axis: ticks from zero, labelled in the KPI's unit.
  out.push(`<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + plotH}" stroke="#333"/>`);
  out.push(`<line x1="${LEFT}" y1="${TOP + plotH}" x2="${W - RIGHT}" y2="${TOP + plotH}" stroke="#333"/>`);
  for (let v = 0; v <= yMax + step / 2; v += step) {
    const yy = y(v);
    out.push(`<line x1="${LEFT - 4}" y1="${num(yy)}" x2="${W - RIGHT}" y2="${num(yy)}" stroke="${v === 0 ? '#333' : '#e5e5e5'}"/>`);
    out.push(text(LEFT - 7, yy + 4, v === 0 ? '0' : k.def.format(v), 'text-anchor="end" fill="#333"'));
  }
  out.push(text(16, TOP + plotH / 2, k.def.axis, `text-anchor="middle" fill="#333" transform="rotate(-90 16 ${num(TOP + plotH / 2)})"`));
  sides.forEach(([side, s, label], i) => {
    const x0 = LEFT + i * colW;
    const color = side === 'baseline' ? '#6b7280' : '#2563eb';
    out.push(text(x0 + colW / 2, TOP + plotH + 20, side, 'text-anchor="middle" font-weight="bold"'));
    out.push(text(x0 + colW / 2, TOP + plotH + 36, label, 'text-anchor="middle" fill="#555" font-size="11"'));
    if (!s) {
      out.push(text(x0 + colW / 2, TOP + plotH / 2, 'absent', 'text-anchor="middle" fill="#999"'));
      return;
    }
    // Repetitions left to right in their order, so a drift across the run shows.
    const xs = s.values.map((_, j) => x0 + colW * (0.2 + (0.6 * (j + 0.5)) / s.values.length));
    const my = y(s.median);
    out.push(`<line x1="${num(x0 + colW * 0.12)}" y1="${num(my)}" x2="${num(x0 + colW * 0.88)}" y2="${num(my)}" stroke="${color}" stroke-width="2"/>`);
    out.push(text(x0 + colW * 0.88, my - 5, `median ${k.def.format(s.median)}`, `text-anchor="end" fill="${color}" font-size="11"`));
    s.values.forEach((v, j) => {
      out.push(`<circle cx="${num(xs[j])}" cy="${num(y(v))}" r="4" fill="${color}" fill-opacity="0.75"><title>${escapeXml(`rep-${s.repetitions[j]}: ${k.def.format(v)}`)}</title></circle>`);
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
