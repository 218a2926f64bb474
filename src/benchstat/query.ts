// The syntax of benchstat's -filter and -row/-col/-table/-ignore
// arguments (golang.org/x/perf/benchproc/syntax): key:value terms joined
// by AND, OR, '-' and parentheses; comma- or space-separated keys with
// optional sort orders (@alpha, @num, @(v1 v2)).

import { goQuote, isGraphic, isSpace } from './text.js';

/** QuerySyntaxError is a bad query, with the offset (in characters) where it went wrong. */
export class QuerySyntaxError extends Error {
  constructor(readonly query: string, readonly offset: number, readonly msg: string) {
    super(`syntax error: ${msg}`);
  }

  /** oneLine is the error with the query and a caret position, on one line. */
  oneLine(): string {
    let col = 0;
    let i = 0;
    for (const ch of this.query) {
      if (i >= this.offset) break;
      if (isGraphic(ch)) col++;
      i += ch.length;
    }
    return `syntax error: ${this.msg} (at column ${col + 1} of ${goQuote(this.query)})`;
  }
}

/** FilterMatch is key:value or key:/regexp/. */
export interface FilterMatch {
  kind: 'match';
  key: string;
  lit?: string;
  regexp?: RegExp;
  off: number;
}

/** FilterOp combines filters; an AND of nothing is `*` (everything). */
interface FilterOp {
  kind: 'and' | 'or' | 'not';
  exprs: FilterExpr[];
}

/** FilterExpr is a parsed -filter expression. */
export type FilterExpr = FilterMatch | FilterOp;

/** ProjectionField is one key of a projection and its sort order ("first" is the order values were seen in). */
export interface ProjectionField {
  key: string;
  order: string;
  fixed: string[];
  keyOff: number;
  orderOff: number;
}

type TokKind = 'A' | 'O' | 'w' | 'q' | 'r' | '(' | ')' | ':' | '@' | ',' | '-' | '*' | '';

interface Tok {
  kind: TokKind;
  off: number;
  tok: string;
  regexp?: RegExp;
}

const isOp = (ch: string) => ch === '(' || ch === ')' || ch === ':' || ch === '@' || ch === ',';
const isStartOp = (ch: string) => isOp(ch) || ch === '-' || ch === '*';

/** Tokens reads one query; the first error sticks, and everything after it reads as the end. */
class Tokens {
  err: QuerySyntaxError | null = null;
  constructor(readonly q: string) {}

  private fail(at: number, msg: string): Tok {
    if (!this.err) this.err = new QuerySyntaxError(this.q, at, msg);
    return { kind: '', off: this.q.length, tok: '' };
  }

  /** error records msg at pos. */
  error(pos: number, msg: string): void {
    this.fail(pos, msg);
  }

  /** next reads the token at pos; values may be /regexps/. Returns the token and the position after it. */
  next(pos: number, allowRegexp: boolean): [Tok, number] {
    if (this.err) return [{ kind: '', off: this.q.length, tok: '' }, this.q.length];
    const q = this.q;
    while (pos < q.length) {
      const ch = String.fromCodePoint(q.codePointAt(pos)!);
      if (isStartOp(ch)) return [{ kind: ch as TokKind, off: pos, tok: ch }, pos + 1];
      if (isSpace(ch)) {
        pos += ch.length;
        continue;
      }
      if (allowRegexp && ch === '/') return this.regexp(pos);
      if (ch === '"') return this.quoted(pos);
      return this.bare(pos);
    }
    return [{ kind: '', off: pos, tok: '' }, pos];
  }

  private quoted(pos: number): [Tok, number] {
    const q = this.q;
    let end = pos + 1;
    while (end < q.length && (q[end] !== '"' || q[end - 1] === '\\')) end++;
    if (end === q.length) return [this.fail(pos, 'missing end quote'), q.length];
    let word: string;
    try {
      word = JSON.parse(q.slice(pos, end + 1)) as string;
    } catch {
      return [this.fail(pos, 'bad escape sequence'), q.length];
    }
    return [{ kind: 'q', off: pos, tok: word }, end + 1];
  }

