// Text sources cut into lines without holding the whole text: a string, or
// chunks (strings or UTF-8 bytes) from a file stream, a fetch body, a generator.

/**
 * TextSource is a whole text, or a sequence of chunks of it. Chunks are cut
 * anywhere (not on line ends); bytes are decoded as UTF-8.
 */
export type TextSource = string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * LineSplitter turns chunks into lines: push chunks, then end(). Each line
 * goes to the callback without its `\n` (or `\r\n`). Lines are slices of
 * the chunk (V8 keeps the chunk alive while a slice lives), so a caller that
 * keeps a line for long should copy it (see detachString).
 */
class LineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly onLine: (line: string) => void) {}

  /** push adds a chunk of text or bytes. */
  push(chunk: string | Uint8Array): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const buf = this.rest === '' ? text : this.rest + text;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(buf.slice(start, end));
      start = nl + 1;
    }
    this.rest = start === 0 ? buf : buf.slice(start);
  }

  /** end flushes the last line (one without a final newline). */
  end(): void {
    const tail = this.rest + this.decoder.decode();
    this.rest = '';
    if (tail !== '') this.onLine(tail.endsWith('\r') ? tail.slice(0, -1) : tail);
  }
}

/** forEachLine calls fn with each line of src, in order. */
export async function forEachLine(src: TextSource, fn: (line: string) => void): Promise<void> {
  const splitter = new LineSplitter(fn);
  if (typeof src === 'string') {
    splitter.push(src);
  } else if (Symbol.asyncIterator in src) {
    for await (const chunk of src as AsyncIterable<string | Uint8Array>) splitter.push(chunk);
  } else {
    for (const chunk of src as Iterable<string | Uint8Array>) splitter.push(chunk);
  }
  splitter.end();
}

/**
 * detachString returns a copy of s that shares no memory with the text it
 * was cut from, so that keeping it does not keep a whole chunk alive.
 */
export function detachString(s: string): string {
  return s.length < 16 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
