// Regular expressions with Go's (RE2's) guarantees: leftmost-first submatches
// in time linear in the input, so hostile lines cannot make backtracking explode.

// Short inputs use the native engine, which gives the same submatches for
// this syntax; long ones a Pike VM (Thompson NFA with submatch tracking).

// Supported syntax, shared by both engines: literals, escaped punctuation,
// \t \n \f \r, [...] classes with ranges and ^, (...), (?:...), |, greedy
// * + ?, and the anchors ^ and $ (whole input). No "." (JS and Go disagree
// on \r), no \d \s \w (their JS meanings are wider than Go's).

type Node =
  | { k: 'char'; ranges: number[]; negate: boolean }
  | { k: 'cat'; parts: Node[] }
  | { k: 'alt'; left: Node; right: Node }
  | { k: 'rep'; min: 0 | 1; max: 1 | typeof Infinity; body: Node }
  | { k: 'group'; index: number; body: Node }
  | { k: 'bol' }
  | { k: 'eol' };

const ESCAPES: Record<string, number> = { t: 9, n: 10, f: 12, r: 13 };

class Parser {
  private i = 0;
  groups = 0;

  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i !== this.src.length) throw new Error(`regexp: unexpected ${this.src[this.i]} in ${this.src}`);
    return n;
  }

  private alternation(): Node {
    let left = this.sequence();
    while (this.src[this.i] === '|') {
      this.i++;
      left = { k: 'alt', left, right: this.sequence() };
    }
    return left;
  }

  private sequence(): Node {
    const parts: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      let atom = this.atom();
      const q = this.src[this.i];
      if (q === '*' || q === '+' || q === '?') {
        this.i++;
        if (this.src[this.i] === '?') throw new Error('regexp: lazy quantifiers are not supported');
        atom = { k: 'rep', min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity, body: atom };
      }
      parts.push(atom);
    }
    return { k: 'cat', parts };
  }

  private escaped(): number {
    const c = this.src[this.i++];
    if (c === undefined) throw new Error('regexp: trailing backslash');
    if (c in ESCAPES) return ESCAPES[c];
    if (/[A-Za-z0-9]/.test(c)) throw new Error(`regexp: unsupported escape \\${c}`);
    return c.charCodeAt(0);
  }

  private atom(): Node {
    const c = this.src[this.i++];
    switch (c) {
      case '^':
        return { k: 'bol' };
      case '$':
        return { k: 'eol' };
      case '.':
        throw new Error('regexp: use an explicit class instead of "."');
      case '(': {
        let index = -1;
        if (this.src.startsWith('?:', this.i)) this.i += 2;
        else index = ++this.groups;
        const body = this.alternation();
        if (this.src[this.i++] !== ')') throw new Error('regexp: missing )');
        return index < 0 ? body : { k: 'group', index, body };
      }
      case '[':
        return this.charClass();
      case '\\': {
        const code = this.escaped();
        return { k: 'char', ranges: [code, code], negate: false };
      }
      default: {
        const code = c.charCodeAt(0);
        return { k: 'char', ranges: [code, code], negate: false };
      }
    }
  }

  private charClass(): Node {
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const ranges: number[] = [];
    while (this.src[this.i] !== ']') {
      if (this.i >= this.src.length) throw new Error('regexp: missing ]');
      const lo = this.classChar();
      let hi = lo;
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        this.i++;
        hi = this.classChar();
      }
      ranges.push(lo, hi);
    }
    this.i++;
    return { k: 'char', ranges, negate };
  }

  private classChar(): number {
    const c = this.src[this.i++];
    return c === '\\' ? this.escaped() : c.charCodeAt(0);
  }
}

// Pike VM instructions.
const CHAR = 0;
const SPLIT = 1; // try x first, then y
const JMP = 2;
const SAVE = 3;
const BOL = 4;
const EOL = 5;
const MATCH = 6;

interface Inst {
  op: number;
  x: number;
  y: number;
  ranges: number[];
  negate: boolean;
}

function inst(op: number, x = 0, y = 0, ranges: number[] = [], negate = false): Inst {
  return { op, x, y, ranges, negate };
}

