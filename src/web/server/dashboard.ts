// The run dashboard's data (`gotune web <run> [<run>]`): per run its
// settings, each repetition's KPIs and the captures kept; the diagnosis of
// the last run (whose findings link to views of its captures); and for
// two runs, the second compared with the first by `gotune verify`.

import type { ServedRun } from './sessions.js';

/** RepetitionKpis are the KPIs the dashboard charts, per repetition (null: not captured). */
interface RepetitionKpis {
  index: number;
  complete: boolean;
  p50: number; p90: number; p95: number; p99: number;
  throughput: number;
  errorRate: number | null;
  cpuCores: number | null;
  heapInuse: number | null;
  gcPauseP99: number | null;
  goroutines: number | null;
}

/** DashboardRun is one run on the dashboard. */
interface DashboardRun {
  label: string;
  dir: string;
  target: string;
  mode: string;
  concurrency: number;
  durationSeconds: number;
  startedAt: string;
  complete: boolean;
  repetitions: RepetitionKpis[];
  captures: { repetition: number; name: string; file: string }[];
}

/** dashboardRuns reads the runs' figures from their run.json. */
export function dashboardRuns(runs: readonly ServedRun[]): DashboardRun[] {
  return runs.map(({ label, run }) => {
    const j = run.json;
    return {
      label, dir: run.dir, target: j.config.target, mode: j.config.mode, concurrency: j.config.concurrency,
      durationSeconds: j.config.durationSeconds, startedAt: j.startedAt, complete: j.complete,
      repetitions: j.repetitions.map((r) => {
        const k = r.kpis;
        return {
          index: r.index, complete: r.complete,
          p50: k.load.latencyUs.p50, p90: k.load.latencyUs.p90, p95: k.load.latencyUs.p95, p99: k.load.latencyUs.p99,
          throughput: k.load.throughputRps,
          errorRate: k.load.errorRate ?? null,
          cpuCores: k.cpu?.cores ?? null,
          heapInuse: k.memory?.heapInuseEnd ?? k.memory?.profileInuseEnd ?? null,
          gcPauseP99: k.gc?.pauseUs?.p99 ?? null,
          goroutines: k.goroutines?.end ?? null,
        };
      }),
      captures: run.captures.filter((c) => c.file).map((c) => ({ repetition: c.repetition, name: c.name, file: c.file! })),
    };
  });
}
