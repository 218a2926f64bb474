// One repetition: a measurement window of the running load, with the
// captures around it — the CPU profile and the block and mutex deltas over
// the window, heap/allocs/goroutine snapshots and the runtime's MemStats
// (and /debug/vars) at its start and end — and the KPIs computed from them.

import type { Profile } from '../profile/types.js';
import { captureJson, captureProfile, captureText, captureTrace, textCheck, type CaptureContext, type Captured } from './capture.js';
import type { CaptureRecord } from '../run/run-json.js';
import { cpuKpis, gcKpis, goroutineCount, loadKpis, memoryKpis } from './kpis.js';
import type { LoadGenerator } from './load-generator.js';
import { memStatsTrailer, parseMemStatsJson, parseMemStatsText, type MemStats } from './memstats.js';
import type { MeasureOptions, ProfileKind } from './options.js';
import { profileUrl, type PprofAddress } from './pprof-address.js';
import type { Repetition } from '../run/run-json.js';
import { sleep } from './sleep.js';

/** RepetitionContext is what a repetition needs from the run. */
interface RepetitionContext {
  index: number;
  opts: MeasureOptions;
  gen: LoadGenerator;
  /** Null when no --pprof was given: load figures only. */
  addr: PprofAddress | null;
  capture: CaptureContext;
  /** Aborted to end the window early (interrupt, the service died). */
  stop: AbortSignal;
  machineCores: number | null;
  /** Whether /debug/vars answered (null: not tried yet); updated here. */
  vars: { available: boolean | null };
  /** Called with each capture as it finishes (for progress lines). */
  onCapture?: (c: CaptureRecord) => void;
  /** Whether a window cut short should still take its end snapshots (interrupted, but the service is up). */
  endAfterStop?: () => boolean;
}

/** How long the end snapshots of a cut window may take: the user asked to stop. */
const CUT_SNAPSHOT_MS = 5000;

/** RepetitionOutcome is the repetition's record plus what later steps of the run use. */
interface RepetitionOutcome {
  rep: Repetition;
  /** The first /debug/vars document seen, for the Go version. */
  vars: unknown;
  /** A profile whose main mapping names the service's binary. */
  anyProfile: Profile | null;
}

interface Snapshot {
  heap: Profile | null;
  goroutine: Profile | null;
  mem: MemStats | null;
  vars: unknown;
}

async function snapshot(ctx: RepetitionContext, phase: 'start' | 'end', records: CaptureRecord[], capture = ctx.capture): Promise<Snapshot> {
  const a = ctx.addr!;
  const dir = `rep-${ctx.index}`;
  const want = (k: ProfileKind) => ctx.opts.profiles.includes(k);
  const note = <T>(c: Captured<T>): T | null => {
    records.push(c.record);
    ctx.onCapture?.(c.record);
    return c.value;
  };
  const prof = (name: string, file: string) =>
    captureProfile({ name: `${name}.${phase}`, url: profileUrl(a, name), file: `${dir}/${file}.${phase}.pb.gz`, kind: name }, capture);
  const jobs: Promise<unknown>[] = [];
  let heap: Profile | null = null, goroutine: Profile | null = null, mem: MemStats | null = null, vars: unknown = null;
  if (want('heap')) jobs.push(prof('heap', 'heap').then((c) => { heap = note(c); }));
  if (want('allocs')) jobs.push(prof('allocs', 'allocs').then(note));
  if (want('goroutine')) {
    jobs.push(prof('goroutine', 'goroutine').then((c) => { goroutine = note(c); }));
    jobs.push(captureText({ name: `goroutine.${phase}.debug2`, url: profileUrl(a, 'goroutine', { debug: 2 }), file: `${dir}/goroutine.${phase}.txt` },
      capture, textCheck('goroutine ', 'a goroutine dump')).then(note));
  }
  // The runtime's own figures: always, they are small.
  jobs.push(captureText({ name: `memstats.${phase}`, url: profileUrl(a, 'heap', { debug: 1 }), file: `${dir}/memstats.${phase}.txt` },
    capture, textCheck('# runtime.MemStats', 'a heap?debug=1 page with runtime.MemStats'), (t) => memStatsTrailer(t) ?? t)
    .then((c) => { const t = note(c); mem = t ? parseMemStatsText(t) : null; }));
  if (ctx.vars.available !== false) {
    jobs.push(captureJson({ name: `vars.${phase}`, url: a.vars, file: `${dir}/vars.${phase}.json` }, capture).then((c) => {
      if (c.value === null && ctx.vars.available === null) {
        // Not every service mounts expvar: note it once, quietly.
        ctx.vars.available = false;
        c.record.error = `${c.record.error ?? 'not available'} (the service does not expose expvar's /debug/vars; optional)`;
      } else if (c.value !== null) ctx.vars.available = true;
      vars = note(c);
    }));
  }
  await Promise.all(jobs);
  const m = mem as MemStats | null;
  return { heap, goroutine, mem: m ?? parseMemStatsJson(vars), vars };
}

