// `gotune goroutines`: group a goroutine dump (file, stdin or URL) by stack,
// or diff two snapshots for leaks; text, JSON, HTML or a goroutine profile out.

import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { HelpRequested, UsageError } from '../driver/goflags.js';
import { FetchError } from '../fetch/errors.js';
import { fileExists, fsMessage } from '../fetch/file.js';
import { gzip } from '../fetch/gzip.js';
import { fetchStream } from '../fetch/http.js';
import { type Analysis, type AnalyzeOptions, analyzeDump, analyzeProfile } from '../goroutine/analyze.js';
import { diffAnalyses } from '../goroutine/diff.js';
import type { GroupMode } from '../goroutine/group.js';
import { reportHtml } from '../goroutine/html.js';
import { buildDiffReport, buildReport, type GoroutineReport } from '../goroutine/model.js';
import { reportText } from '../goroutine/text.js';
import { ProfileCollector } from '../goroutine/to-profile.js';
import { encodeProfile } from '../profile/encode.js';
import { isProfileError } from '../profile/errors.js';
import { DEFAULT_MAX_DECOMPRESSED, isGzip, parseProfile } from '../profile/parse.js';
import type { CliIo } from './main.js';
import { setTimeout as sleep } from 'node:timers/promises';

const USAGE = `usage: gotune goroutines [flags] <dump | profile | URL>
       gotune goroutines --diff [flags] <old> <new>
       gotune goroutines --diff [--interval 10s] <URL>

Groups the goroutines of a dump by stack: counts, states, waits, creation
sites. Reads /debug/pprof/goroutine?debug=1 and ?debug=2 dumps, SIGQUIT and
panic tracebacks (Go 1.19 and later), and goroutine profiles (profile.proto).
A source is a file, "-" for standard input, or a URL (http://host:port
fetches /debug/pprof/goroutine?debug=2).

With --diff, compares two snapshots: which groups grew, and which creation
sites keep starting goroutines that never finish (a leak).

Flags:
  --format F      text (default), json, html, or proto (a goroutine profile
                  with state and wait labels, for gotune pprof)
  --group M       exact: stacks equal in every printed detail (default);
                  loose: ignore argument values and PC offsets (default with --diff)
  --diff          compare two snapshots
  --interval D    with --diff and one URL: time between the fetches (default 10s)
  --timeout D     for URLs: give up after D without an answer (default 30s)
  -o, --output F  write to file F instead of standard output
`;

/** Options is the parsed command line of `gotune goroutines`. */
interface Options {
  format: 'text' | 'json' | 'html' | 'proto';
  mode: GroupMode;
  diff: boolean;
  intervalMs: number;
  timeoutMs: number;
  output: string;
  sources: string[];
}

/** parseDuration reads Go-style durations (`10s`, `1m30s`, `500ms`; a bare number is seconds). */
export function parseDuration(s: string): number | null {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  let rest = s;
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) return null;
    ms += Number(m[1]) * unit[m[2]];
    rest = rest.slice(m[0].length);
  }
  return s === '' ? null : ms;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { format: 'text', mode: 'exact', diff: false, intervalMs: 10_000, timeoutMs: 30_000, output: '', sources: [] };
  let group: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) {
      o.sources.push(a);
      continue;
    }
    if (a === '--') {
      o.sources.push(...argv.slice(i + 1));
      break;
    }
    const eq = a.indexOf('=');
    const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
    const value = (): string => {
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    const duration = (): number => {
      const v = value();
      const ms = parseDuration(v);
      if (ms === null || ms <= 0) throw new UsageError(`--${name}: "${v}" is not a duration such as 10s or 1m`);
      return ms;
    };
    switch (name) {
      case 'format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'html' && f !== 'proto') {
          throw new UsageError(`--format: "${f}" is not one of text, json, html, proto`);
        }
        o.format = f;
        break;
      }
      case 'group':
        group = value();
        if (group !== 'exact' && group !== 'loose') throw new UsageError(`--group: "${group}" is not exact or loose`);
        break;
      case 'diff': o.diff = true; break;
      case 'interval': o.intervalMs = duration(); break;
      case 'timeout': o.timeoutMs = duration(); break;
      case 'o': case 'output': o.output = value(); break;
      case 'h': case 'help': throw new HelpRequested();
      default: throw new UsageError(`unknown flag ${a}`);
    }
  }
  // Argument values are mostly pointers, which differ from one snapshot to the next.
  o.mode = (group ?? (o.diff ? 'loose' : 'exact')) as GroupMode;
  if (o.sources.length === 0) throw new UsageError('no dump given');
  if (!o.diff && o.sources.length > 1) throw new UsageError('one dump at a time (or --diff old new)');
  if (o.diff && o.sources.length > 2) throw new UsageError('--diff compares two snapshots: old and new');
  if (o.diff && o.sources.length === 1 && !isUrl(o.sources[0])) {
    throw new UsageError('--diff needs two dumps, or one URL to fetch twice');
  }
  if (o.diff && o.format === 'proto') throw new UsageError('--format proto converts one dump; it does not apply to --diff');
  return o;
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s) || /^[\w.-]*:\d+(\/|$)/.test(s);
}

