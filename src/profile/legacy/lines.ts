// Line-oriented reading of legacy text profiles with Go's rules: bufio.Scanner
// line splitting (and its 64 KiB line limit), TrimSpace and comment lines.

import { ProfileError } from '../errors.js';
import { decodeUtf8 } from '../utf8.js';

/** MAX_LINE_BYTES is bufio.Scanner's default token limit: longer lines fail. */
export const MAX_LINE_BYTES = 64 * 1024;

/** TOO_LONG_MESSAGE is the error text Go reports for an over-long line. */
const TOO_LONG_MESSAGE = 'bufio.Scanner: token too long';

/**
 * LineScanner walks the lines of a byte buffer as Go's bufio.Scanner does
 * with ScanLines: a trailing "\r" is dropped, a final unterminated line is
 * still a line, and a line of MAX_LINE_BYTES or more stops the scan with an
 * error. After scan() returns false, `text` is "".
 */
export class LineScanner {
  private pos: number;
  private current = '';
  private failure: ProfileError | null = null;
  private finished = false;

  constructor(private readonly data: Uint8Array, start = 0) {
    this.pos = start;
  }

  /** scan advances to the next line and tells whether there was one. */
  scan(): boolean {
    this.current = '';
    if (this.finished) return false;
    const data = this.data;
    if (this.pos >= data.length) {
      this.finished = true;
      return false;
    }
    const window = data.subarray(this.pos, Math.min(data.length, this.pos + MAX_LINE_BYTES + 1));
    const rel = window.indexOf(0x0a);
    const end = rel < 0 ? data.length : this.pos + rel;
    if (end - this.pos >= MAX_LINE_BYTES) {
      this.failure = new ProfileError('too-large', TOO_LONG_MESSAGE);
      this.finished = true;
      return false;
    }
    let stop = end;
    if (stop > this.pos && data[stop - 1] === 0x0d) stop--;
    this.current = decodeUtf8(data, this.pos, stop);
    this.pos = rel < 0 ? data.length : end + 1;
    return true;
  }

  /** text is the line found by the last successful scan(). */
  get text(): string {
    return this.current;
  }

  /** err is the error that stopped the scan, if any (EOF is not one). */
  get err(): ProfileError | null {
    return this.failure;
  }

  /** throwIfFailed rethrows the scan error, as the Go code's s.Err() checks do. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

// Go's unicode.IsSpace: ASCII \t \n \v \f \r and space, plus U+0085, U+00A0
// and the Unicode Zs/line/paragraph separators (JS's trim() also strips
// U+FEFF, which Go keeps).
function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** goTrimSpace is strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** isSpaceOrComment tells whether a line is blank or starts with "#". */
export function isSpaceOrComment(line: string): boolean {
  const t = goTrimSpace(line);
  return t.length === 0 || t[0] === '#';
}

/** decodeText turns a whole byte range into a string (UTF-8, lenient). */
export function decodeText(data: Uint8Array, start = 0, end = data.length): string {
  return start >= end ? '' : decodeUtf8(data, start, end);
}
