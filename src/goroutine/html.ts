// A standalone HTML page for a goroutine report or diff: one file, inline
// CSS, no scripts and no external resources; every text from the dump is escaped.

import { shortFile } from './frames.js';
import type { GoroutineReport, ReportGroup, ReportSite } from './model.js';

/** escapeHtml makes text safe inside HTML elements and quoted attributes. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

const CSS = `
:root { --fg:#1d2330; --muted:#667085; --line:#e4e7ec; --bg:#fff; --accent:#2e6fd8; --warn:#b54708; --bad:#c01048; --good:#067647; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
.muted { color: var(--muted); } code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: 8px; background: var(--accent); border-radius: 2px; vertical-align: middle; }
.warnings { border-left: 3px solid var(--warn); padding: 4px 12px; background: #fffaeb; }
.leak { border-left: 3px solid var(--bad); padding: 6px 12px; background: #fff1f3; margin: 6px 0; }
.group { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 10px 0; }
.group .head { display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; }
.count { font-size: 18px; font-weight: 650; } .grow { color: var(--bad); font-weight: 600; } .shrink { color: var(--good); font-weight: 600; }
.chip { background: #f2f4f7; border-radius: 10px; padding: 1px 8px; font-size: 12px; }
.stack { margin: 6px 0 0; } .stack td { border: 0; padding: 1px 8px; } .stack tr.top td:first-child { font-weight: 650; }
details summary { cursor: pointer; color: var(--muted); }
`;

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function chips(m: Record<string, number>): string {
  return Object.entries(m).map(([k, v]) => `<span class="chip">${e(k)} ×${v}</span>`).join(' ');
}

function at(pos: string | null): string {
  if (!pos) return '';
  const colon = pos.lastIndexOf(':');
  return `<span class="mono muted" title="${e(pos)}">${e(shortFile(pos.slice(0, colon)) + pos.slice(colon))}</span>`;
}

function stateTable(r: GoroutineReport): string {
  const rows = Object.entries(r.states);
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map(([, n]) => n));
  const body = rows.map(([s, n]) => `<tr><td>${e(s)}</td><td class="n">${n}</td>` +
    `<td class="n">${r.total ? ((100 * n) / r.total).toFixed(1) : '0'}%</td>` +
    `<td><span class="bar" style="width:${Math.max(1, Math.round((200 * n) / max))}px"></span></td></tr>`).join('');
  return `<h2>States</h2><table><tr><th>State</th><th class="n">Goroutines</th><th class="n">%</th><th></th></tr>${body}</table>`;
}

function groupHtml(g: ReportGroup, open: boolean): string {
  const count = g.growth !== undefined
    ? `<span class="count">${g.after}</span> <span class="${g.growth > 0 ? 'grow' : g.growth < 0 ? 'shrink' : 'muted'}">` +
      `${signed(g.growth)}</span> <span class="muted">(was ${g.before})</span>`
    : `<span class="count">${g.count}</span>`;
  const head = [count, chips(g.states)];
  if (g.waitHistogram) head.push(`<span class="muted">waiting</span> ${chips(g.waitHistogram)}`);
  if (g.lockedToThread > 0) head.push(`<span class="chip">${g.lockedToThread} locked to thread</span>`);
  if (g.truncated > 0) head.push(`<span class="chip">${g.truncated} cut off</span>`);
  const labels = Object.entries(g.labels).flatMap(([k, vs]) => Object.entries(vs).map(([v, n]) => `${k}=${v} ×${n}`));
  let topSeen = false;
  const rows = g.frames.map((f) => {
    const isTop = !topSeen && f.func === g.top;
    if (isTop) topSeen = true;
    const call = f.args === '' ? f.func : `${f.func}(${f.args})`;
    return `<tr${isTop ? ' class="top"' : ''}><td class="mono">${e(call)}</td><td>${at(f.file ? `${f.file}:${f.line}` : null)}</td></tr>`;
  }).join('');
  const created = g.createdBy
    ? `<tr><td class="mono muted">created by ${e(g.createdBy)}</td><td>${at(g.createdAt)}</td></tr>` : '';
  return `<div class="group"><div class="head">${head.join(' ')}</div>` +
    `<div>${g.top ? `waits in <code>${e(g.top)}</code> ${at(g.topAt)}` : ''}` +
    `${g.createdBy ? ` · created by <code>${e(g.createdBy)}</code>` : ''}</div>` +
    (labels.length > 0 ? `<div class="muted">labels: ${e(labels.join(', '))}</div>` : '') +
    `<details${open ? ' open' : ''}><summary>stack (${g.stack.length} frames)</summary>` +
    `<table class="stack">${rows}${created}</table></details></div>`;
}

function siteName(s: ReportSite): string {
  const name = s.kind === 'created' ? s.func : s.kind === 'entry' ? `${s.func} (entry function)` : '(no creator)';
  return `<code>${e(name)}</code> ${at(s.at)}`;
}

function diffHtml(r: GoroutineReport): string {
  const d = r.diff!;
  const parts: string[] = [];
  const leaks = d.sites.filter((s) => s.leak);
  if (!d.byId) {
    parts.push('<p class="warnings">The dumps carry no goroutine ids (debug=1 or profiles): growth is shown, ' +
      'but finished and new goroutines cannot be told apart. Use debug=2 dumps to find leaks.</p>');
  } else if (leaks.length === 0) {
    parts.push('<p>No creation site keeps starting goroutines that never finish.</p>');
  } else {
    parts.push('<h2>Leak: creation sites that keep starting goroutines that never finish</h2>');
    for (const s of leaks) {
      parts.push(`<div class="leak">${siteName(s)}<br>${s.before} → ${s.after} (<span class="grow">${signed(s.growth)}</span>): ` +
        `none of the ${s.before} earlier goroutines finished, ${s.spawned} new · ${chips(s.states)}</div>`);
    }
  }
  const rows = d.sites.filter((s) => s.growth !== 0 || (s.finished ?? 0) > 0).map((s) =>
    `<tr><td>${siteName(s)}</td><td class="n">${s.before}</td><td class="n">${s.after}</td>` +
    `<td class="n ${s.growth > 0 ? 'grow' : s.growth < 0 ? 'shrink' : ''}">${signed(s.growth)}</td>` +
    (d.byId ? `<td class="n">${s.finished}</td><td class="n">${s.spawned}</td>` : '') + '</tr>').join('');
  if (rows) {
    parts.push('<h2>Creation sites that changed</h2><table><tr><th>Site</th><th class="n">Before</th><th class="n">After</th>' +
      `<th class="n">Growth</th>${d.byId ? '<th class="n">Finished</th><th class="n">New</th>' : ''}</tr>${rows}</table>`);
  }
  return parts.join('\n');
}

/** reportHtml renders a report (or a diff report) as a self-contained HTML page. */
export function reportHtml(r: GoroutineReport): string {
  const title = r.diff ? `Goroutine diff: ${r.diff.before.name} → ${r.source.name}` : `Goroutines: ${r.source.name}`;
  const summary = r.diff
    ? `${r.diff.before.total} → ${r.total} goroutines (<span class="${r.diff.growth > 0 ? 'grow' : 'shrink'}">${signed(r.diff.growth)}</span>)` +
      (r.diff.intervalSeconds !== null ? ` over ${r.diff.intervalSeconds}s` : '')
    : `${r.total} goroutines in ${r.groups.length} groups`;
  const warnings = [...(r.diff?.before.warnings ?? []), ...r.source.warnings];
  const groups = r.diff ? r.groups.filter((g) => g.growth !== 0) : r.groups;
  const body = [
    `<h1>${e(title)}</h1>`,
    `<div class="muted">${summary} · ${e(r.source.format)} · grouped ${e(r.mode)}ly` +
      `${r.source.headline ? ` · <span class="mono">${e(r.source.headline)}</span>` : ''}</div>`,
    warnings.length > 0 ? `<div class="warnings"><ul>${warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul></div>` : '',
    r.diff ? diffHtml(r) : '',
    stateTable(r),
    `<h2>${r.diff ? `Groups that changed (${groups.length} of ${r.groups.length})` : 'Groups'}</h2>`,
    groups.map((g, i) => groupHtml(g, i < 10)).join('\n'),
    '<p class="muted">Made by gotune goroutines.</p>',
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${e(title)}</title><style>${CSS}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
