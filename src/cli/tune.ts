// `gotune tune`: the loop on the user's own service. Measure a baseline (or
// reuse one), diagnose it; then, round after round, wait while the user
// changes the code and restarts the service (Enter, or --watch polling a
// health URL until the service answers again), measure again and verify
// against the baseline with the goals and budgets, recorded in the journal.
// Each stage is the gotune command a user would type, run as its own
// process; Ctrl-C stops the stage running (measure keeps what it captured
// and marks the run incomplete) and ends the loop.

import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { UsageError, UserError } from '../user-error.js';
import type { GnuFlag, GnuFlagValues } from './gnu-flags.js';
import type { CliIo } from './io.js';
import { onInterrupt, runStage } from './stages.js';
import type { GnuSubcommand } from './subcommand.js';

const USAGE = `usage: gotune tune --target URL --pprof URL [flags]

The tuning loop on your own service: measures a baseline (or reuses
--baseline DIR) and diagnoses it; then waits while you change the code
and restart the service (press Enter, or --watch URL to poll a health URL
until the service answers again), measures again and verifies the new run
against the baseline, goals and budgets (appended to the project's
journal); then offers the next round. Type q (or Ctrl-C) to stop.

Runs go to DIR/round-0 (the baseline), DIR/round-1, …
`;

const FLAGS: GnuFlag[] = [
  { name: 'target', kind: 'string', arg: 'URL', help: 'the endpoint to load (as gotune measure --target)' },
  { name: 'pprof', kind: 'string', arg: 'URL', help: "the service's /debug/pprof (as gotune measure --pprof)" },
  { name: 'baseline', kind: 'string', arg: 'DIR', help: 'a finished gotune measure run to compare against, instead of measuring one' },
  { name: 'goal', kind: 'string', arg: 'KPI=±N%', repeatable: true, help: 'as gotune verify --goal; repeatable' },
  { name: 'budget', kind: 'string', arg: 'KPI=±N%', repeatable: true, help: 'as gotune verify --budget; repeatable' },
  { name: 'watch', kind: 'string', arg: 'URL', help: 'instead of waiting for Enter, poll URL until the restarted service answers' },
  { name: 'out', kind: 'string', arg: 'DIR', help: 'where the rounds go (default runs/tune-<time>)' },
  { name: 'duration', kind: 'string', arg: 'D', help: 'each repetition\'s window (default 10s)' },
  { name: 'repeat', kind: 'string', arg: 'N', help: 'repetitions per round (default 5: the U test needs 4 a side for p < 0.05)' },
  { name: 'concurrency', kind: 'string', arg: 'N', help: 'connections (default 16)' },
  { name: 'rounds', kind: 'string', arg: 'N', help: 'stop after N rounds (default: until q)' },
];

/** Settings is the parsed command line. */
interface Settings {
  target: string;
  pprof: string;
  baseline: string;
  verifyArgs: string[];
  measureArgs: string[];
  watch: string;
  out: string;
  rounds: number;
}

function settings(f: GnuFlagValues, args: string[]): Settings {
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
  const target = f.string('target');
  if (target === '') throw new UsageError('--target is required: the URL to load');
  const pprof = f.string('pprof');
  if (pprof === '') throw new UsageError("--pprof is required: the service's /debug/pprof, to profile and diagnose it");
  const baseline = f.string('baseline');
  if (baseline !== '' && !existsSync(join(baseline, 'run.json'))) throw new UsageError(`--baseline ${baseline}: not a run directory of gotune measure (no run.json)`);
  const rounds = f.has('rounds') ? Number(f.string('rounds')) : Infinity;
  if (!(rounds >= 1) || (rounds !== Infinity && !Number.isInteger(rounds))) throw new UsageError(`invalid value "${f.string('rounds')}" for --rounds: want a whole number of rounds`);
  const verifyArgs = [...f.strings('goal').flatMap((g) => ['--goal', g]), ...f.strings('budget').flatMap((b) => ['--budget', b])];
  const measureArgs = ['--duration', f.string('duration', '10s'), '--repeat', f.string('repeat', '5'), '--concurrency', f.string('concurrency', '16')];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return { target, pprof, baseline, verifyArgs, measureArgs, watch: f.string('watch'), out: resolve(f.string('out', join('runs', `tune-${stamp}`))), rounds };
}

