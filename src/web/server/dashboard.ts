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
function dashboardRuns(runs: readonly ServedRun[]): DashboardRun[] {
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

/** errorOf is a failed part of the dashboard, shown in its place. */
function errorOf(e: unknown): { error: string } {
  return { error: e instanceof Error ? e.message : String(e) };
}

/**
 * dashboardData computes the dashboard once, on first request: the runs,
 * the diagnosis of the last one and, for two runs, the candidate verified
 * against the baseline as gotune verify prints it (no goals).
 */
export function dashboardData(runs: readonly ServedRun[]): () => Promise<unknown> {
  let data: Promise<unknown> | null = null;
  return () => (data ??= (async () => {
    const last = runs[runs.length - 1];
    let diagnosis: unknown;
    try {
      const { loadDiagnoseArgs } = await import('../../node/diagnose-load.js');
      const { diagnose } = await import('../../diagnose/diagnose.js');
      const { buildInputs } = await import('../../diagnose/inputs.js');
      const { formatJson } = await import('../../diagnose/format.js');
      const loaded = await loadDiagnoseArgs([last.run.dir]);
      diagnosis = JSON.parse(formatJson(diagnose(buildInputs(loaded.profiles, loaded.kpis, loaded.notes))));
    } catch (e) {
      diagnosis = errorOf(e);
    }
    let verification: unknown = null;
    if (runs.length === 2) {
      try {
        const { verifyRuns } = await import('../../verify/verify.js');
        const { formatJson } = await import('../../verify/format-json.js');
        const { compareProfiles } = await import('../../node/verify-profiles.js');
        const [b, c] = runs.map((r) => ({ dir: r.run.dir, json: r.run.json, files: r.files }));
        verification = JSON.parse(formatJson(verifyRuns(b, c, { alpha: 0.05, confidence: 0.95, targets: [], profiles: await compareProfiles(b, c) })));
      } catch (e) {
        verification = errorOf(e);
      }
    }
    return { runs: dashboardRuns(runs), diagnosis, diagnosed: last.label, verification };
  })());
}
