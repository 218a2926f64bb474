// The text form of the tables: a header of the configuration that changed
// since the previous table, then per unit a box-headed table (column keys
// centred over their columns, the unit, "vs base"), a row per benchmark
// (median ± range, delta and p-value), the geomean row and the footnotes.

import { formatSignedFixed } from './gofmt.js';
import { keyHeader, type Key } from './projection.js';
import { formatComparison, formatDelta, formatRange } from './summary.js';
import type { Table, Tables } from './tables.js';
import { TextTable } from './text-table.js';
import { commonScale, formatScaled, scaleValue, unitClass } from './units.js';

/**
 * forEachTable calls header for each configuration line that changed since
 * the previous table (blank lines between tables) and body for each table.
 */
export function forEachTable(t: Tables, header: (line: string) => void, body: (table: Table) => void): void {
  if (t.tables.length === 0) return;
  const fields = t.keys[0].proj.flattened();
  let prev: Key | null = null;
  t.tables.forEach((table, i) => {
    if (i > 0) header('');
    const key = t.keys[i];
    for (const f of fields) {
      if (f.name === '.unit') continue;
      const v = key.get(f);
      if (prev === null || v !== prev.get(f)) header(`${f.name}: ${v}`);
    }
    prev = key;
    body(table);
  });
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** superscript writes a footnote number: ¹, ², … ¹⁰. */
function superscript(i: number): string {
  return String(i).split('').map((d) => SUPERSCRIPT[Number(d)]).join('');
}

/** Each logical column is the center (value, ±range, footnotes) and, after the first, the delta (change, p-value, footnotes). */
const LABEL_COLS = 1;
const CENTER_COLS = 3;
const DELTA_COLS = 3;

function startCol(exp: number): number {
  return exp === 0 ? LABEL_COLS : LABEL_COLS + CENTER_COLS + (exp - 1) * (CENTER_COLS + DELTA_COLS);
}

/** formatTableText renders one table and its footnotes. */
function formatTableText(t: Table): string {
  const o = new TextTable();
  const notes: string[] = [];
  const noteIndex = new Map<string, number>();
  const warn = (...lists: (readonly string[])[]) => {
    const marks: string[] = [];
    for (const list of lists) {
      for (const msg of list) {
        let i = noteIndex.get(msg);
        if (i === undefined) {
          i = notes.length;
          noteIndex.set(msg, i);
          notes.push(msg);
        }
        marks.push(superscript(i + 1));
      }
    }
    o.cell(marks.join(' '));
  };

  const rEdge = startCol(t.cols.length + 1);
  let level = keyHeader(t.cols);
  while (level.length > 0) {
    const next = [];
    o.row();
    for (const node of level) {
      const l = startCol(node.start);
      const r = startCol(node.start + node.len);
      o.col(l).span(r - l, node.value, { align: 'center', margin: ' │ ' });
      next.push(...node.children);
    }
    o.col(rEdge).cell('', { margin: ' │' });
    level = next;
  }

  o.row();
  t.cols.forEach((_, i) => {
    const l = startCol(i);
    o.col(l);
    o.span(CENTER_COLS, t.unit, { align: 'center', margin: ' │ ' });
    if (i > 0) o.span(DELTA_COLS, 'vs base', { align: 'left', margin: '  ' });
    for (let j = l + 1; j < o.currentCol(); j++) o.setShrink(j, true);
  });
  o.col(rEdge).cell('', { margin: ' │' });

  const cls = unitClass(t.unit);
  for (const row of t.rows) {
    o.row();
    o.cell(row.stringValues());
    const centers = t.cols.flatMap((c) => {
      const cell = t.cell(row, c);
      return cell ? [cell.summary.center] : [];
    });
    const scaler = commonScale(centers, cls);
    t.cols.forEach((col, exp) => {
      const cell = t.cell(row, col);
      if (!cell) return;
      o.col(startCol(exp));
      o.cell(formatScaled(scaler, cell.summary.center), { align: 'right' });
      // The ± sits in the margin, so the ±s line up and the geomean lines up with the values.
      o.cell(formatRange(cell.summary), { align: 'right', margin: ' ± ' });
      warn(cell.sampleWarnings, cell.summary.warnings);
      if (exp > 0 && cell.baseline && cell.comparison) {
        o.cell(formatDelta(cell.comparison, cell.baseline.summary.center, cell.summary.center), { align: 'right' });
        o.cell(`(${formatComparison(cell.comparison)})`);
        warn(cell.comparison.warnings);
      }
    });
  }

  if (t.rows.length > 1) {
    o.row();
    o.cell('geomean');
    t.cols.forEach((_, exp) => {
      const s = t.summaries[exp];
      if (s.summary !== null) {
        o.col(startCol(exp));
        o.cell(scaleValue(s.summary, cls), { align: 'right' });
      }
      if (exp > 0) {
        o.col(startCol(exp) + CENTER_COLS);
        if (s.ratio !== null) o.cell(`${formatSignedFixed((s.ratio - 1) * 100, 2)}%`, { align: 'right' });
        else o.cell('?');
      }
      o.col(startCol(exp + 1) - 1);
      warn(s.warnings);
    });
  }

  let out = o.format();
  notes.forEach((msg, i) => {
    out += `${superscript(i + 1)} ${msg}\n`;
  });
  return out;
}

/** formatText is benchstat's default output. */
export function formatText(t: Tables): string {
  let out = '';
  forEachTable(t, (line) => { out += `${line}\n`; }, (table) => { out += formatTableText(table); });
  return out;
}
