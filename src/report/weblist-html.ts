// The -weblist page: the listing of weblist.ts as one self-contained HTML
// file. Each source line shows its weights; clicking a line with code
// unfolds its instructions. The text columns are laid out as pprof lays
// them out, so the numbers read (and compare) the same.

import { padLeft } from '../units/go-format.js';
import type { ObjTool, SourceReader } from '../ports.js';
import { profileLabels, type Report } from './report.js';
import { makeWebList, type WebListData, type WebListLine } from './weblist.js';

/** escapeHtml escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
}

const STYLE = `
body { font-family: ui-sans-serif, system-ui, sans-serif; margin: 1em 2em; color: #222; }
.legend { font-size: 90%; color: #444; margin-bottom: 1em; line-height: 1.4; }
h2 { font-size: 110%; margin: 1.5em 0 0.2em; }
.filename { margin: 0 0 0.4em; color: #666; font-family: ui-monospace, monospace; }
pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; background: #fafafa;
  border: 1px solid #e4e4e4; padding: 0.5em; overflow-x: auto; }
.line { color: #999; }
.nop { color: #777; }
.deadsrc { color: #222; }
.livesrc { color: #000; cursor: pointer; }
.livesrc:hover { background: #eef3ff; }
.asm { display: none; color: #335; background: #f0f0f8; }
.asm.open { display: inline; }
.inlinesrc { color: #066; }
.unimportant { color: #999; }
`;

// Clicking a source line with instructions shows or hides them.
const SCRIPT = `
document.addEventListener('click', function (e) {
  var line = e.target.closest && e.target.closest('.livesrc');
  if (!line) return;
  var asm = line.nextElementSibling;
  if (asm && asm.classList.contains('asm')) asm.classList.toggle('open');
});
`;

function hex(a: bigint): string {
  return a.toString(16);
}

function lineHtml(l: WebListLine): string {
  const out: string[] = [];
  out.push(`\n<span class=line> ${padLeft(String(l.line), 6)}</span> `);
  out.push(`<span class=${l.htmlClass}>  ${padLeft(l.flat, 10)} ${padLeft(l.cum, 10)} ${' '.repeat(8)}  ${escapeHtml(l.srcLine)} </span>`);
  if (l.instructions.length > 0) {
    out.push('<span class=asm>');
    for (const i of l.instructions) {
      if (i.newBlock) out.push(` ${' '.repeat(8)} ${padLeft('⋮', 28)}\n`);
      for (const c of i.inlinedCalls) {
        out.push(` ${' '.repeat(8)} ${' '.repeat(10)} ${' '.repeat(10)} ${' '.repeat(8)}  `);
        out.push(`<span class=inlinesrc>${escapeHtml(c.srcLine)}</span> <span class=unimportant>${escapeHtml(c.fileBase)}:${c.line}</span>\n`);
      }
      if (!i.synthetic) {
        out.push(` ${' '.repeat(8)} ${padLeft(i.flat, 10)} ${padLeft(i.cum, 10)} ${padLeft(hex(i.address), 8)}: ${escapeHtml(i.disasm)} `);
        out.push(`<span class=unimportant>${escapeHtml(i.fileLine)}</span>\n`);
      }
    }
    out.push('</span>');
  }
  return out.join('');
}

/** webListHtml renders listing data as a standalone page; legend lines go on top. */
export function webListHtml(data: WebListData, title: string, legend: string[]): string {
  const out: string[] = [
    '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n',
    `<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n<script>${SCRIPT}</script>\n</head>\n<body>\n`,
    `<div class="legend">${legend.map(escapeHtml).join('<br>\n')}<br>Total: ${escapeHtml(data.total)}</div>`,
  ];
  for (const file of data.files) {
    for (const fn of file) {
      out.push(`<h2>${escapeHtml(fn.name)}</h2><p class="filename">${escapeHtml(fn.file)}</p>\n<pre>\n`);
      out.push(`  Total:  ${padLeft(fn.flat, 10)} ${padLeft(fn.cum, 10)} (flat, cum) ${fn.percent}`);
      for (const l of fn.lines) out.push(lineHtml(l));
      out.push('\n</pre>\n');
    }
  }
  out.push('\n</body>\n</html>\n');
  return out.join('');
}

/** printWebList renders the -weblist report (an HTML page). */
export function printWebList(rpt: Report, obj: ObjTool, reader: SourceReader, warn: (line: string) => void): string {
  const data = makeWebList(rpt, obj, reader, warn);
  return webListHtml(data, rpt.options.title, profileLabels(rpt));
}
