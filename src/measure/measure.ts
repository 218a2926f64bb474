// `gotune measure`, the entry point of the measure layer: check the target
// and the service's /debug/pprof, create the run directory, warm up, run
// the repetitions under one continuous load, and keep run.json up to date
// whatever happens (interrupts, a dying service).

import { UserError } from '../user-error.js';
import { cpus } from 'node:os';
import type { CaptureContext } from './capture.js';
import { checkPprof } from './check-pprof.js';
import type { CaptureRecord } from '../run/run-json.js';
import { goVersionFromVars, goVersionOfBinary, machineEnvironment } from './environment.js';
import { LoadGenerator, type LoadOptions } from './load-generator.js';
import type { MeasureOptions } from './options.js';
import { pprofAddress, type PprofAddress } from './pprof-address.js';
import { probeTarget } from './probe.js';
import { runRepetition } from './repetition.js';
import { defaultRunDir, RunDir } from './run-dir.js';
import { RUN_JSON_VERSION, type RunJson } from '../run/run-json.js';
import { sleep } from './sleep.js';
import { loadFailure } from './load-verdict.js';
import { formatMicros, summaryText } from './summary.js';

/** MeasureError is a run that could not start (exit status 1): the message says why. */
class MeasureError extends UserError {}

/** MeasureIo is what a run prints to and listens to. */
interface MeasureIo {
  /** One progress or warning line on standard error. */
  printErr(line: string): void;
  /** A status line redrawn in place (a terminal); without it, plain lines only at each step. */
  status?: (text: string) => void;
  /** Aborted on Ctrl-C: the load stops, and what was captured is kept. */
  signal: AbortSignal;
  cwd?: string;
}

/** MeasureResult is a finished (or cut short) run. */
interface MeasureResult {
  run: RunJson;
  dir: string;
  summary: string;
  /** 0 complete, 1 incomplete (service died, failed), 130 interrupted. */
  exitCode: number;
}

/**
 * runMeasure performs a run. Problems found before the run starts (bad
 * --pprof, target down, run directory in use) throw MeasureError; once it
 * has started, every outcome is a MeasureResult with run.json written.
 */
