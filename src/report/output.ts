// What a report produced: text, text in pieces (reports with a line per
// sample, which may not fit in memory as one string), or binary data.

/** ReportOutput is what a command produced. */
export type ReportOutput =
  | { kind: 'text'; text: string }
  /**
   * Reports that can exceed memory (one line per sample) are written piece
   * by piece; iterating chunks again produces the text again. A chunk of
   * UTF-8 bytes is valid only until the next one is taken (its buffer is
   * reused): a consumer that keeps it copies it.
   */
  | { kind: 'stream'; chunks: Iterable<string | Uint8Array> }
  | { kind: 'binary'; data: Uint8Array; gzip: boolean };

/** outputText joins any text output into one string (for tests and small outputs). */
export function outputText(out: ReportOutput): string {
  if (out.kind === 'text') return out.text;
  if (out.kind === 'stream') {
    // Decoded as they come: a chunk of bytes is valid only until the next
    // is taken, and may end inside a character.
    const d = new TextDecoder();
    const parts: string[] = [];
    for (const c of out.chunks) parts.push(typeof c === 'string' ? c : d.decode(c, { stream: true }));
    return parts.join('') + d.decode();
  }
  throw new Error('binary report output has no text');
}