/** goroutineUrl completes a URL source: a bare host:port gets /debug/pprof/goroutine?debug=2. */
export function goroutineUrl(source: string): string {
  const u = new URL(/^https?:\/\//i.test(source) ? source : `http://${source}`);
  if (u.pathname === '/' && u.search === '') {
    u.pathname = '/debug/pprof/goroutine';
    u.search = '?debug=2';
  }
  return u.toString();
}

/** peek reads the first chunk of a stream and gives back a stream that still starts with it. */
async function peek(src: AsyncIterable<Uint8Array>): Promise<[Uint8Array, AsyncIterable<Uint8Array>]> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      let sentHead = first.done === true;
      return {
        next: async () => {
          if (!sentHead) {
            sentHead = true;
            return { done: false, value: head };
          }
          return it.next();
        },
      };
    },
  };
  return [head, rest];
}

function looksBinary(data: Uint8Array): boolean {
  for (let i = 0; i < Math.min(data.length, 512); i++) {
    const b = data[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20)) return true;
  }
  return false;
}

async function collect(src: AsyncIterable<Uint8Array>, max: number, name: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of src) {
    size += c.length;
    if (size > max) throw new FetchError(`${name}: profile larger than ${max} bytes`);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

interface Loaded {
  analysis: Analysis;
  name: string;
  profile?: ProfileCollector;
}

/** open returns the bytes of a source as a stream (a file, stdin or a URL). */
async function open(source: string, o: Options): Promise<{ name: string; body: AsyncIterable<Uint8Array> }> {
  if (source === '-') return { name: 'standard input', body: process.stdin };
  if (isUrl(source) && !fileExists(source)) {
    const url = goroutineUrl(source);
    return { name: url, body: await fetchStream(url, { timeoutMs: o.timeoutMs }) };
  }
  try {
    if (statSync(source).isDirectory()) throw new FetchError(`${source}: is a directory, not a dump`);
  } catch (e) {
    if (e instanceof FetchError) throw e;
    throw new FetchError(`${source}: ${fsMessage(e)}`);
  }
  return { name: source, body: createReadStream(source, { highWaterMark: 1 << 16 }) };
}

/** load reads and analyzes one source: text dumps stream, profiles are decoded whole. */
async function load(source: string, o: Options, wantProfile: boolean): Promise<Loaded> {
  const { name, body } = await open(source, o);
  try {
    return await analyzeSource(name, body, o, wantProfile);
  } catch (e) {
    // Name the input in errors of reading, decompressing and decoding it.
    if (isProfileError(e)) throw new FetchError(`${name}: ${e.message}`);
    const err = e as NodeJS.ErrnoException;
    if (!(e instanceof FetchError) && err && typeof err.code === 'string') throw new FetchError(`${name}: ${fsMessage(err)}`);
    throw e;
  }
}

async function analyzeSource(name: string, body: AsyncIterable<Uint8Array>, o: Options, wantProfile: boolean): Promise<Loaded> {
  let [head, rest] = await peek(body);
  if (isGzip(head)) {
    const gunzip = createGunzip();
    Readable.from(rest).on('error', (e) => gunzip.destroy(e)).pipe(gunzip);
    [head, rest] = await peek(gunzip);
  }
  const collector = wantProfile ? new ProfileCollector() : undefined;
  const opts: AnalyzeOptions = { mode: o.mode, collectIds: o.diff, onRecord: collector ? (r) => collector.add(r) : undefined };
  if (looksBinary(head)) {
    const p = parseProfile(await collect(rest, DEFAULT_MAX_DECOMPRESSED, name));
    if (!p.sampleTypes.some((t) => t.type === 'goroutine')) {
      throw new FetchError(`${name}: not a goroutine profile (its samples are ${p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ')})`);
    }
    return { analysis: analyzeProfile(p, opts), name, profile: collector };
  }
  return { analysis: await analyzeDump(rest, opts), name, profile: collector };
}

function warn(io: CliIo, l: Loaded): void {
  for (const w of l.analysis.info.warnings) io.stderr(`gotune goroutines: ${l.name}: ${w}`);
}

function checkParsed(l: Loaded): void {
  if (l.analysis.info.records > 0) return;
  const why = l.analysis.info.warnings[0];
  throw new FetchError(`${l.name}: no goroutines found${why ? `: ${why}` : ' (the input is empty)'}`);
}

function render(r: GoroutineReport, format: Options['format']): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format === 'html') return reportHtml(r);
  return reportText(r);
}

