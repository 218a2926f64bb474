// Character classes as Go's unicode package defines them, for the readers
// of benchmark files and queries (Go's IsSpace is Unicode White_Space,
// which JavaScript's \s is not: \s takes U+FEFF and leaves out U+0085).

const SPACE = /^\p{White_Space}$/u;
const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;
const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

/** isSpace is Go's unicode.IsSpace for one character (a code point). */
export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || SPACE.test(ch);
}

/** isLower is Go's unicode.IsLower. */
export function isLower(ch: string): boolean {
  return ch >= 'a' && ch <= 'z' ? true : ch < '\x80' ? false : LOWER.test(ch);
}

/** isUpper is Go's unicode.IsUpper. */
export function isUpper(ch: string): boolean {
  return ch >= 'A' && ch <= 'Z' ? true : ch < '\x80' ? false : UPPER.test(ch);
}

/** isGraphic is Go's unicode.IsGraphic (letters, marks, numbers, punctuation, symbols, spaces). */
export function isGraphic(ch: string): boolean {
  return GRAPHIC.test(ch);
}

/** runeCount is the number of code points in s (Go's utf8.RuneCountInString), the width the tables use. */
export function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** utf8Length is the number of bytes s takes in UTF-8. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * splitField is benchfmt's field splitter: the run of non-space characters
 * at the start of s, and the rest after the spaces that follow it.
 */
export function splitField(s: string): [field: string, rest: string] {
  let i = 0;
  let rest = '';
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (isSpace(ch)) {
      rest = s.slice(i + ch.length);
      break;
    }
    i += ch.length;
  }
  const field = s.slice(0, i);
  let j = 0;
  while (j < rest.length) {
    const ch = String.fromCodePoint(rest.codePointAt(j)!);
    if (!isSpace(ch)) break;
    j += ch.length;
  }
  return [field, rest.slice(j)];
}

/** goQuote is Go's strconv.Quote for the printable text of messages (JSON's escaping, which agrees on it). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
