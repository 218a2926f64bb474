// A re-implementation of the parts of Go's text/tabwriter that pprof uses
// (right-aligned cells padded with spaces), so `-tags` lines up the same.

/** TabWriterOptions mirrors tabwriter.NewWriter's settings. */
interface TabWriterOptions {
  minWidth: number;
  padding: number;
  alignRight: boolean;
}

function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * tabwrite formats text whose cells are terminated by tabs: consecutive
 * lines that have a cell in the same column form a block, padded to the
 * block's widest cell plus padding. The text after a line's last tab is
 * written as is.
 */
export function tabwrite(text: string, o: TabWriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const lines = rawLines.map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = '';
      cells.forEach((c, j) => {
        const pad = j < widths.length ? Math.max(0, widths[j] - runeLength(c)) : 0;
        if (c === '') s += ' '.repeat(pad);
        else if (o.alignRight) s += ' '.repeat(pad) + c;
        else s += c + ' '.repeat(pad);
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = o.minWidth;
      for (; cur < line1; cur++) {
        const cells = lines[cur];
        if (column >= cells.length - 1) break;
        const w = runeLength(cells[column]) + o.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
      cur--; // the loop's increment re-examines the line that ended the block
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