export async function runMeasure(o: MeasureOptions, io: MeasureIo): Promise<MeasureResult> {
  const url = new URL(o.target);
  let addr: PprofAddress | null = null;
  if (o.pprof !== '') {
    try {
      addr = pprofAddress(o.pprof);
    } catch (e) {
      throw new MeasureError((e as Error).message);
    }
  }
  const loadOpts: LoadOptions = {
    url, method: o.method, headers: o.headers, body: o.body, connections: o.concurrency, rate: o.rate, timeoutMs: o.timeoutMs, insecure: o.insecure,
  };
  const probe = await probeTarget(loadOpts, o.timeoutMs);
  if (!probe.ok) throw new MeasureError(`--target ${o.target}: ${probe.message}`);
  if (probe.status >= 400) io.printErr(`warning: --target ${o.target} answered ${probe.status}: such responses count as errors`);
  if (addr) await checkPprof(addr, io.signal, '--pprof ');
  if (io.signal.aborted) throw new MeasureError('interrupted before the run started');

  const cwd = io.cwd ?? process.cwd();
  const dir = RunDir.create(o.out !== '' ? o.out : defaultRunDir(new Date(), cwd));
  const shown = dir.shown(cwd);
  const env = machineEnvironment(url.hostname);
  const run: RunJson = {
    version: RUN_JSON_VERSION, tool: 'gotune measure', complete: false, status: 'running', reason: null,
    startedAt: new Date().toISOString(), finishedAt: null,
    config: {
      target: o.target, method: o.method, headers: o.headers, bodyBytes: o.body?.length ?? 0, pprof: addr?.base ?? null,
      durationSeconds: o.durationSeconds, warmupSeconds: o.warmupSeconds, concurrency: o.concurrency,
      rate: o.rate > 0 ? o.rate : null, mode: o.rate > 0 ? 'open-loop' : 'closed-loop', repeat: o.repeat,
      profiles: addr ? o.profiles : [], timeoutMs: o.timeoutMs,
    },
    environment: env, repetitions: [], warnings: [],
  };
  const save = () => dir.writeJson('run.json', run);
  save();
  io.printErr(`Run directory: ${shown}`);

  // One abort for the window: Ctrl-C or a dead service end it early.
  let stopWindow = new AbortController();
  let died: string | null = null;
  const onInterrupt = () => stopWindow.abort();
  io.signal.addEventListener('abort', onInterrupt, { once: true });
  const gen = new LoadGenerator(loadOpts);
  const t0 = Date.now();
  gen.onDown = (d) => {
    const at = ((Date.now() - t0) / 1000).toFixed(1);
    died = `the service stopped answering ${at}s into the run (${d.code}: ${d.message}; nothing answered for ${(d.silentMs / 1000).toFixed(1)}s)`;
    io.printErr(`gotune measure: ${died}`);
    stopWindow.abort();
  };
  const capture: CaptureContext = { dir, signal: io.signal, snapshotTimeoutMs: Math.max(10_000, o.timeoutMs), maxBytes: 1 << 30 };
  const ticker = io.status ? setInterval(() => io.status!(statusLine()), 500) : null;
  let phase = 'warming up';
  let phaseStart = Date.now();
  let phaseLen = o.warmupSeconds;
  function statusLine(): string {
    const s = Math.min(phaseLen, (Date.now() - phaseStart) / 1000);
    return `${phase} ${s.toFixed(0)}/${phaseLen}s · ${gen.totalResponses.toLocaleString('en-US')} responses · ${gen.totalFailures} failed`;
  }
  const vars = { available: null as boolean | null };
  let goProfile = null;
  let goVars: unknown = null;
  let failed: string | null = null;
  try {
    gen.start();
    if (o.warmupSeconds > 0) {
      if (!io.status) io.printErr(`Warming up for ${o.warmupSeconds}s…`);
      await sleep(o.warmupSeconds * 1000, stopWindow.signal);
    }
    for (let i = 1; i <= o.repeat && !stopWindow.signal.aborted; i++) {
      phase = `repetition ${i}/${o.repeat}`;
      phaseStart = Date.now();
      phaseLen = o.durationSeconds;
      if (!io.status) io.printErr(`Repetition ${i}/${o.repeat}: ${o.durationSeconds}s of load${addr ? ', capturing' : ''}…`);
      const out = await runRepetition({
        index: i, opts: o, gen, addr, capture, stop: stopWindow.signal, vars, endAfterStop: () => io.signal.aborted && died === null,
        machineCores: env.targetLocal ? cpus().length : null,
        onCapture: (c: CaptureRecord) => { if (!c.ok && !c.name.startsWith('vars')) io.printErr(`  ${c.name}: ${c.error}`); },
      });
      run.repetitions.push(out.rep);
      for (const w of out.rep.warnings) if (!run.warnings.includes(w)) run.warnings.push(w);
      goVars ??= out.vars;
      goProfile ??= out.anyProfile;
      save();
      if (!io.status) {
        const l = out.rep.kpis.load;
        io.printErr(`  ${Math.round(l.throughputRps)} req/s, p50 ${formatMicros(l.latencyUs.p50)}, p99 ${formatMicros(l.latencyUs.p99)}, ${l.errors.total} errors`);
      }
      if (!stopWindow.signal.aborted) stopWindow = new AbortController();
    }
  } catch (e) {
    // Something broke on our side (the disk, say): keep what was captured.
    failed = (e as Error)?.message ?? String(e);
    io.printErr(`gotune measure: ${failed}`);
  } finally {
    gen.stop();
    if (ticker) clearInterval(ticker);
    io.signal.removeEventListener('abort', onInterrupt);
    if (io.status) io.status('');
  }

  const goV = goVersionFromVars(goVars);
  if (goV) env.go = { version: goV, source: '/debug/vars goversion' };
  else if (goProfile && env.targetLocal && goProfile.mappings[0]) {
    const v = goVersionOfBinary(goProfile.mappings[0].file);
    if (v) env.go = { version: v, source: `go version ${goProfile.mappings[0].file}` };
  }
  const interrupted = io.signal.aborted;
  const loadFailed = loadFailure(run.repetitions, o.maxErrorRate);
  if (failed) {
    run.status = 'failed';
    run.reason = `${failed}; kept what was captured`;
  } else if (died) {
    run.status = 'service-died';
    run.reason = `${died}; kept what was captured`;
  } else if (interrupted) {
    run.status = 'interrupted';
    run.reason = 'Ctrl-C; kept what was captured';
  } else if (loadFailed) {
    run.status = 'failed';
    run.reason = `${loadFailed}; kept what was captured`;
    io.printErr(`gotune measure: ${loadFailed}`);
  } else {
    run.status = 'complete';
  }
  run.complete = run.status === 'complete' && run.repetitions.length === o.repeat && run.repetitions.every((r) => r.complete);
  run.finishedAt = new Date().toISOString();
  try {
    save();
  } catch (e) {
    io.printErr(`gotune measure: could not write ${shown}/run.json: ${(e as Error).message}`);
    run.complete = false;
  }
  const exitCode = run.complete ? 0 : run.status === 'interrupted' ? 130 : 1;
  return { run, dir: dir.path, summary: summaryText(run, shown), exitCode };
}
