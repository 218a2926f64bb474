// The line grammar of Go tracebacks: debug=2 dumps, SIGQUIT and panic output
// (runtime/traceback.go: goroutineheader, traceback2, printcreatedby1).

import { parseLabelMap } from './goquote.js';

/** Header is a parsed `goroutine N [state, …]:` line. */
interface Header {
  id: number;
  state: string;
  waitMinutes: number;
  lockedToThread: boolean;
  labels: [string, string][];
  /** Details inside the brackets that gotune does not know (a newer Go?). */
  unknownDetails: string[];
}

// `goroutine 7 [chan receive]:`; with GOTRACEBACK=system or a crash also
// `goroutine 7 gp=0xc000007a40 m=3 mp=0xc000100008 [running]:` (Go 1.23+).
const SYSTEM_RE = /^ gp=0x[0-9a-f]+ m=(?:\d+|nil)(?: mp=0x[0-9a-f]+)?$/;

/** readUint reads the decimal digits of s[from, to) as a number, or -1 when there are none or other characters. */
function readUint(s: string, from: number, to: number): number {
  if (from >= to) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** readHex reads the hex digits of s[from, to), or -1. */
function readHex(s: string, from: number, to: number): number {
  if (from >= to) return -1;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return -1;
  }
  return parseInt(s.slice(from, to), 16);
}

/**
 * parseHeader reads a goroutine header line, or returns null. Inside the
 * brackets Go prints the state (with ` (scan)` while the GC scans it,
 * ` (leaked)`, ` (durable)`), then `, N minutes`, `, locked to thread`,
 * `, synctest bubble N`, and in Go 1.26 with GODEBUG=tracebacklabels=1
 * ` labels:{"k": "v"}`.
 */