  private bare(pos: number): [Tok, number] {
    const q = this.q;
    let end = pos;
    while (end < q.length) {
      const ch = String.fromCodePoint(q.codePointAt(end)!);
      if (isSpace(ch) || isOp(ch)) break;
      end += ch.length;
    }
    const word = q.slice(pos, end);
    const kind: TokKind = word === 'AND' ? 'A' : word === 'OR' ? 'O' : 'w';
    return [{ kind, off: pos, tok: word }, end];
  }

  private regexp(pos: number): [Tok, number] {
    const q = this.q;
    // Find the closing '/', outside brackets and parentheses, skipping escapes.
    let brackets = 0;
    let parens = 0;
    let i = pos + 1;
    let close = -1;
    while (i < q.length) {
      if (brackets === 0 && parens === 0 && q[i] === '/') {
        close = i;
        break;
      }
      const c = q[i];
      if (c === '[') brackets++;
      else if (c === ']') brackets = Math.max(0, brackets - 1);
      else if (c === '(' && brackets === 0) parens++;
      else if (c === ')' && brackets === 0) parens--;
      else if (c === '\\') i++;
      i++;
    }
    if (close < 0) return [this.fail(pos, 'missing close "/"'), q.length];
    const expr = q.slice(pos + 1, close);
    let re: RegExp;
    try {
      re = new RegExp(expr, 'u');
    } catch {
      try {
        re = new RegExp(expr);
      } catch (e) {
        return [this.fail(pos, `error parsing regexp: ${(e as Error).message}`), q.length];
      }
    }
    const after = close + 1;
    if (after < q.length) {
      const ch = String.fromCodePoint(q.codePointAt(after)!);
      if (!isSpace(ch) && !isStartOp(ch)) return [this.fail(after, 'regexp must be followed by space or an operator (unescaped "/"?)'), q.length];
    }
    return [{ kind: 'r', off: pos, tok: expr, regexp: re }, after];
  }

  /** end checks that nothing but spaces is left at pos. */
  end(pos: number): void {
    const [t] = this.next(pos, false);
    if (t.kind !== '') this.error(pos, `unexpected ${goQuote(t.tok)}`);
  }
}

/** parseFilter parses a -filter expression; it throws QuerySyntaxError. */
export function parseFilter(q: string): FilterExpr {
  const toks = new Tokens(q);
  const [expr, pos] = orExpr(toks, 0);
  toks.end(pos);
  if (toks.err) throw toks.err;
  return expr;
}

function orExpr(toks: Tokens, pos: number): [FilterExpr, number] {
  const terms: FilterExpr[] = [];
  for (;;) {
    let t: FilterExpr;
    [t, pos] = andExpr(toks, pos);
    terms.push(t);
    const [op, after] = toks.next(pos, false);
    if (op.kind !== 'O') break;
    pos = after;
  }
  return [terms.length === 1 ? terms[0] : { kind: 'or', exprs: terms }, pos];
}

function andExpr(toks: Tokens, pos: number): [FilterExpr, number] {
  let t: FilterExpr;
  [t, pos] = matchExpr(toks, pos);
  const terms = [t];
  for (;;) {
    const [op, after] = toks.next(pos, false);
    if (op.kind === 'A') {
      pos = after;
      continue;
    }
    if (op.kind === '(' || op.kind === '-' || op.kind === '*' || op.kind === 'w' || op.kind === 'q') {
      [t, pos] = matchExpr(toks, pos);
      terms.push(t);
      continue;
    }
    if (op.kind === ')' || op.kind === 'O' || op.kind === '') break;
    toks.error(pos, `unexpected ${goQuote(op.tok)}`);
    return [{ kind: 'and', exprs: [] }, toks.q.length];
  }
  return [terms.length === 1 ? terms[0] : { kind: 'and', exprs: terms }, pos];
}

const NOTHING: FilterExpr = { kind: 'and', exprs: [] };

