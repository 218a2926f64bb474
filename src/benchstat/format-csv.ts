// The CSV form of the tables (-format csv): unscaled values at full
// precision, one header row per column key field, and the warnings on
// standard error, each prefixed with the spreadsheet cell it belongs to (B6: …).

import { formatShortest, formatSignedFixed } from './gofmt.js';
import { formatComparison, formatDelta, formatRange } from './summary.js';
import type { Table, Tables } from './tables.js';
import { forEachTable } from './format-text.js';
import { isSpace } from './text.js';

/** csvField quotes a field as Go's encoding/csv does: when it holds a comma, quote, CR or LF, or starts with a space. */
function csvField(f: string): string {
  if (f === '') return f;
  const needs = f === '\\.' || /[,"\r\n]/.test(f) || isSpace(String.fromCodePoint(f.codePointAt(0)!));
  return needs ? `"${f.replace(/"/g, '""')}"` : f;
}

/** cellName is the spreadsheet name of a 0-based column and a 1-based row: A1, B6, AA3. */
function cellName(col: number, row: number): string {
  // As benchstat names them: base 26 with A as the zero digit (so 26 is BA).
  let name = '';
  for (let x = col; x > 0; x = Math.floor(x / 26)) name = String.fromCharCode(65 + (x % 26)) + name;
  return (name || 'A') + row;
}

const LABEL_COLS = 1;
const CENTER_COLS = 2;
const DELTA_COLS = 2;

function startCol(exp: number): number {
  return exp === 0 ? LABEL_COLS : LABEL_COLS + CENTER_COLS + (exp - 1) * (CENTER_COLS + DELTA_COLS);
}

/** tableCsv writes one table's rows; startRow is the 1-based row of its first line, for the warnings' cell names. */
function tableCsv(t: Table, startRow: number, emitRow: (fields: string[]) => void, warnings: (line: string) => void): number {
  let rows = 0;
  let row: string[] = [];
  const clearTo = (col: number) => {
    while (row.length < col) row.push('');
  };
  const emit = () => {
    emitRow(row);
    row = [];
    rows++;
  };
  const warn = (msgs: readonly string[]) => {
    for (const m of msgs) warnings(`${cellName(row.length, startRow + rows)}: ${m}`);
  };
  for (const f of t.cols[0].proj.flattened()) {
    t.cols.forEach((key, exp) => {
      clearTo(startCol(exp));
      row.push(key.get(f));
    });
    clearTo(startCol(t.cols.length));
    emit();
  }
  t.cols.forEach((_, exp) => {
    clearTo(startCol(exp));
    row.push(t.unit, 'CI');
    if (exp > 0) row.push('vs base', 'P');
  });
  emit();
  for (const rk of t.rows) {
    row.push(rk.stringValues());
    t.cols.forEach((ck, exp) => {
      const cell = t.cell(rk, ck);
      if (!cell) return;
      clearTo(startCol(exp));
      warn(cell.sampleWarnings);
      warn(cell.summary.warnings);
      row.push(formatShortest(cell.summary.center), formatRange(cell.summary));
      if (exp > 0 && cell.baseline && cell.comparison) {
        warn(cell.comparison.warnings);
        row.push(formatDelta(cell.comparison, cell.baseline.summary.center, cell.summary.center), formatComparison(cell.comparison));
      }
    });
    emit();
  }
  row.push('geomean');
  t.cols.forEach((_, exp) => {
    const s = t.summaries[exp];
    clearTo(startCol(exp));
    warn(s.warnings);
    if (s.summary !== null) row.push(formatShortest(s.summary));
    if (exp > 0) {
      clearTo(startCol(exp) + CENTER_COLS);
      row.push(s.ratio !== null ? `${formatSignedFixed((s.ratio - 1) * 100, 2)}%` : '?');
    }
  });
  clearTo(startCol(t.cols.length));
  emit();
  return rows;
}

/** formatCsv is -format csv: the CSV text, and the warning lines for standard error. */
export function formatCsv(t: Tables): { csv: string; warnings: string[] } {
  let csv = '';
  const warnings: string[] = [];
  const write = (fields: string[]) => {
    csv += fields.map(csvField).join(',') + '\n';
  };
  let row = 1;
  forEachTable(t, (line) => {
    write([line]);
    row++;
  }, (table) => {
    row += tableCsv(table, row, write, (l) => warnings.push(l));
  });
  return { csv, warnings };
}
