// Results into tables: each value goes to the table of its configuration
// and unit, the row and column its projections give, and each cell is
// summarized and compared with the first column of its row; the last row
// is the geomean of each column and of its ratios to the baseline.

import type { BenchResult, UnitMetadataMap } from './parse.js';
import { unitMetadata } from './parse.js';
import { nonSingularFields, sortKeys, type Key, type Projection } from './projection.js';
import { comparisonFor, geomean, summaryFor, type Assumption, type Comparison, type Summary } from './summary.js';

/** TableCell is the sample of one row and column, its summary, and its comparison with the row's baseline cell. */
interface TableCell {
  /** The values in ascending order. */
  readonly values: readonly number[];
  /** Warnings about the sample itself (results that vary in a hidden key). */
  readonly sampleWarnings: readonly string[];
  readonly summary: Summary;
  readonly baseline: TableCell | null;
  readonly comparison: Comparison | null;
}

/** ColumnSummary is the geomean row's cell of one column. */
interface ColumnSummary {
  readonly summary: number | null;
  readonly ratio: number | null;
  readonly warnings: readonly string[];
}

/** Table is one unit's comparison for one table key. */
export interface Table {
  readonly unit: string;
  readonly assumption: Assumption;
  readonly rows: readonly Key[];
  readonly cols: readonly Key[];
  /** cell finds the cell of a row and a column, if any result landed there. */
  cell(row: Key, col: Key): TableCell | undefined;
  /** Column summaries, parallel to cols. */
  readonly summaries: readonly ColumnSummary[];
}

/** Tables are the tables in order, with their keys (whose last field is .unit). */
export interface Tables {
  readonly tables: readonly Table[];
  readonly keys: readonly Key[];
}

/** Projections are the four projections of one command line. */
interface Projections {
  readonly table: Projection;
  readonly row: Projection;
  readonly col: Projection;
  readonly residue: Projection;
}

interface RawCell {
  values: number[];
  residue: Set<Key>;
}

interface RawTable {
  rows: Set<Key>;
  cols: Set<Key>;
  cells: Map<Key, Map<Key, RawCell>>;
}

/** TableBuilder collects results into tables. */
export class TableBuilder {
  private readonly tables = new Map<Key, RawTable>();

  constructor(private readonly proj: Projections) {
    const fields = proj.table.fields();
    if (fields[fields.length - 1]?.name !== '.unit') throw new Error('the table projection needs a .unit field');
  }

  /** add files every value of a result. */
  add(r: BenchResult): void {
    const tableKeys = this.proj.table.projectValues(r);
    const row = this.proj.row.project(r);
    const col = this.proj.col.project(r);
    const residue = this.proj.residue.project(r);
    tableKeys.forEach((tk, i) => {
      let t = this.tables.get(tk);
      if (!t) {
        t = { rows: new Set(), cols: new Set(), cells: new Map() };
        this.tables.set(tk, t);
      }
      let byCol = t.cells.get(row);
      if (!byCol) {
        byCol = new Map();
        t.cells.set(row, byCol);
      }
      let c = byCol.get(col);
      if (!c) {
        c = { values: [], residue: new Set() };
        byCol.set(col, c);
        t.rows.add(row);
        t.cols.add(col);
      }
      c.values.push(r.values[i].value);
      c.residue.add(residue);
    });
  }

  /** finish summarizes every cell and column. */
  finish(opts: { confidence: number; alpha: number; units: UnitMetadataMap }): Tables {
    const keys = sortKeys([...this.tables.keys()]);
    const unitField = this.proj.table.unitField!;
    const tables = keys.map((k) => {
      const raw = this.tables.get(k)!;
      const unit = k.get(unitField);
      const assumption: Assumption = unitMetadata(opts.units, unit, 'assume')?.value === 'exact' ? 'exact' : 'nothing';
      const rows = sortKeys([...raw.rows]);
      const cols = sortKeys([...raw.cols]);
      const base = cols[0];
      const sorted = new Map<RawCell, number[]>();
      for (const byCol of raw.cells.values()) for (const c of byCol.values()) sorted.set(c, [...c.values].sort(compareFloats));
      const cells = new Map<Key, Map<Key, TableCell>>();
      const summaryOf = new Map<RawCell, Summary>();
      const summarizeRaw = (c: RawCell) => {
        let s = summaryOf.get(c);
        if (!s) {
          s = summaryFor(assumption, sorted.get(c)!, opts.confidence);
          summaryOf.set(c, s);
        }
        return s;
      };
      const built = new Map<RawCell, TableCell>();
      const build = (row: Key, col: Key, c: RawCell): TableCell => {
        const have = built.get(c);
        if (have) return have;
        const values = sorted.get(c)!;
        const baseRaw = col !== base ? raw.cells.get(row)?.get(base) : undefined;
        const baseline = baseRaw ? build(row, base, baseRaw) : null;
        const sampleWarnings: string[] = [];
        const vary = nonSingularFields(sortKeys([...c.residue]));
        if (vary.length > 0) sampleWarnings.push(`benchmarks vary in ${vary.map((f) => f.name).join(', ')}`);
        const cell: TableCell = {
          values,
          sampleWarnings,
          summary: summarizeRaw(c),
          baseline,
          comparison: baseline ? comparisonFor(assumption, baseline.values, values, opts.alpha) : null,
        };
        built.set(c, cell);
        return cell;
      };
      for (const [row, byCol] of raw.cells) {
        const out = new Map<Key, TableCell>();
        for (const [col, c] of byCol) out.set(col, build(row, col, c));
        cells.set(row, out);
      }
      const cell = (row: Key, col: Key) => cells.get(row)?.get(col);
      const nBase = rows.filter((r) => cell(r, base)).length;
      const summaries = cols.map((col, i) => summarizeColumn(rows, (r) => cell(r, col), nBase, i === 0));
      return { unit, assumption, rows, cols, cell, summaries };
    });
    return { tables, keys };
  }
}

/** compareFloats sorts as Go's sort.Float64s: NaN first, then ascending. */
function compareFloats(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a - b;
}

/**
 * summarizeColumn is the geomean of a column's centers and of its ratios to
 * the baseline (the geomean of ratios, which stays meaningful when the
 * benchmark sets differ; a warning says when they do).
 */
function summarizeColumn(rows: readonly Key[], cellOf: (row: Key) => TableCell | undefined, nBase: number, isBase: boolean): ColumnSummary {
  const centers: number[] = [];
  const ratios: number[] = [];
  let badRatio = false;
  for (const row of rows) {
    const c = cellOf(row);
    if (!c) continue;
    centers.push(c.summary.center);
    if (c.baseline) {
      const a = c.summary.center;
      const b = c.baseline.summary.center;
      if (a === b) ratios.push(1); // 0/0 counts as no change
      else if (b === 0) {
        badRatio = true;
        ratios.push(0); // keeps the count of paired cells right
      } else ratios.push(a / b);
    }
  }
  const warnings: string[] = [];
  if (!isBase && nBase !== ratios.length) warnings.push('benchmark set differs from baseline; geomeans may not be comparable');
  let summary: number | null = geomean(centers);
  if (Number.isNaN(summary)) {
    warnings.push('summaries must be >0 to compute geomean');
    summary = null;
  }
  let ratio: number | null = null;
  if (!isBase && !badRatio) {
    ratio = geomean(ratios);
    if (Number.isNaN(ratio)) {
      warnings.push('ratios must be >0 to compute geomean');
      ratio = null;
    }
  }
  return { summary, ratio, warnings };
}
