// Go (RE2) regular expressions in JavaScript: pprof's options take Go
// syntax; this translates the constructs that differ and rejects the ones
// JavaScript cannot express, with a one-line error.

import { UserError } from '../user-error.js';

/** RegexpError is an invalid regular expression given by the user. */
export class RegexpError extends UserError {
  constructor(message: string) {
    super(message, 2);
  }
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-/:-@[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * translateGoRegexp rewrites RE2 syntax into JavaScript syntax and returns
 * the source and flags; it throws RegexpError for what it cannot map.
 */
function translateGoRegexp(src: string): { source: string; flags: string } {
  let flags = '';
  let s = src;
  // Leading flag groups such as (?i) or (?is) become RegExp flags.
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(s);
    if (!m) break;
    for (const f of m[1]) {
      if (f === 'U') throw new RegexpError('the (?U) flag is not supported');
      if (!flags.includes(f)) flags += f;
    }
    s = s.slice(m[0].length);
  }
  let out = '';
  let inClass = false;
  let unicode = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const n = s[i + 1];
      if (n === undefined) throw new RegexpError('trailing backslash at end of expression');
      if (n === 'Q') {
        const end = s.indexOf('\\E', i + 2);
        const lit = end < 0 ? s.slice(i + 2) : s.slice(i + 2, end);
        out += escapeLiteral(lit);
        i = end < 0 ? s.length : end + 1;
        continue;
      }
      if (!inClass && n === 'A') {
        out += '(?<![\\s\\S])';
        i++;
        continue;
      }
      if (!inClass && n === 'z') {
        out += '(?![\\s\\S])';
        i++;
        continue;
      }
      if (n === 'p' || n === 'P') unicode = true;
      if (/[1-9]/.test(n) && !inClass) throw new RegexpError(`invalid escape sequence: \\${n}`);
      out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && s[i + 1] === ':') {
        const end = s.indexOf(':]', i + 2);
        if (end > 0) {
          let name = s.slice(i + 2, end);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const cls = POSIX[name];
          if (!cls) throw new RegexpError(`invalid character class range: [:${name}:]`);
          if (neg) throw new RegexpError(`negated POSIX class [:^${name}:] is not supported`);
          out += cls;
          i = end + 1;
          continue;
        }
      }
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A leading ] or ^] is literal in RE2.
      if (s[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (s[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && s.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (c === '(' && s[i + 1] === '?' && !/^\(\?(:|<[A-Za-z])/.test(s.slice(i))) {
      throw new RegexpError(`unsupported group syntax: ${s.slice(i, i + 4)}`);
    }
    out += c === '/' ? '\\/' : c;
  }
  if (unicode) flags += 'u';
  return { source: out, flags };
}

// JavaScript's syntax errors, in the words Go's regexp package uses.
const GO_WORDING: [RegExp, string][] = [
  [/^Unterminated group$/, 'missing closing )'],
  [/^Unmatched '\)'$/, 'unexpected )'],
  [/^Unterminated character class$/, 'missing closing ]'],
  [/^Nothing to repeat$/, 'missing argument to repetition operator'],
  [/^\\ at end of pattern$/, 'trailing backslash at end of expression'],
  [/^Invalid group$/, 'invalid or unsupported Perl syntax'],
  [/^numbers out of order in \{\} quantifier$/, 'invalid repeat count'],
  [/^Range out of order in character class$/, 'invalid character class range'],
];

/** compileGoRegexp compiles a Go regexp; `what` names it in errors. */
export function compileGoRegexp(src: string, what = 'regexp'): RegExp {
  try {
    const { source, flags } = translateGoRegexp(src);
    return new RegExp(source, flags);
  } catch (e) {
    let msg = e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : String(e);
    for (const [re, go] of GO_WORDING) if (re.test(msg)) msg = go;
    throw new RegexpError(`invalid ${what} ${JSON.stringify(src)}: ${msg}`);
  }
}