function compile(n: Node, prog: Inst[]): void {
  switch (n.k) {
    case 'char':
      prog.push(inst(CHAR, 0, 0, n.ranges, n.negate));
      return;
    case 'bol':
      prog.push(inst(BOL));
      return;
    case 'eol':
      prog.push(inst(EOL));
      return;
    case 'cat':
      for (const p of n.parts) compile(p, prog);
      return;
    case 'group':
      prog.push(inst(SAVE, 2 * n.index));
      compile(n.body, prog);
      prog.push(inst(SAVE, 2 * n.index + 1));
      return;
    case 'alt': {
      const split = inst(SPLIT, prog.length + 1);
      prog.push(split);
      compile(n.left, prog);
      const jmp = inst(JMP);
      prog.push(jmp);
      split.y = prog.length;
      compile(n.right, prog);
      jmp.x = prog.length;
      return;
    }
    case 'rep': {
      if (n.min === 1) {
        // body; SPLIT back-to-body, out
        const top = prog.length;
        compile(n.body, prog);
        prog.push(inst(SPLIT, top, prog.length + 1));
        return;
      }
      const at = prog.length;
      const split = inst(SPLIT, at + 1);
      prog.push(split);
      compile(n.body, prog);
      if (n.max === Infinity) prog.push(inst(JMP, at));
      split.y = prog.length;
      return;
    }
  }
}

function matches(ins: Inst, c: number): boolean {
  const r = ins.ranges;
  let hit = false;
  for (let i = 0; i < r.length && !hit; i += 2) hit = c >= r[i] && c <= r[i + 1];
  return hit !== ins.negate;
}

interface Thread {
  pc: number;
  caps: number[];
}

/** GoRegExp is a regular expression with Go's match semantics and linear-time worst case. */
export class GoRegExp {
  private readonly native: RegExp;
  private readonly prog: Inst[] = [];
  private readonly nCaps: number;

  /**
   * @param source pattern in the supported subset
   * @param nativeSafe tells whether an input is small enough for the
   *   native engine's worst case (default: at most 1024 characters)
   */
  constructor(readonly source: string, private readonly nativeSafe: (s: string) => boolean = (s) => s.length <= 1024) {
    const parser = new Parser(source);
    const root = parser.parse();
    this.nCaps = 2 * (parser.groups + 1);
    this.prog.push(inst(SAVE, 0));
    compile(root, this.prog);
    this.prog.push(inst(SAVE, 1), inst(MATCH));
    this.native = new RegExp(source);
  }

  /** exec returns [match, group1, …] (undefined for groups that did not take part), or null. */
  exec(s: string): (string | undefined)[] | null {
    if (this.nativeSafe(s)) {
      const m = this.native.exec(s);
      return m ? [...m] : null;
    }
    return this.pike(s);
  }

  /** test tells whether the pattern occurs in s. */
  test(s: string): boolean {
    return this.exec(s) !== null;
  }

  /** pike runs the linear-time engine regardless of input length (exported for tests). */
  pike(s: string): (string | undefined)[] | null {
    const prog = this.prog;
    const mark = new Int32Array(prog.length);
    let stamp = 1;
    const add = (list: Thread[], pc: number, caps: number[], pos: number): void => {
      if (mark[pc] === stamp) return;
      mark[pc] = stamp;
      const ins = prog[pc];
      switch (ins.op) {
        case JMP:
          add(list, ins.x, caps, pos);
          return;
        case SPLIT:
          add(list, ins.x, caps, pos);
          add(list, ins.y, caps, pos);
          return;
        case SAVE: {
          const c = caps.slice();
          c[ins.x] = pos;
          add(list, pc + 1, c, pos);
          return;
        }
        case BOL:
          if (pos === 0) add(list, pc + 1, caps, pos);
          return;
        case EOL:
          if (pos === s.length) add(list, pc + 1, caps, pos);
          return;
        default:
          list.push({ pc, caps });
      }
    };
    const fresh = (): number[] => new Array<number>(this.nCaps).fill(-1);
    let matched: number[] | null = null;
    let clist: Thread[] = [];
    add(clist, 0, fresh(), 0);
    for (let pos = 0; clist.length > 0 || matched === null; pos++) {
      stamp++;
      const nlist: Thread[] = [];
      const c = pos < s.length ? s.charCodeAt(pos) : -1;
      for (const t of clist) {
        const ins = prog[t.pc];
        if (ins.op === MATCH) {
          // Lower-priority threads can no longer win.
          matched = t.caps;
          break;
        }
        if (c >= 0 && matches(ins, c)) add(nlist, t.pc + 1, t.caps, pos + 1);
      }
      if (pos >= s.length) break;
      if (matched === null) add(nlist, 0, fresh(), pos + 1);
      clist = nlist;
    }
    if (matched === null) return null;
    const out: (string | undefined)[] = [];
    for (let g = 0; g < this.nCaps; g += 2) {
      out.push(matched[g] >= 0 && matched[g + 1] >= 0 ? s.slice(matched[g], matched[g + 1]) : undefined);
    }
    return out;
  }
}
