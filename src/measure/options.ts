// `gotune measure` options: the one Options type of the measure layer and
// the parser of its command line, with a clear message for each bad value.

import { readFileSync } from 'node:fs';

/** PROFILE_KINDS are the captures --profiles can name, in capture order. */
export const PROFILE_KINDS = ['cpu', 'heap', 'allocs', 'goroutine', 'block', 'mutex'] as const;

/** ProfileKind is one of PROFILE_KINDS. */
export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** MeasureOptions configures a measurement run. */
export interface MeasureOptions {
  /** The URL the load is driven at. */
  target: string;
  method: string;
  headers: [string, string][];
  body: Buffer | null;
  /** The service's /debug/pprof address, '' for load only. */
  pprof: string;
  /** Measurement window of each repetition, whole seconds (CPU profiles take whole seconds). */
  durationSeconds: number;
  /** Unmeasured load before the first repetition, in seconds. */
  warmupSeconds: number;
  /** Connections: the most requests in flight. */
  concurrency: number;
  /** Requests per second (open loop); 0 for closed loop. */
  rate: number;
  repeat: number;
  profiles: ProfileKind[];
  /** Run directory; '' chooses runs/<date>-<time>. */
  out: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** https target: skip certificate verification. */
  insecure: boolean;
}

/** MeasureUsageError is a bad command line (exit status 2). */
export class MeasureUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeasureUsageError';
  }
}

/** MeasureHelp is thrown for -h/--help. */
export class MeasureHelp extends Error {}

/** MEASURE_USAGE is the help text of `gotune measure -h`. */
export const MEASURE_USAGE = `usage: gotune measure --target URL [--pprof URL] [flags]

Drives a repeatable HTTP load at a service, captures its profiles while it
is under that load, and keeps everything as a run directory (run.json and
the profiles) for the later steps; prints a summary table.

  --target URL       the endpoint to load, e.g. http://127.0.0.1:8080/work?iters=2000
  --pprof URL        the service's /debug/pprof address (host:port will do);
                     without it only the load's figures are measured
  --duration D       measurement window of each repetition (default 30s; whole seconds)
  --warmup D         unmeasured load before the first repetition (default 5s)
  --concurrency N    connections, i.e. requests in flight at most (default 16)
  --rate N           open loop: N requests per second, timed from when each was
                     due (default: closed loop, each connection as fast as answered)
  --repeat N         repetitions, for statistics in the verify step (default 1)
  --profiles LIST    any of cpu,heap,allocs,goroutine,block,mutex (default all), or none
  --out DIR          run directory (default runs/<date>-<time>); must not exist or be empty
  --timeout D        a request without an answer after D is a timeout (default 10s)
  --method M         HTTP method (default GET)
  -H, --header 'K: V'  a request header (repeatable)
  --body TEXT|@FILE  a request body
  --insecure         https target: do not verify its certificate
`;