/** runGoroutines is `gotune goroutines`. */
export async function runGoroutines(argv: string[], io: CliIo): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      io.stdout(USAGE);
      return 0;
    }
    io.stderr(`gotune goroutines: ${(e as Error).message}`);
    io.stderr('run `gotune goroutines -h` for usage');
    return 2;
  }
  try {
    let out: string | Uint8Array;
    if (o.diff) {
      const [first, second] = o.sources;
      const before = await load(first, o, false);
      checkParsed(before);
      warn(io, before);
      let interval: number | null = null;
      if (second === undefined) {
        io.stderr(`gotune goroutines: fetched ${before.name}; fetching again in ${o.intervalMs / 1000}s`);
        await sleep(o.intervalMs);
        interval = o.intervalMs / 1000;
      }
      const after = await load(second ?? first, o, false);
      checkParsed(after);
      warn(io, after);
      const d = diffAnalyses(before.analysis, after.analysis);
      out = render(buildDiffReport(d, [before.name, after.name], interval), o.format);
    } else {
      const l = await load(o.sources[0], o, o.format === 'proto');
      checkParsed(l);
      warn(io, l);
      if (o.format === 'proto') {
        const timeNanos = isUrl(l.name) ? BigInt(Date.now()) * 1_000_000n : 0n;
        out = gzip(encodeProfile(l.profile!.build(timeNanos)));
        if (o.output === '' && io.isTerminal) throw new UsageError('--format proto writes binary data: redirect it or use -o FILE');
      } else {
        out = render(buildReport(l.analysis, l.name), o.format);
      }
    }
    if (o.output !== '') writeFileSync(o.output, out);
    else io.stdout(out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`gotune goroutines: ${e.message}`);
      return 2;
    }
    if (e instanceof FetchError || isProfileError(e)) {
      io.stderr(`gotune goroutines: ${e.message}`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string') {
      io.stderr(`gotune goroutines: ${err.path ? `${err.path}: ` : ''}${fsMessage(err)}`);
      return 1;
    }
    io.stderr(`gotune goroutines: internal error: ${err?.message ?? String(e)} (set GOTUNE_DEBUG=1 for the stack)`);
    if (process.env.GOTUNE_DEBUG) io.stderr(String(err?.stack ?? ''));
    return 1;
  }
}
