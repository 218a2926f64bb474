// A fixed-width text table as benchstat lays one out: cells placed by row
// and column, some spanning several columns; each column as wide as its
// widest cell plus the widest left margin in it; spanning cells widen the
// columns under them that may grow ("shrink" columns keep their width).

import { runeCount } from './text.js';

/** Align is how a cell's text sits in its width. */
type Align = 'left' | 'center' | 'right';

interface Cell {
  row: number;
  col: number;
  span: number;
  value: string;
  margin: string;
  align: Align;
}

/** CellOptions are a cell's alignment and left margin (default: one space, none in column 0 or for empty text). */
interface CellOptions {
  align?: Align;
  margin?: string;
}

/** pad is the padding Go's %*s gives an empty string: |n| spaces. */
function pad(n: number): string {
  return ' '.repeat(Math.abs(n));
}

/** TextTable builds a table cell by cell, left to right, top to bottom. */
export class TextTable {
  private readonly cells: Cell[] = [];
  private cols = 0;
  private readonly shrink: boolean[] = [];
  private curRow = 0;
  private curCol = 0;

  /** row starts a new row. */
  row(): this {
    if (this.cells.length > 0) this.curRow++;
    this.curCol = 0;
    return this;
  }

  /** col moves to column c of the current row (never back). */
  col(c: number): this {
    if (c < this.curCol) throw new Error(`cannot move from column ${this.curCol} to earlier column ${c}`);
    this.curCol = c;
    return this;
  }

  /** currentCol is the column the next cell goes to. */
  currentCol(): number {
    return this.curCol;
  }

  /** cell adds a one-column cell. */
  cell(value: string, opts: CellOptions = {}): this {
    return this.span(1, value, opts);
  }

  /** span adds a cell over cols columns. */
  span(cols: number, value: string, opts: CellOptions = {}): this {
    const margin = opts.margin ?? (this.curCol === 0 || value.length === 0 ? '' : ' ');
    this.cells.push({ row: this.curRow, col: this.curCol, span: cols, value, margin, align: opts.align ?? 'left' });
    this.curCol += cols;
    this.cols = Math.max(this.cols, this.curCol);
    return this;
  }

  /** setShrink marks a column that spanning cells must not widen. */
  setShrink(col: number, on: boolean): void {
    while (this.shrink.length < col + 1) this.shrink.push(false);
    this.shrink[col] = on;
  }

  /** format lays the table out; each line ends in "\n" and has no trailing spaces from empty cells. */
  format(): string {
    const margin = new Array<number>(this.cols).fill(0);
    for (const c of this.cells) margin[c.col] = Math.max(margin[c.col], runeCount(c.margin));
    const ws = new Array<number>(this.cols).fill(0);
    const bySpan = [...this.cells].sort((a, b) => a.span - b.span);
    for (const c of bySpan) {
      let w = runeCount(c.value) + margin[c.col];
      if (c.span === 1) {
        ws[c.col] = Math.max(ws[c.col], w);
        continue;
      }
      let total = 0;
      for (let i = c.col; i < c.col + c.span; i++) total += ws[i];
      if (total >= w) continue;
      // Grow the columns that may grow towards an even share, the widest first
      // so that columns already past the share give their excess to the others.
      const grow: number[] = [];
      for (let i = c.col; i < c.col + c.span; i++) {
        if (this.shrink[i]) w -= ws[i];
        else grow.push(i);
      }
      grow.sort((a, b) => ws[b] - ws[a]);
      let left = grow.length;
      for (const i of grow) {
        const avg = Math.floor((w + left - 1) / left);
        ws[i] = Math.max(ws[i], avg);
        w -= ws[i];
        left--;
      }
    }
    const offs: number[] = [];
    let off = 0;
    for (const w of ws) {
      offs.push(off);
      off += w;
    }
    offs.push(off);
    const ordered = [...this.cells].sort((a, b) => a.row - b.row || a.col - b.col);
    let out = '';
    let row = 0;
    let pos = 0;
    for (const c of ordered) {
      if (c.value.trim() === '' && c.margin.trim() === '') continue;
      while (c.row > row) {
        out += '\n';
        row++;
        pos = 0;
      }
      // Go prints these paddings with %*s, where a negative width pads to its
      // absolute value; the position is still counted as if it moved back.
      const spaces = offs[c.col] - pos;
      out += pad(spaces) + ' '.repeat(Math.max(0, margin[c.col] - runeCount(c.margin))) + c.margin;
      pos += spaces + margin[c.col];
      const width = offs[c.col + c.span] - offs[c.col] - margin[c.col];
      const len = runeCount(c.value);
      const text = c.align === 'center' ? pad(Math.trunc((width - len) / 2)) + c.value
        : c.align === 'right' ? ' '.repeat(Math.max(0, width - len)) + c.value : c.value;
      out += text;
      pos += runeCount(text);
    }
    if (this.cells.length > 0) out += '\n';
    return out;
  }
}