/** parseSeconds reads Go-style durations (`30s`, `1m30s`, `500ms`; a bare number is seconds). */
export function parseSeconds(s: string): number | null {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  let rest = s;
  if (rest === '') return null;
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * unit[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

function positiveInt(flag: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new MeasureUsageError(`invalid value "${v}" for ${flag}: want a whole number of at least ${min}`);
  return Number(v);
}

function duration(flag: string, v: string): number {
  const s = parseSeconds(v);
  if (s === null) throw new MeasureUsageError(`invalid value "${v}" for ${flag}: want a duration such as 30s, 1m or 500ms`);
  return s;
}

function checkUrl(flag: string, v: string, schemes: string[]): void {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new MeasureUsageError(`invalid value "${v}" for ${flag}: not a URL (want ${schemes[0]}//host:port/path)`);
  }
  if (!schemes.includes(u.protocol)) throw new MeasureUsageError(`invalid value "${v}" for ${flag}: the scheme must be ${schemes.map((s) => s.slice(0, -1)).join(' or ')}`);
}

/** parseMeasureArgs turns argv into options; throws MeasureUsageError or MeasureHelp. */
export function parseMeasureArgs(argv: string[]): MeasureOptions {
  const o: MeasureOptions = {
    target: '', method: 'GET', headers: [], body: null, pprof: '', durationSeconds: 30, warmupSeconds: 5,
    concurrency: 16, rate: 0, repeat: 1, profiles: [...PROFILE_KINDS], out: '', timeoutMs: 10_000, insecure: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (a === '-h' || a === '--help' || a === '-help') throw new MeasureHelp();
    if (!a.startsWith('-')) throw new MeasureUsageError(`unexpected argument "${a}" (the target is given with --target)`);
    let value: string | undefined;
    const eq = a.indexOf('=');
    if (eq > 0) {
      value = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const name = a.replace(/^--?/, '');
    if (name === 'insecure') {
      o.insecure = true;
      continue;
    }
    const known = ['target', 'pprof', 'duration', 'warmup', 'concurrency', 'c', 'rate', 'repeat', 'profiles', 'out', 'o', 'timeout', 'method', 'header', 'H', 'body'];
    if (!known.includes(name)) throw new MeasureUsageError(`unknown flag ${a}`);
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new MeasureUsageError(`flag ${a} needs a value`);
      value = argv[++i];
    }
    switch (name) {
      case 'target': o.target = value; break;
      case 'pprof': o.pprof = value; break;
      case 'duration': {
        const s = duration(a, value);
        if (s < 1 || !Number.isInteger(s)) throw new MeasureUsageError(`invalid value "${value}" for ${a}: want whole seconds, at least 1s (the CPU profile handler takes whole seconds)`);
        o.durationSeconds = s;
        break;
      }
      case 'warmup': o.warmupSeconds = duration(a, value); break;
      case 'concurrency': case 'c': o.concurrency = positiveInt(a, value, 1); break;
      case 'rate': o.rate = positiveInt(a, value, 1); break;
      case 'repeat': o.repeat = positiveInt(a, value, 1); break;
      case 'profiles': o.profiles = parseProfiles(value); break;
      case 'out': case 'o': o.out = value; break;
      case 'timeout': {
        const s = duration(a, value);
        if (s <= 0) throw new MeasureUsageError(`invalid value "${value}" for ${a}: want a positive duration`);
        o.timeoutMs = s * 1000;
        break;
      }
      case 'method': o.method = value.toUpperCase(); break;
      case 'header': case 'H': {
        const colon = value.indexOf(':');
        if (colon <= 0) throw new MeasureUsageError(`invalid value "${value}" for ${a}: want 'Name: value'`);
        o.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
        break;
      }
      case 'body':
        if (value.startsWith('@')) {
          try {
            o.body = readFileSync(value.slice(1));
          } catch (e) {
            throw new MeasureUsageError(`--body ${value}: ${(e as Error).message}`);
          }
        } else {
          o.body = Buffer.from(value, 'utf8');
        }
        break;
    }
  }
  if (o.target === '') throw new MeasureUsageError('--target is required (the URL to load, e.g. http://127.0.0.1:8080/work)');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(o.target)) o.target = 'http://' + o.target;
  checkUrl('--target', o.target, ['http:', 'https:']);
  if (o.pprof === '' && o.profiles.length > 0 && argv.some((a) => a.startsWith('--profiles'))) {
    throw new MeasureUsageError('--profiles needs --pprof (the service\'s /debug/pprof address)');
  }
  if (!/^[A-Z]+$/.test(o.method)) throw new MeasureUsageError(`invalid value "${o.method}" for --method`);
  return o;
}

function parseProfiles(v: string): ProfileKind[] {
  if (v === 'none' || v === '') return [];
  const out: ProfileKind[] = [];
  for (const p of v.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const k = p === 'profile' ? 'cpu' : p;
    if (!(PROFILE_KINDS as readonly string[]).includes(k)) {
      throw new MeasureUsageError(`unknown profile "${p}" in --profiles: want any of ${PROFILE_KINDS.join(',')}, or none`);
    }
    if (!out.includes(k as ProfileKind)) out.push(k as ProfileKind);
  }
  return PROFILE_KINDS.filter((k) => out.includes(k));
}