export function parseHeader(line: string): Header | null {
  // Hand-written rather than one regexp: this runs once per goroutine.
  const n = line.length;
  if (!line.startsWith('goroutine ') || line.charCodeAt(n - 1) !== 58 || line.charCodeAt(n - 2) !== 93) return null;
  let i = 10;
  while (i < n && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  const id = readUint(line, 10, i);
  const open = line.indexOf(' [', i);
  if (id < 0 || open < 0 || (open !== i && !SYSTEM_RE.test(line.slice(i, open)))) return null;
  let end = n - 2;
  const h: Header = { id, state: '', waitMinutes: 0, lockedToThread: false, labels: [], unknownDetails: [] };
  const li = line.indexOf(' labels:{', open);
  if (li >= 0) {
    const parsed = parseLabelMap(line, li + ' labels:'.length);
    if (parsed && parsed.end === end) {
      h.labels = parsed.labels;
      end = li;
    }
  }
  // The state, then `, detail` parts.
  let comma = line.indexOf(', ', open);
  if (comma < 0 || comma > end) comma = end;
  h.state = line.slice(open + 2, comma);
  if (h.state.endsWith(' (scan)')) h.state = h.state.slice(0, -7);
  while (comma < end) {
    let next = line.indexOf(', ', comma + 2);
    if (next < 0 || next > end) next = end;
    const minutes = line.startsWith(' minutes', next - 8) ? readUint(line, comma + 2, next - 8) : -1;
    if (minutes >= 0) h.waitMinutes = minutes;
    else {
      const p = line.slice(comma + 2, next);
      if (p === 'locked to thread') h.lockedToThread = true;
      else if (!/^synctest bubble \d+$/.test(p)) h.unknownDetails.push(p);
    }
    comma = next;
  }
  return h;
}

/** CallLine is a parsed frame line `pkg.fn(args)` (its file line follows). */
interface CallLine {
  func: string;
  args: string;
}

// Arguments print as hex words with `?` (maybe dead), `{…}` aggregates,
// `...` (inlined, or too many) and `_` (offset too large); old Go printed
// plain hex words. Anything else in the parentheses is not a frame.
const ARGS_RE = /^[0-9a-fA-Fx?{}, ._]*$/;

/** parseCallLine reads `name(args)` lines, or returns null. */
export function parseCallLine(line: string): CallLine | null {
  if (line.length < 3 || line.charCodeAt(line.length - 1) !== 41 /* ) */) return null;
  const c0 = line.charCodeAt(0);
  if (c0 === 32 || c0 === 9) return null;
  const open = line.lastIndexOf('(');
  if (open <= 0) return null;
  const args = line.slice(open + 1, line.length - 1);
  if (!ARGS_RE.test(args)) return null;
  return { func: line.slice(0, open), args };
}

/** FileLine is a parsed `\tfile:line +0xoff` line. */
interface FileLine {
  file: string;
  line: number;
  offset: number;
}

// GOTRACEBACK=system (and crashes) append ` fp=0x… sp=0x… pc=0x…`.
const FRAME_POINTERS_RE = /^ fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x[0-9a-f]+$/;

/** parseFileLine reads a frame's source position line (`\tfile:line +0xoff`), or returns null. */
export function parseFileLine(line: string): FileLine | null {
  if (line.charCodeAt(0) !== 9) return null;
  let end = line.length;
  let space = line.lastIndexOf(' ');
  if (space > 0 && line.startsWith(' pc=0x', space)) {
    const fp = line.lastIndexOf(' fp=0x', space);
    if (fp < 0 || !FRAME_POINTERS_RE.test(line.slice(fp))) return null;
    end = fp;
    space = line.lastIndexOf(' ', fp - 1);
  }
  let offset = -1;
  if (space > 0 && line.startsWith(' +0x', space)) {
    offset = readHex(line, space + 4, end);
    if (offset < 0) return null;
    end = space;
  }
  const colon = line.lastIndexOf(':', end);
  if (colon <= 1) return null;
  const num = readUint(line, colon + 1, end);
  if (num < 0) return null;
  return { file: line.slice(1, colon), line: num, offset };
}

/** parseCreatedBy reads `created by fn[ in goroutine N]`, or returns null. */
export function parseCreatedBy(line: string): { func: string; goid: number } | null {
  if (!line.startsWith('created by ') || line.length === 11 || line.charCodeAt(11) === 32) return null;
  const k = line.lastIndexOf(' in goroutine ');
  if (k > 11) {
    const goid = readUint(line, k + 14, line.length);
    if (goid >= 0) return { func: line.slice(11, k), goid };
  }
  return { func: line.slice(11), goid: -1 };
}

/**
 * parseElision reads the runtime's notes about frames it left out: the
 * count N of `...N frames elided...` (Go 1.21+, middle of the stack) or -1
 * for `...additional frames elided...` (older Go, end of the stack, and
 * ancestors); null for other lines.
 */
export function parseElision(line: string): number | null {
  if (!line.startsWith('...')) return null;
  if (line === '...additional frames elided...') return -1;
  const m = /^\.\.\.(\d+) frames elided\.\.\.$/.exec(line);
  return m ? Number(m[1]) : null;
}

/** parseAncestor reads `[originating from goroutine N]:`, or returns null. */
export function parseAncestor(line: string): number | null {
  const m = /^\[originating from goroutine (\d+)\]:$/.exec(line);
  return m ? Number(m[1]) : null;
}

/** STACK_UNAVAILABLE is the line Go prints for a goroutine running on another thread. */
export const STACK_UNAVAILABLE = '\tgoroutine running on other thread; stack unavailable';

/** parseNonGoFrame reads `non-Go function at pc=0x…` (cgo frames), or returns null. */
export function parseNonGoFrame(line: string): string | null {
  const m = /^non-Go function at pc=(0x[0-9a-f]+)$/.exec(line);
  return m ? m[1] : null;
}

/**
 * headlineKind classifies the lines a crash prints around the goroutines:
 * 'headline' for the line that says what happened (`panic: …`,
 * `fatal error: …`, `SIGQUIT: quit`), 'known' for other runtime output
 * (signal details, register dumps, `runtime stack:`, `exit status 2`),
 * null for lines that are not traceback output.
 */
export function headlineKind(line: string): 'headline' | 'known' | null {
  if (/^(?:panic: |fatal error: |SIG[A-Z0-9]+: )/.test(line)) return 'headline';
  if (/^\tpanic: /.test(line)) return 'known'; // a panic during a panic
  if (/^\[signal /.test(line)) return 'known';
  if (/^PC=0x[0-9a-f]+ m=\d+ sigcode=/.test(line)) return 'known';
  if (/^(?:signal arrived during cgo execution|runtime stack:)$/.test(line)) return 'known';
  if (/^(?:runtime|runtime\/cgo): /.test(line)) return 'known';
  if (/^[a-z][a-z0-9]{1,6} +0x[0-9a-f]+$/.test(line)) return 'known'; // a register: `rax    0x0`
  if (/^exit status \d+$/.test(line)) return 'known';
  return null;
}
