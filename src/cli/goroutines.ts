// `gotune goroutines`: group a goroutine dump (file, stdin or URL) by stack,
// or diff two snapshots for leaks; text, JSON, HTML or a goroutine profile out.

import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDumpUrl, openDump } from '../fetch/dump-source.js';
import { FetchError } from '../fetch/errors.js';
import { gzip } from '../fetch/gzip.js';
import { startCountdown } from '../fetch/progress.js';
import { type Analysis, type AnalyzeOptions, analyzeDump, analyzeProfile } from '../goroutine/analyze.js';
import { diffAnalyses } from '../goroutine/diff.js';
import type { GroupMode } from '../goroutine/group.js';
import { reportHtml } from '../goroutine/html.js';
import { buildDiffReport, buildReport, type GoroutineReport } from '../goroutine/model.js';
import { reportText } from '../goroutine/text.js';
import { ProfileCollector } from '../goroutine/to-profile.js';
import { encodeProfile } from '../profile/encode.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../profile/limits.js';
import { EXIT, UsageError } from '../user-error.js';
import type { GnuFlag, GnuFlagValues } from './gnu-flags.js';
import type { CliIo } from './io.js';
import { untilInterrupted } from '../node/interrupt.js';
import type { GnuSubcommand } from './subcommand.js';

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
`;

const FORMATS = ['text', 'json', 'html', 'proto'] as const;

const FLAGS: GnuFlag[] = [
  { name: 'format', kind: 'string', arg: 'F', choices: FORMATS, help: 'text (default), json, html, or proto (a goroutine profile\nwith state and wait labels, for gotune pprof)' },
  { name: 'group', kind: 'string', arg: 'M', choices: ['exact', 'loose'], help: 'exact: stacks equal in every printed detail (default);\nloose: ignore argument values and PC offsets (default with --diff)' },
  { name: 'diff', kind: 'bool', help: 'compare two snapshots' },
  { name: 'interval', kind: 'duration', arg: 'D', help: 'with --diff and one URL: time between the fetches (default 10s)' },
  { name: 'timeout', kind: 'duration', arg: 'D', help: 'for URLs: give up after D without an answer (default 30s)' },
  { name: 'output', short: 'o', kind: 'string', arg: 'F', help: 'write to file F instead of standard output' },
  { name: 'http', kind: 'string', arg: 'ADDR', help: 'serve the web UI on [host]:port (":0" for a free port) and open\nits goroutines page; the dump is also a profile there' },
  { name: 'no-browser', kind: 'bool', help: 'with --http: print the URL, do not open a browser' },
];

/** Options is the parsed command line of `gotune goroutines`. */
interface Options {
  format: (typeof FORMATS)[number];
  mode: GroupMode;
  diff: boolean;
  intervalMs: number;
  timeoutMs: number;
  output: string;
  http: string;
  noBrowser: boolean;
  sources: string[];
}

function positive(name: string, seconds: number): number {
  if (seconds <= 0) throw new UsageError(`invalid value for --${name}: want a positive duration such as 10s or 1m`);
  return seconds * 1000;
}

function options(flags: GnuFlagValues, sources: string[]): Options {
  const diff = flags.bool('diff');
  const o: Options = {
    format: flags.string('format', 'text') as Options['format'],
    // Argument values are mostly pointers, which differ from one snapshot to the next.
    mode: flags.string('group', diff ? 'loose' : 'exact') as GroupMode,
    diff,
    intervalMs: positive('interval', flags.number('interval', 10)),
    timeoutMs: positive('timeout', flags.number('timeout', 30)),
    output: flags.string('output'),
    http: flags.string('http'),
    noBrowser: flags.bool('no-browser'),
    sources,
  };
  if (o.sources.length === 0) throw new UsageError('no dump given');
  if (!o.diff && o.sources.length > 1) throw new UsageError('one dump at a time (or --diff old new)');
  if (o.diff && o.sources.length > 2) throw new UsageError('--diff compares two snapshots: old and new');
  if (o.diff && o.sources.length === 1 && !isDumpUrl(o.sources[0])) {
    throw new UsageError('--diff needs two dumps, or one URL to fetch twice');
  }
  if (o.http !== '' && (o.format !== 'text' || o.output !== '')) throw new UsageError('--http serves the web UI: it does not go with --format or --output');
  if (o.diff && o.format === 'proto') throw new UsageError('--format proto converts one dump; it does not apply to --diff');
  return o;
}

interface Loaded {
  analysis: Analysis;
  name: string;
  profile?: ProfileCollector;
}

/** load reads and analyzes one source: text dumps stream, profiles are decoded whole. */
async function load(source: string, o: Options, io: CliIo, wantProfile: boolean): Promise<Loaded> {
  const input = await openDump(source, {
    timeoutMs: o.timeoutMs,
    maxProfileBytes: DEFAULT_MAX_DECOMPRESSED,
    stdin: (io.terminal?.stdin ?? process.stdin) as AsyncIterable<Uint8Array>,
  });
  const collector = wantProfile ? new ProfileCollector() : undefined;
  const opts: AnalyzeOptions = { mode: o.mode, collectIds: o.diff, onRecord: collector ? (r) => collector.add(r) : undefined };
  if (input.kind === 'profile') {
    const p = input.profile;
    if (!p.sampleTypes.some((t) => t.type === 'goroutine')) {
      throw new FetchError(`${input.name}: not a goroutine profile (its samples are ${p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ')})`);
    }
    return { analysis: analyzeProfile(p, opts), name: input.name, profile: collector };
  }
  return { analysis: await analyzeDump(input.body, opts), name: input.name, profile: collector };
}

