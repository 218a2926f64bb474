// What a report produced: text, text in pieces (reports with a line per
// sample, which may not fit in memory as one string), or binary data.

/** ReportOutput is what a command produced. */
export type ReportOutput =
  | { kind: 'text'; text: string }
  /**
   * Reports that can exceed memory (one line per sample) are written piece
   * by piece; iterating chunks again produces the text again.
   */
  | { kind: 'stream'; chunks: Iterable<string> }
  | { kind: 'binary'; data: Uint8Array; gzip: boolean };

/** outputText joins any text output into one string (for tests and small outputs). */
export function outputText(out: ReportOutput): string {
  if (out.kind === 'text') return out.text;
  if (out.kind === 'stream') return [...out.chunks].join('');
  throw new Error('binary report output has no text');
}
