// The text view of a goroutine report: a summary per state, then each group
// with its states, waits, creation site and stack; for a diff, the creation
// sites that leak and the groups that changed.

import { padLeft, padRight } from '../units/go-format.js';
import { shortFile } from './frames.js';
import type { GoroutineReport, ReportGroup, ReportSite } from './model.js';

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function pct(n: number, total: number): string {
  return total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function shortAt(at: string | null): string {
  if (!at) return '';
  const colon = at.lastIndexOf(':');
  return `${shortFile(at.slice(0, colon))}${at.slice(colon)}`;
}

function counts(m: Record<string, number>): string {
  return Object.entries(m).map(([k, v]) => `${k} ×${v}`).join(', ');
}

function describeSource(r: GoroutineReport['source']): string {
  const what = r.format === 'profile' ? 'goroutine profile' : r.format === 'unknown' ? 'input'
    : r.format === 'debug=2' && r.headline !== '' ? 'traceback' : `${r.format} dump`;
  return `${what}: ${r.name}`;
}

/** stateSummary prints one line per state: goroutines, share and groups. */
function stateSummary(r: GoroutineReport): string[] {
  const states = Object.entries(r.states);
  if (states.length === 0) return [];
  const groupsPer = new Map<string, number>();
  for (const g of r.groups) for (const s of Object.keys(g.states)) groupsPer.set(s, (groupsPer.get(s) ?? 0) + 1);
  const w = Math.max(5, ...states.map(([s]) => s.length));
  const out = [`${padRight('STATE', w)}  GOROUTINES       %  GROUPS`];
  for (const [s, n] of states) {
    out.push(`${padRight(s, w)}  ${padLeft(String(n), 10)}  ${padLeft(pct(n, r.total), 6)}  ${padLeft(String(groupsPer.get(s) ?? 0), 6)}`);
  }
  return out;
}

function groupHeading(g: ReportGroup): string {
  const parts = [plural(g.count, 'goroutine')];
  if (g.growth !== undefined) parts[0] = `${signed(g.growth)} (${g.before} -> ${g.after})`;
  if (Object.keys(g.states).length > 0) parts.push(counts(g.states));
  if (g.waitHistogram) parts.push(`waiting ${counts(g.waitHistogram)}`);
  if (g.lockedToThread > 0) parts.push(`${g.lockedToThread} locked to thread`);
  if (g.truncated > 0) parts.push(`${g.truncated} cut off`);
  return parts.join(' · ');
}

/** groupText prints a group: heading, labels, stack with the waiting call marked `>`, creator. */
function groupText(g: ReportGroup): string[] {
  const out = [groupHeading(g)];
  const labels = Object.entries(g.labels).flatMap(([k, vs]) => Object.entries(vs).map(([v, n]) => `${k}=${v} ×${n}`));
  if (labels.length > 0) out.push(`    labels: ${labels.join(', ')}`);
  const rows = g.frames.map((f) => ({
    call: f.args === '' ? f.func : `${f.func}(${f.args})`,
    at: f.file === '' ? '' : shortAt(`${f.file}:${f.line}`),
  }));
  const creator = g.createdBy ? `created by ${g.createdBy}` : '';
  const w = Math.min(72, Math.max(creator.length, ...rows.map((r) => r.call.length)));
  const topIndex = g.top === null ? -1 : g.frames.findIndex((f) => f.func === g.top);
  rows.forEach((r, i) => out.push(`  ${i === topIndex ? '>' : ' '} ${padRight(r.call, w)}  ${r.at}`.trimEnd()));
  if (creator) out.push(`    ${padRight(creator, w)}  ${shortAt(g.createdAt)}`.trimEnd());
  return out;
}

function siteName(s: ReportSite): string {
  const name = s.kind === 'created' ? s.func : s.kind === 'entry' ? `${s.func} (entry function)` : '(no creator)';
  return s.at ? `${name} at ${shortAt(s.at)}` : name;
}

function diffText(r: GoroutineReport): string[] {
  const d = r.diff!;
  const out: string[] = [];
  const over = d.intervalSeconds !== null ? ` over ${d.intervalSeconds}s` : '';
  out.push(`goroutines: ${d.before.total} -> ${r.total} (${signed(d.growth)})${over}`);
  out.push(`before: ${describeSource(d.before)}`, `after:  ${describeSource(r.source)}`);
  if (!d.byId) {
    out.push('', 'The dumps carry no goroutine ids (debug=1 or profiles): growth is shown, but finished and new',
      'goroutines cannot be told apart; use debug=2 dumps to find leaks.');
  }
  const leaks = d.sites.filter((s) => s.leak);
  if (d.byId) {
    out.push('');
    if (leaks.length === 0) out.push('No creation site keeps starting goroutines that never finish.');
    else out.push('LEAK: creation sites that keep starting goroutines that never finish');
    for (const s of leaks) {
      out.push(`  ${siteName(s)}`,
        `      ${s.before} -> ${s.after} (${signed(s.growth)}): none of the ${s.before} earlier goroutines finished, ` +
        `${s.spawned} new; now ${counts(s.states) || `${s.after}`}`);
    }
  }
  const changedSites = d.sites.filter((s) => s.growth !== 0 || (s.finished ?? 0) > 0);
  if (changedSites.length > 0) {
    const names = changedSites.map(siteName);
    const w = Math.min(72, Math.max(4, ...names.map((n) => n.length)));
    out.push('', `${padRight('SITE', w)}  BEFORE   AFTER  GROWTH${d.byId ? '  FINISHED      NEW' : ''}`);
    changedSites.forEach((s, i) => {
      let line = `${padRight(names[i], w)}  ${padLeft(String(s.before), 6)}  ${padLeft(String(s.after), 6)}  ${padLeft(signed(s.growth), 6)}`;
      if (d.byId) line += `  ${padLeft(String(s.finished), 8)}  ${padLeft(String(s.spawned), 7)}`;
      out.push(line);
    });
  }
  return out;
}

/** reportText renders a report (or a diff report) as text. */
export function reportText(r: GoroutineReport): string {
  const out: string[] = [];
  if (r.diff) {
    out.push(...diffText(r));
    const changed = r.groups.filter((g) => g.growth !== 0);
    out.push('', changed.length === 0 ? 'No group changed.' : `GROUPS THAT CHANGED (${changed.length} of ${r.groups.length}), largest growth first`);
    for (const g of changed) out.push('', ...groupText(g));
    return out.join('\n') + '\n';
  }
  out.push(`${plural(r.total, 'goroutine')} in ${plural(r.groups.length, 'group')} (${describeSource(r.source)})`);
  if (r.source.headline !== '' && r.source.format === 'debug=2') out.push(r.source.headline);
  const summary = stateSummary(r);
  if (summary.length > 0) out.push('', ...summary);
  for (const g of r.groups) out.push('', ...groupText(g));
  return out.join('\n') + '\n';
}
