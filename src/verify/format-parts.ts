// Pieces the text and Markdown reports share: a KPI's median and interval,
// its change, the verdict counts, the gate's line, an aligned table.

import { formatDelta, formatP } from './format-value.js';
import type { KpiResult, SideStats, Verification } from './types.js';

/** intervalText is "[lo, hi]" in the KPI's unit, with ∞ for an unbounded side. */
export function intervalText(k: KpiResult, s: SideStats): string {
  const f = (v: number) => (v === -Infinity ? '-∞' : v === Infinity ? '∞' : k.def.format(v));
  return `[${f(s.lo)}, ${f(s.hi)}]`;
}

/** sideText is a run's median and interval, or why it has none. */
export function sideText(k: KpiResult, s: SideStats | null): string {
  return s ? `${k.def.format(s.median)} ${intervalText(k, s)}` : 'absent';
}

/** deltaText is the change of the medians, '-' when a run lacks the KPI. */
export function deltaText(k: KpiResult): string {
  return k.verdict === 'absent' ? '-' : formatDelta(k.delta);
}

/** pText is the p-value, '-' when a run lacks the KPI. */
export function pText(k: KpiResult): string {
  return k.p === null ? '-' : formatP(k.p);
}

/** verdictWord is a KPI's verdict as printed. */
export function verdictWord(k: KpiResult): string {
  return k.verdict === 'no-change' ? 'no change' : k.verdict;
}

/** countsText is "3 improved, 1 regressed, 6 no change" (and absent ones). */
export function countsText(v: Verification): string {
  const n = (w: string) => v.kpis.filter((k) => k.verdict === w).length;
  const parts = [`${n('improved')} improved`, `${n('regressed')} regressed`, `${n('no-change')} no change`];
  if (n('absent') > 0) parts.push(`${n('absent')} absent`);
  return parts.join(', ');
}

/** gateText is the gate's outcome and the exit status it gives. */
export function gateText(v: Verification): string {
  const what = v.goals.length > 0 ? 'every goal met, no budget broken' : v.budgets.length > 0 ? 'nothing regressed beyond its budget' : 'nothing regressed';
  return v.pass ? `pass (${what}; exit 0)` : `fail (exit 1): ${v.failures.join('; ')}`;
}

/** alignTable aligns rows of cells two spaces apart; columns in `right` are right-aligned. */
export function alignTable(rows: string[][], right: readonly number[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => {
    const pad = ' '.repeat(widths[i] - [...c].length);
    return right.includes(i) ? pad + c : c + pad;
  }).join('  ').trimEnd());
}
