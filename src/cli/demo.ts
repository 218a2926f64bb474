// `gotune demo`: the whole loop on an example service, as the README's
// first command: build it, measure it under load, diagnose it, open the
// web UI on the findings, measure its fixed twin, and verify the gain.
// Every stage goes through the same subcommands a user would type; every
// process it starts is stopped at the end, on failure and on Ctrl-C.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildExamples, EXAMPLES, goMissing, startExample, type RunningExample } from '../node/example-services.js';
import { packageRoot } from '../node/package-root.js';
import { UsageError, UserError } from '../user-error.js';
import type { WebServer } from '../web/server/serve.js';
import type { GnuFlag } from './gnu-flags.js';
import type { CliIo } from './io.js';
import { onInterrupt, runStage } from './stages.js';
import type { GnuSubcommand } from './subcommand.js';

/** SCENARIOS are the examples the demo can run: those with a planted bottleneck and a fixed twin. */
const SCENARIOS = Object.keys(EXAMPLES).filter((k) => k !== 'hello');

const USAGE = `usage: gotune demo [--scenario NAME] [--no-browser] [--out DIR]

The tuning loop on an example Go service, in under a minute: build it
(Go must be installed), measure it under load (5 repetitions), diagnose
it, open the web UI on the findings, then measure its fixed twin and
verify the gain against a p99 goal. Without Go, it diagnoses the
committed example profiles instead.

Scenarios: ${SCENARIOS.join(', ')} (default slow-cpu).
`;

const FLAGS: GnuFlag[] = [
  { name: 'scenario', kind: 'string', arg: 'NAME', choices: SCENARIOS, help: 'the example service (default slow-cpu)' },
  { name: 'no-browser', kind: 'bool', help: 'print the web UI\'s URL, do not open a browser, and stop it at the end' },
  { name: 'out', kind: 'string', arg: 'DIR', help: 'where the runs go (default a new directory under runs/demo-…)' },
  { name: 'http', kind: 'string', arg: 'ADDR', help: 'the web UI\'s address (default localhost, a free port)' },
];

/** Settings of each measurement: short, so the demo stays within minutes, yet five repetitions: the U test cannot reach p < 0.05 with fewer than four a side. */
const MEASURE = ['--duration', '3s', '--warmup', '2s', '--repeat', '5', '--concurrency', '8'];

/** The goal the fixed twin must meet. */
const GOAL = 'p99=-20%';

async function run(scenario: string, noBrowser: boolean, outDir: string, http: string, io: CliIo): Promise<number> {
  const { serveRuns } = await import('./web.js');
  const stage = (n: number, what: string) => io.stderr(`\ngotune demo [${n}/5] ${what}`);
  const ac = new AbortController();
  const main = (argv: string[]) => runStage(argv, ac.signal);
  const services: RunningExample[] = [];
  let server: (WebServer & { opened: boolean }) | null = null;
  let interrupted = false;
  const offInterrupt = onInterrupt(() => {
    interrupted = true;
    io.stderr('gotune demo: interrupted: stopping what it started');
    ac.abort();
  });
  const check = (code: number, what: string) => {
    if (interrupted) throw new UserError('interrupted', 130);
    if (code !== 0) throw new UserError(`${what} failed (exit status ${code}); see above`, 1);
  };
  try {
    const missing = goMissing();
    if (missing) {
      // Without Go: the committed recordings of the same example.
      const dir = join(packageRoot(), 'testdata', 'diagnose', scenario);
      io.stderr(`gotune demo: ${missing}; diagnosing the committed profiles of ${scenario} instead (${dir})`);
      check(await main(['diagnose', dir]), 'diagnose');
      server = await serveRuns([dir, `${dir}-fixed`], http, noBrowser, io);
      if (server.opened) {
        io.stderr('  the web UI stays up until Ctrl-C');
        await untilDone(ac.signal);
      }
      return 0;
    }
    if (outDir === '') mkdirSync(resolve('runs'), { recursive: true });
    const root = outDir !== '' ? resolve(outDir) : mkdtempSync(join(resolve('runs'), `demo-${scenario}-`));
    const base = join(root, 'baseline');
    const cand = join(root, 'candidate');
    io.stderr(`gotune demo: ${scenario} — ${EXAMPLES[scenario]}; runs in ${root}`);

    stage(1, `building the example services (go build) and starting ${scenario}`);
    const binDir = buildExamples();
    const svc = await startExample(scenario, { binDir });
    services.push(svc);
    stage(2, `measuring ${scenario} under load: gotune measure --target ${svc.target} --pprof ${svc.pprof} ${MEASURE.join(' ')}`);
    check(await main(['measure', '--target', svc.target, '--pprof', svc.pprof, ...MEASURE, '--out', base]), 'measure');
    await svc.stop();
    services.pop();

    stage(3, `diagnosing it: gotune diagnose ${base}`);
    check(await main(['diagnose', base]), 'diagnose');
    const first = await serveRuns([base], http, noBrowser, io);
    server = first;

    stage(4, `measuring the fixed twin (${scenario} -fixed)`);
    const fixed = await startExample(scenario, { binDir, fixed: true });
    services.push(fixed);
    check(await main(['measure', '--target', fixed.target, '--pprof', fixed.pprof, ...MEASURE, '--out', cand]), 'measure');
    await fixed.stop();
    services.pop();

    stage(5, `verifying the gain: gotune verify --goal ${GOAL} ${base} ${cand}`);
    const verdict = await main(['verify', '--goal', GOAL, '--journal', join(root, 'journal.jsonl'), base, cand]);
    if (interrupted) throw new UserError('interrupted', 130);
    io.stderr(`\ngotune demo: ${verdict === 0 ? `the fix met the goal (${GOAL})` : `the goal (${GOAL}) was not met`}; the runs are in ${root}`);
    io.stderr(`  the comparison in the web UI: gotune web ${base} ${cand}`);
    // With a browser open, the dashboard now compares the two runs, until Ctrl-C.
    if (first.opened) {
      // On the same address, so the open page shows the comparison when reloaded.
      const at = new URL(first.url);
      await server.close();
      server = await serveRuns([base, cand], `${at.hostname}:${at.port}`, true, io);
      io.stderr('  the web UI (reload the page) stays up until Ctrl-C');
      await untilDone(ac.signal);
    }
    return verdict;
  } finally {
    offInterrupt();
    for (const s of services) await s.stop();
    if (server) await server.close();
  }
}

function untilDone(signal: AbortSignal): Promise<void> {
  return new Promise((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));
}

/** demoCommand is `gotune demo`. */
export const demoCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  run: (flags, args, io) => {
    if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}: the demo takes flags only`);
    return run(flags.string('scenario', 'slow-cpu'), flags.bool('no-browser'), flags.string('out', ''), flags.string('http', ''), io);
  },
};
