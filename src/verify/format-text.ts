// The terminal report of gotune verify: the runs, the verdict, one row per
// KPI, goals and budgets, the gate, where the profiles moved, warnings.

import { formatShare, formatShareDelta } from './format-value.js';
import { alignTable, countsText, deltaText, gateText, pText, sideText, verdictWord } from './format-parts.js';
import type { ProfileShift, TargetResult, Verification } from './types.js';

function targetLines(title: string, list: readonly TargetResult[], ok: string, not: string): string[] {
  if (list.length === 0) return [];
  return ['', `${title}:`, ...alignTable(list.map((t) => [`  ${t.ok ? ok : not}`, `${t.target.spec}:`, t.why]), [])];
}

/** shiftHeading names a profile type, its totals and the repetitions compared. */
export function shiftHeading(s: ProfileShift): string {
  const b = s.baseline;
  const c = s.candidate;
  return `${s.type} (${s.sampleType}): ${b.totalText} in rep-${b.repetition} → ${c.totalText} in rep-${c.repetition}`;
}

/** shiftLines is one profile type's functions whose share moved most. */
function shiftLines(s: ProfileShift): string[] {
  const out = [shiftHeading(s)];
  if (s.note) out.push(`  (${s.note})`);
  if (s.rows.length === 0) out.push('  no function changed its share');
  else {
    const rows = [['  FUNCTION', 'BEFORE', 'AFTER', 'CHANGE', 'DIFF', 'CUM BEFORE', 'CUM AFTER']];
    for (const r of s.rows) {
      rows.push([`  ${r.name}`, formatShare(r.beforeShare), formatShare(r.afterShare), formatShareDelta(r.afterShare - r.beforeShare),
        r.deltaText, formatShare(r.beforeCumShare), formatShare(r.afterCumShare)]);
    }
    out.push(...alignTable(rows, [1, 2, 3, 4, 5, 6]));
  }
  out.push(`  diff flame graph: ${s.command}`);
  return out;
}

/** formatText renders a verification for a terminal. */
export function formatText(v: Verification): string {
  const b = v.baseline;
  const c = v.candidate;
  const out = [
    `Baseline:  ${b.dir} (${b.repetitions} repetitions)`,
    `Candidate: ${c.dir} (${c.repetitions} repetitions)`,
    `Verdict: ${v.verdict} (${countsText(v)}; significant when p < ${v.alpha})`,
    '',
  ];
  const ci = `${Math.round(v.confidence * 100)}% CI`;
  const rows = [['KPI', `BASELINE median [${ci}]`, `CANDIDATE median [${ci}]`, 'DELTA', 'P', 'VERDICT']];
  for (const k of v.kpis) rows.push([k.def.name, sideText(k, k.baseline), sideText(k, k.candidate), deltaText(k), pText(k), verdictWord(k)]);
  out.push(...alignTable(rows, [3, 4]));
  out.push(...targetLines('Goals', v.goals, 'met', 'NOT MET'), ...targetLines('Budgets', v.budgets, 'kept', 'BROKEN'));
  out.push('', `Gate: ${gateText(v)}`);
  if (v.profiles.length > 0) {
    out.push('', 'Where it went (the 5 functions whose flat share of the profile moved most; DIFF as -top -diff_base prints it):');
    for (const s of v.profiles) out.push(...shiftLines(s));
  }
  if (v.charts.length > 0) out.push('', `Charts: ${v.charts.length} in ${v.charts[0].replace(/\/[^/]*$/, '/')} (${v.charts.map((f) => f.replace(/^.*\//, '')).join(', ')})`);
  if (v.warnings.length > 0) out.push('', 'Warnings:', ...v.warnings.map((w) => `  - ${w}`));
  const notes = [...v.kpis.flatMap((k) => k.notes.map((n) => `${k.def.name}: ${n}`)), ...v.notes];
  if (notes.length > 0) out.push('', 'Notes:', ...notes.map((n) => `  - ${n}`));
  return out.join('\n') + '\n';
}