/** restarted polls url until it answers (any HTTP status) or the signal aborts; first it waits for it to stop answering, for up to a minute, since the service is being restarted. */
async function restarted(url: string, signal: AbortSignal, say: (l: string) => void): Promise<boolean> {
  const up = async () => {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      return false;
    }
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  say(`waiting for the service to restart (polling ${url})…`);
  for (let i = 0; i < 120 && !signal.aborted && (await up()); i++) await sleep(500);
  while (!signal.aborted) {
    if (await up()) return true;
    await sleep(500);
  }
  return false;
}

async function run(s: Settings, io: CliIo): Promise<number> {
  const say = (l: string) => io.stderr(`gotune tune: ${l}`);
  const ac = new AbortController();
  const offInterrupt = onInterrupt(() => {
    say('interrupted: the round in progress is kept as far as it got');
    ac.abort();
  });
  const stdin = io.terminal?.stdin ?? process.stdin;
  const rl = s.watch === '' ? createInterface({ input: stdin, terminal: false }) : null;
  const lines: string[] = [];
  const waiters: ((l: string | null) => void)[] = [];
  rl?.on('line', (l) => { const w = waiters.shift(); if (w) w(l); else lines.push(l); });
  rl?.on('close', () => { for (const w of waiters.splice(0)) w(null); });
  const nextLine = () => new Promise<string | null>((r) => {
    if (lines.length > 0) r(lines.shift()!);
    else if (rl && (rl as unknown as { closed?: boolean }).closed) r(null);
    else waiters.push(r);
    ac.signal.addEventListener('abort', () => r(null), { once: true });
  });
  const stop = () => ac.signal.aborted;
  let last = 0;
  try {
    mkdirSync(s.out, { recursive: true });
    let baseline = s.baseline;
    if (baseline === '') {
      baseline = join(s.out, 'round-0');
      say(`round 0, the baseline: gotune measure --target ${s.target} --pprof ${s.pprof} ${s.measureArgs.join(' ')} --out ${baseline}`);
      const code = await runStage(['measure', '--target', s.target, '--pprof', s.pprof, ...s.measureArgs, '--out', baseline]);
      if (stop()) return 130;
      if (code !== 0) throw new UserError(`the baseline measurement failed (exit status ${code}); see above`, 1);
    }
    say(`diagnosing the baseline: gotune diagnose ${baseline}`);
    await runStage(['diagnose', baseline]);
    for (let round = 1; round <= s.rounds && !stop(); round++) {
      if (s.watch !== '') {
        say(`round ${round}: change the code and restart the service; gotune measures once ${s.watch} answers again`);
        if (!(await restarted(s.watch, ac.signal, say))) break;
      } else {
        say(`round ${round}: change the code, restart the service, then press Enter (q and Enter to stop)`);
        const l = await nextLine();
        if (l === null || l.trim().toLowerCase() === 'q') break;
      }
      const dir = join(s.out, `round-${round}`);
      say(`round ${round}: gotune measure … --out ${dir}`);
      const m = await runStage(['measure', '--target', s.target, '--pprof', s.pprof, ...s.measureArgs, '--out', dir]);
      if (stop()) break;
      if (m !== 0) {
        say(`round ${round}: the measurement failed (exit status ${m}); fix the service and try the round again`);
        continue;
      }
      say(`round ${round}: gotune verify ${s.verifyArgs.join(' ')} ${baseline} ${dir}`);
      last = await runStage(['verify', ...s.verifyArgs, baseline, dir]);
      say(`round ${round}: ${last === 0 ? 'every goal met, no budget broken' : 'goals not met or a budget broken'}; the dashboard: gotune web ${baseline} ${dir}`);
    }
    return stop() ? 130 : last;
  } finally {
    rl?.close();
    offInterrupt();
  }
}

/** tuneCommand is `gotune tune`. */
export const tuneCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  run: (flags, args, io) => run(settings(flags, args), io),
};
