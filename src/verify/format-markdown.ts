// The Markdown report of gotune verify, for a pull request: the verdict and
// gate first, a KPI table, goals and budgets, where the profiles moved,
// warnings. Text from the runs (paths, function names) is escaped.

import { formatShare, formatShareDelta } from './format-value.js';
import { countsText, deltaText, gateText, intervalText, pText } from './format-parts.js';
import { shiftHeading } from './format-text.js';
import type { KpiResult, SideStats, TargetResult, Verification } from './types.js';

/** code is inline code that survives any backticks in s. */
function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s.includes('`') ? ` ${s} ` : s}${ticks}`;
}

// In a table, a pipe ends the cell even inside inline code (GFM), so function names escape it there too.

/** cell escapes text for a table cell: pipes, and what could start HTML. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sideCell(k: KpiResult, s: SideStats | null): string {
  return s ? `${k.def.format(s.median)} ${intervalText(k, s)}` : '*absent*';
}

const MARK: Record<string, string> = { improved: '✅ improved', regressed: '❌ regressed', 'no-change': 'no change', absent: '*absent*' };

function targetList(title: string, list: readonly TargetResult[], ok: string, not: string): string[] {
  if (list.length === 0) return [];
  return [`**${title}**`, '', ...list.map((t) => `- ${t.ok ? `✅ ${ok}` : `❌ ${not}`}: ${code(t.target.spec)}: ${cell(t.why)}`), ''];
}

/** formatMarkdown renders a verification as Markdown. */
export function formatMarkdown(v: Verification): string {
  const out = [
    `## gotune verify: ${v.verdict}${v.pass ? '' : ' — gate failed'}`,
    '',
    `Baseline ${code(v.baseline.dir)} (${v.baseline.repetitions} repetitions) → candidate ${code(v.candidate.dir)} (${v.candidate.repetitions} repetitions): ${countsText(v)}; significant when p < ${v.alpha} (U test), medians with ${Math.round(v.confidence * 100)}% intervals.`,
    '',
    '| KPI | baseline | candidate | Δ | p | verdict |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const k of v.kpis) {
    const d = deltaText(k);
    const strong = k.verdict === 'improved' || k.verdict === 'regressed' ? `**${d}**` : d;
    out.push(`| ${k.def.name} | ${sideCell(k, k.baseline)} | ${sideCell(k, k.candidate)} | ${strong} | ${pText(k)} | ${MARK[k.verdict]} |`);
  }
  out.push('');
  out.push(...targetList('Goals', v.goals, 'met', 'not met'), ...targetList('Budgets', v.budgets, 'kept', 'broken'));
  out.push(`**Gate**: ${cell(gateText(v))}`, '');
  if (v.profiles.length > 0) {
    out.push('### Where it went', '', 'The functions whose flat share of each profile moved most (diff: as `gotune pprof -top -diff_base` prints it).', '');
    for (const s of v.profiles) {
      out.push(`**${cell(shiftHeading(s))}**${s.note ? ` (${cell(s.note)})` : ''}`, '');
      if (s.rows.length > 0) {
        out.push('| function | before | after | change | diff | cum before | cum after |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
        for (const r of s.rows) {
          out.push(`| ${code(r.name.replace(/\|/g, '\\|'))} | ${formatShare(r.beforeShare)} | ${formatShare(r.afterShare)} | ${formatShareDelta(r.afterShare - r.beforeShare)} | ${cell(r.deltaText)} | ${formatShare(r.beforeCumShare)} | ${formatShare(r.afterCumShare)} |`);
        }
        out.push('');
      }
      out.push(`Diff flame graph: ${code(s.command)}`, '');
    }
  }
  if (v.warnings.length > 0) out.push('### Warnings', '', ...v.warnings.map((w) => `- ${cell(w)}`), '');
  const notes = [...v.kpis.flatMap((k) => k.notes.map((n) => `${k.def.name}: ${n}`)), ...v.notes];
  if (notes.length > 0) out.push('### Notes', '', ...notes.map((n) => `- ${cell(n)}`), '');
  return out.join('\n');
}