function checked(l: Loaded, io: CliIo): Loaded {
  if (l.analysis.info.records === 0) {
    const why = l.analysis.info.warnings[0];
    throw new FetchError(`${l.name}: no goroutines found${why ? `: ${why}` : ' (the input is empty)'}`);
  }
  for (const w of l.analysis.info.warnings) io.stderr(`gotune goroutines: ${l.name}: ${w}`);
  return l;
}

function render(r: GoroutineReport, format: Options['format']): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format === 'html') return reportHtml(r);
  return reportText(r);
}

async function run(o: Options, io: CliIo): Promise<number> {
  let out: string | Uint8Array;
  const web = o.http !== '';
  if (o.diff) {
    const [first, second] = o.sources;
    const before = checked(await load(first, o, io, web), io);
    let interval: number | null = null;
    if (second === undefined) {
      io.stderr(`gotune goroutines: fetched ${before.name}; fetching again in ${o.intervalMs / 1000}s`);
      // A countdown on a terminal, so that a long --interval does not look like a hang.
      const err = io.terminal?.stderr;
      const bar = startCountdown(err?.isTTY ? { write: (t) => { err.write(t); }, columns: err.columns } : undefined, o.intervalMs / 1000);
      const onInterrupt = () => {
        bar.stop();
        io.stderr('gotune goroutines: interrupted before the second snapshot');
        process.exit(EXIT.interrupted);
      };
      process.once('SIGINT', onInterrupt);
      try {
        await sleep(o.intervalMs, undefined, { signal: io.signal });
      } finally {
        process.off('SIGINT', onInterrupt);
        bar.stop();
      }
      interval = o.intervalMs / 1000;
    }
    const after = checked(await load(second ?? first, o, io, web), io);
    const d = diffAnalyses(before.analysis, after.analysis);
    const report = buildDiffReport(d, [before.name, after.name], interval);
    if (web) return serveDump(o, io, report, after, before);
    out = render(report, o.format);
  } else {
    const l = checked(await load(o.sources[0], o, io, o.format === 'proto' || web), io);
    if (web) return serveDump(o, io, buildReport(l.analysis, l.name), l);
    if (o.format === 'proto') {
      const timeNanos = isDumpUrl(l.name) ? BigInt(Date.now()) * 1_000_000n : 0n;
      out = gzip(encodeProfile(l.profile!.build(timeNanos)));
      if (o.output === '' && io.isTerminal) throw new UsageError('--format proto writes binary data: redirect it or use -o FILE');
    } else {
      out = render(buildReport(l.analysis, l.name), o.format);
    }
  }
  if (o.output !== '') writeFileSync(o.output, out);
  else await io.stdout(out);
  return 0;
}

/**
 * serveDump is --http: the web UI on the dump turned into a goroutine
 * profile (with state and wait labels), opening on the goroutines page;
 * with two snapshots the later one is shown against the earlier.
 */
async function serveDump(o: Options, io: CliIo, report: GoroutineReport, l: Loaded, before?: Loaded): Promise<number> {
  const { serveProfile } = await import('../web/server/start.js');
  const { defaultConfig } = await import('../driver/config.js');
  const { localReportTools } = await import('../node/local-tools.js');
  const { mergeProfiles } = await import('../profile/merge.js');
  const now = BigInt(Date.now()) * 1_000_000n;
  const value = l.profile!.build(now);
  const base = before?.profile?.build(now);
  const p = base ? mergeProfiles([value, base], [1, -1]) : value;
  const ui = { print: (t: string) => void io.stdout(t), printErr: (t: string) => io.stderr(t), isTerminal: () => io.isTerminal };
  const server = await serveProfile(p, defaultConfig(), await localReportTools(), {
    http: o.http, noBrowser: o.noBrowser, goroutines: report,
    sources: base ? [l.name, before!.name] : [l.name], sides: base ? { value, base } : undefined,
  }, ui);
  await untilInterrupted();
  await server.close();
  return 0;
}

/** goroutinesCommand is `gotune goroutines`. */
export const goroutinesCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  run: (flags, args, io) => run(options(flags, args), io),
};