function matchExpr(toks: Tokens, start: number): [FilterExpr, number] {
  const [t, rest] = toks.next(start, false);
  switch (t.kind) {
    case '(': {
      const [e, pos] = orExpr(toks, rest);
      const [close, after] = toks.next(pos, false);
      if (close.kind !== ')') {
        toks.error(pos, 'missing ")"');
        return [NOTHING, toks.q.length];
      }
      return [e, after];
    }
    case '-': {
      const [e, pos] = matchExpr(toks, rest);
      return [{ kind: 'not', exprs: [e] }, pos];
    }
    case '*':
      return [{ kind: 'and', exprs: [] }, rest];
    case 'w': case 'q': {
      const [colon, afterColon] = toks.next(rest, false);
      if (colon.kind !== ':') {
        toks.error(start, 'expected key:value');
        return [NOTHING, toks.q.length];
      }
      let [val, pos] = toks.next(afterColon, true);
      if (val.kind === 'w' || val.kind === 'q' || val.kind === 'r') return [mkMatch(t, val), pos];
      if (val.kind !== '(') {
        toks.error(start, 'expected key:value');
        return [NOTHING, toks.q.length];
      }
      const terms: FilterExpr[] = [];
      for (;;) {
        let after: number;
        [val, after] = toks.next(pos, true);
        if (val.kind !== 'w' && val.kind !== 'q' && val.kind !== 'r') {
          toks.error(pos, 'expected value');
          return [NOTHING, toks.q.length];
        }
        terms.push(mkMatch(t, val));
        pos = after;
        [val, after] = toks.next(pos, true);
        if (val.kind === ')') return [{ kind: 'or', exprs: terms }, after];
        if (val.kind !== 'O') {
          toks.error(pos, 'value list must be separated by OR');
          return [NOTHING, toks.q.length];
        }
        pos = after;
      }
    }
  }
  toks.error(start, 'expected key:value or subexpression');
  return [NOTHING, toks.q.length];
}

function mkMatch(key: Tok, val: Tok): FilterMatch {
  return val.kind === 'r' ? { kind: 'match', key: key.tok, regexp: val.regexp, off: key.off } : { kind: 'match', key: key.tok, lit: val.tok, off: key.off };
}

/** parseProjection parses a -row/-col/-table/-ignore list of keys; it throws QuerySyntaxError. */
export function parseProjection(q: string): ProjectionField[] {
  const toks = new Tokens(q);
  const fields: ProjectionField[] = [];
  let pos = 0;
  for (;;) {
    const [t, after] = toks.next(pos, false);
    if (t.kind === '') break;
    if (t.kind === ',' && fields.length > 0) pos = after;
    let f: ProjectionField;
    [f, pos] = projectionField(toks, pos);
    fields.push(f);
  }
  toks.end(pos);
  if (toks.err) throw toks.err;
  return fields;
}

function projectionField(toks: Tokens, pos: number): [ProjectionField, number] {
  const f: ProjectionField = { key: '', order: 'first', fixed: [], keyOff: 0, orderOff: 0 };
  const [key, afterKey] = toks.next(pos, false);
  if (key.kind !== 'w' && key.kind !== 'q') {
    toks.error(pos, 'expected key');
    return [f, toks.q.length];
  }
  pos = afterKey;
  f.key = key.tok;
  f.keyOff = key.off;
  f.orderOff = key.off + key.tok.length;
  const [at, afterAt] = toks.next(pos, false);
  if (at.kind !== '@') return [f, pos];
  pos = afterAt;
  const [order, afterOrder] = toks.next(pos, false);
  f.orderOff = order.off;
  if (order.kind === 'w' || order.kind === 'q') {
    f.order = order.tok;
    return [f, afterOrder];
  }
  if (order.kind !== '(') {
    toks.error(pos, 'expected named sort order or parenthesized list');
    return [f, toks.q.length];
  }
  f.order = 'fixed';
  pos = afterOrder;
  for (;;) {
    const [t, after] = toks.next(pos, false);
    if (t.kind === 'w' || t.kind === 'q') {
      f.fixed.push(t.tok);
      pos = after;
    } else if (t.kind === ')') {
      if (f.fixed.length === 0) {
        toks.error(pos, 'nothing to match');
        return [f, toks.q.length];
      }
      return [f, after];
    } else {
      toks.error(pos, 'missing )');
      return [f, toks.q.length];
    }
  }
}
