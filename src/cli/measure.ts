// `gotune measure`: flags in, a run directory and a summary out. Ctrl-C
// stops the load and keeps what was captured (a second Ctrl-C exits at
// once).

import { readFileSync } from 'node:fs';
import { runMeasure } from '../measure/measure.js';
import { PROFILE_KINDS, type MeasureOptions, type ProfileKind } from '../measure/options.js';
import { EXIT, UsageError } from '../user-error.js';
import type { GnuFlag, GnuFlagValues } from './gnu-flags.js';
import type { CliIo } from './io.js';
import { progressOf } from './progress.js';
import type { GnuSubcommand } from './subcommand.js';

const USAGE = `usage: gotune measure --target URL [--pprof URL] [flags]

Drives a repeatable HTTP load at a service, captures its profiles while it
is under that load, and keeps everything as a run directory (run.json and
the profiles) for the later steps; prints a summary table.
`;

const FLAGS: GnuFlag[] = [
  { name: 'target', kind: 'string', arg: 'URL', help: 'the endpoint to load, e.g. http://127.0.0.1:8080/work?iters=2000' },
  { name: 'pprof', kind: 'string', arg: 'URL', help: "the service's /debug/pprof address (host:port will do);\nwithout it only the load's figures are measured" },
  { name: 'duration', kind: 'duration', arg: 'D', help: 'measurement window of each repetition (default 30s; whole seconds)' },
  { name: 'warmup', kind: 'duration', arg: 'D', help: 'unmeasured load before the first repetition (default 5s)' },
  { name: 'concurrency', short: 'c', kind: 'int', min: 1, arg: 'N', help: 'connections, i.e. requests in flight at most (default 16)' },
  { name: 'rate', kind: 'int', min: 1, arg: 'N', help: 'open loop: N requests per second, timed from when each was\ndue (default: closed loop, each connection as fast as answered)' },
  { name: 'repeat', kind: 'int', min: 1, arg: 'N', help: 'repetitions, for statistics in the verify step (default 1)' },
  { name: 'profiles', kind: 'string', arg: 'LIST', help: `any of ${PROFILE_KINDS.join(',')},trace (default all but trace), or none` },
  { name: 'trace', kind: 'bool', help: 'also capture an execution trace of each window (/debug/pprof/trace),\nfor go tool trace; the same as adding trace to --profiles' },
  { name: 'out', short: 'o', kind: 'string', arg: 'DIR', help: 'run directory (default runs/<date>-<time>); must not exist or be empty' },
  { name: 'timeout', kind: 'duration', arg: 'D', help: 'a request without an answer after D is a timeout (default 10s)' },
  { name: 'method', kind: 'string', arg: 'M', help: 'HTTP method (default GET)' },
  { name: 'header', short: 'H', kind: 'string', arg: "'K: V'", repeatable: true, help: 'a request header (repeatable)' },
  { name: 'body', kind: 'string', arg: 'TEXT|@FILE', help: 'a request body' },
  { name: 'insecure', kind: 'bool', help: 'https target: do not verify its certificate' },
  { name: 'max-error-rate', kind: 'string', arg: 'P', help: 'the run fails when more than P of its requests fail (default 5%);\nit always fails when every request failed' },
];

function checkUrl(flag: string, v: string, schemes: string[]): void {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`invalid value "${v}" for ${flag}: not a URL (want ${schemes[0]}//host:port/path)`);
  }
  if (!schemes.includes(u.protocol)) throw new UsageError(`invalid value "${v}" for ${flag}: the scheme must be ${schemes.map((s) => s.slice(0, -1)).join(' or ')}`);
}

const ALL_KINDS: readonly ProfileKind[] = [...PROFILE_KINDS, 'trace'];