/**
 * runRepetition opens a window on the running load for the configured
 * duration (or until ctx.stop), captures around it, and returns the
 * repetition with its KPIs. It never throws for a failed capture.
 */
export async function runRepetition(ctx: RepetitionContext): Promise<RepetitionOutcome> {
  const o = ctx.opts;
  const D = o.durationSeconds;
  const dir = `rep-${ctx.index}`;
  const records: CaptureRecord[] = [];
  const warnings: string[] = [];
  const startedAt = new Date();
  ctx.gen.startWindow();
  const want = (k: ProfileKind) => ctx.addr !== null && o.profiles.includes(k);
  const long = (name: string, path: string, kind: string) =>
    captureProfile({ name, url: profileUrl(ctx.addr!, path, { seconds: D }), file: `${dir}/${name}.pb.gz`, collectSeconds: D, kind }, ctx.capture)
      .then((c) => { records.push(c.record); ctx.onCapture?.(c.record); return c.value; });
  const cpuP = want('cpu') ? long('cpu', 'profile', 'cpu') : Promise.resolve(null);
  const blockP = want('block') ? long('block', 'block', 'block') : Promise.resolve(null);
  const mutexP = want('mutex') ? long('mutex', 'mutex', 'mutex') : Promise.resolve(null);
  // The execution trace over the window, for `go tool trace` (scheduler latency, GC, syscalls).
  const traceP = want('trace')
    ? captureTrace({ name: 'trace', url: profileUrl(ctx.addr!, 'trace', { seconds: D }), file: `${dir}/trace.out`, collectSeconds: D }, ctx.capture)
      .then((c) => { records.push(c.record); ctx.onCapture?.(c.record); })
    : Promise.resolve();
  const startP = ctx.addr ? snapshot(ctx, 'start', records) : Promise.resolve(null);

  await sleep(D * 1000, ctx.stop);
  const window = ctx.gen.endWindow();
  const complete = !ctx.stop.aborted;
  // End snapshots while the load still runs; a window cut short by the user
  // still gets them (quickly) when the service answers, so that the start
  // and end of what was measured can be compared.
  let end: Snapshot | null = null;
  if (ctx.addr && complete) end = await snapshot(ctx, 'end', records);
  else if (ctx.addr && ctx.endAfterStop?.()) {
    end = await snapshot(ctx, 'end', records, { ...ctx.capture, signal: AbortSignal.timeout(CUT_SNAPSHOT_MS), snapshotTimeoutMs: CUT_SNAPSHOT_MS });
  }
  const [cpu, , , start] = await Promise.all([cpuP, blockP, mutexP, startP, traceP]);

  const seconds = window.durationMs / 1000;
  for (const r of records) if (r.hint && r.name !== 'trace' && !warnings.includes(r.hint)) warnings.push(r.hint);
  const load = loadKpis(window, o.rate);
  if (load.requests > 0 && load.errors.http === load.requests) {
    warnings.push(`every response was an error (${Object.entries(load.statuses).map(([s, n]) => `${s} ×${n}`).join(', ')}): check the --target URL`);
  }
  if (load.openLoop && load.openLoop.notSent > 0) {
    warnings.push(`${load.openLoop.notSent} of ${load.openLoop.scheduled} scheduled requests were never sent: every connection was waiting on the service (raise --concurrency, or lower --rate)`);
  }
  const rep: Repetition = {
    index: ctx.index,
    complete,
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round(seconds * 1000) / 1000,
    kpis: {
      load,
      cpu: cpu ? cpuKpis(cpu, ctx.machineCores) : null,
      memory: ctx.addr ? memoryKpis(start?.mem ?? null, end?.mem ?? null, start?.heap ?? null, end?.heap ?? null, seconds) : null,
      gc: ctx.addr ? gcKpis(start?.mem ?? null, end?.mem ?? null, seconds) : null,
      goroutines: want('goroutine') ? { start: goroutineCount(start?.goroutine ?? null), end: goroutineCount(end?.goroutine ?? null) } : null,
    },
    latencyHistogram: window.latency.toJSON(),
    captures: records.sort((a, b) => a.name.localeCompare(b.name)),
    warnings,
  };
  return { rep, vars: start?.vars ?? end?.vars ?? null, anyProfile: cpu ?? start?.heap ?? end?.heap ?? null };
}