function parseProfiles(v: string): ProfileKind[] {
  if (v === 'none' || v === '') return [];
  const out: ProfileKind[] = [];
  for (const p of v.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const k = p === 'profile' ? 'cpu' : p;
    if (!(ALL_KINDS as readonly string[]).includes(k)) {
      throw new UsageError(`unknown profile "${p}" in --profiles: want any of ${ALL_KINDS.join(',')}, or none`);
    }
    if (!out.includes(k as ProfileKind)) out.push(k as ProfileKind);
  }
  return ALL_KINDS.filter((k) => out.includes(k));
}

function readBody(v: string): Buffer {
  if (!v.startsWith('@')) return Buffer.from(v, 'utf8');
  try {
    return readFileSync(v.slice(1));
  } catch (e) {
    throw new UsageError(`--body ${v}: ${(e as Error).message}`);
  }
}

/** measureOptions turns the parsed flags into the measure layer's options; throws UsageError. */
export function measureOptions(f: GnuFlagValues, args: string[]): MeasureOptions {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}" (the target is given with --target)`);
  const duration = f.number('duration', 30);
  if (duration < 1 || !Number.isInteger(duration)) {
    throw new UsageError(`invalid value "${f.string('duration')}" for --duration: want whole seconds, at least 1s (the CPU profile handler takes whole seconds)`);
  }
  const timeout = f.number('timeout', 10);
  if (timeout <= 0) throw new UsageError(`invalid value "${f.string('timeout')}" for --timeout: want a positive duration`);
  const headers: [string, string][] = f.strings('header').map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UsageError(`invalid value "${h}" for --header: want 'Name: value'`);
    return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
  });
  let target = f.string('target');
  if (target === '') throw new UsageError('--target is required (the URL to load, e.g. http://127.0.0.1:8080/work)');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) target = 'http://' + target;
  checkUrl('--target', target, ['http:', 'https:']);
  const pprof = f.string('pprof');
  const profiles: ProfileKind[] = f.has('profiles') ? parseProfiles(f.string('profiles')) : [...PROFILE_KINDS];
  if (f.bool('trace') && !profiles.includes('trace')) profiles.push('trace');
  if (pprof === '' && profiles.length > 0 && (f.has('profiles') || f.bool('trace'))) {
    throw new UsageError(`${f.bool('trace') ? '--trace' : '--profiles'} needs --pprof (the service's /debug/pprof address)`);
  }
  const rateText = f.string('max-error-rate', '5%');
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(rateText);
  if (!m || Number(m[1]) > 100) throw new UsageError(`invalid value "${rateText}" for --max-error-rate: want a percentage from 0% to 100%`);
  const method = f.string('method', 'GET').toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new UsageError(`invalid value "${method}" for --method`);
  return {
    target, method, headers, body: f.has('body') ? readBody(f.string('body')) : null, pprof,
    durationSeconds: duration, warmupSeconds: f.number('warmup', 5), concurrency: f.number('concurrency', 16),
    rate: f.number('rate', 0), repeat: f.number('repeat', 1), profiles, out: f.string('out'),
    timeoutMs: timeout * 1000, insecure: f.bool('insecure'), maxErrorRate: Number(m[1]) / 100,
  };
}

async function run(opts: MeasureOptions, io: CliIo): Promise<number> {
  const { line, status } = progressOf(io);
  const ac = new AbortController();
  io.signal?.addEventListener('abort', () => ac.abort(), { once: true });
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      line('gotune measure: interrupted: stopping the load, keeping what was captured (Ctrl-C again to quit at once)');
      ac.abort();
    } else {
      line('gotune measure: stopped at once; run.json holds what was captured before');
      process.exit(EXIT.interrupted);
    }
  };
  const useSignals = !io.signal;
  if (useSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    const result = await runMeasure(opts, { printErr: line, status, signal: ac.signal });
    await io.stdout(result.summary);
    return result.exitCode;
  } finally {
    if (useSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

/** measureCommand is `gotune measure`. */
export const measureCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  run: (flags, args, io) => run(measureOptions(flags, args), io),
};
