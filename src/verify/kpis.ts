// The KPI table of gotune verify: each KPI once, with its unit, which way is
// better, where in run.json's per-repetition KPIs it comes from, and how its
// values print. Everything else (statistics, goals, charts, the formats)
// is derived from this table.

import type { Repetition } from '../run/run-json.js';
import { formatBytes, formatCount, formatMicros, formatRatio } from './format-value.js';

/** KPI_NAMES lists the KPIs in the order reports show them. */
export const KPI_NAMES = ['p50', 'p90', 'p95', 'p99', 'throughput', 'errors', 'cpu', 'heap', 'gc_pause', 'goroutines'] as const;

/** KpiName is one of KPI_NAMES. */
export type KpiName = (typeof KPI_NAMES)[number];

/** KpiDef is one row of the table. */
export interface KpiDef {
  name: KpiName;
  /** The unit of the values, as JSON shows it. */
  unit: 'us' | 'req/s' | 'fraction' | 'us/req' | 'bytes' | 'goroutines';
  /** The unit as a chart's axis names it. */
  axis: string;
  better: 'lower' | 'higher';
  /** Where the value comes from, for the README and --help. */
  from: string;
  /** value reads the KPI of one repetition; null when the run did not capture it. */
  value(r: Repetition): number | null;
  /** Why a run has no value for it, when value gave null for every repetition. */
  absentWhy: string;
  format(v: number): string;
}

const latency = (q: 'p50' | 'p90' | 'p95' | 'p99'): KpiDef => ({
  name: q, unit: 'us', axis: `${q} latency`, better: 'lower',
  from: `kpis.load.latencyUs.${q}`,
  value: (r) => r.kpis.load.latencyUs[q],
  absentWhy: 'no latency recorded',
  format: formatMicros,
});

/**
 * errorRate is run.json's errorRate; runs of gotune before it was recorded
 * give it by the same rule measure uses: failed requests (error statuses,
 * connection errors, timeouts) over every request that ended.
 */
function errorRate(r: Repetition): number | null {
  const l = r.kpis.load;
  if (typeof l.errorRate === 'number') return l.errorRate;
  const succeeded = l.requests - l.errors.http;
  const ended = succeeded + l.errors.total;
  return ended > 0 ? l.errors.total / ended : null;
}

/**
 * cpuPerRequest is the CPU time the service spent per successful request,
 * µs: the cores its CPU profile kept busy over the window divided by the
 * throughput. Under a closed loop the cores say more about the load (it
 * keeps the machine as busy as it can) than about the service; per request
 * the figure is comparable whatever the load.
 */
function cpuPerRequest(r: Repetition): number | null {
  const c = r.kpis.cpu;
  const rps = r.kpis.load.throughputRps;
  return c && rps > 0 ? (c.cores / rps) * 1e6 : null;
}

/** KPIS is the table, in KPI_NAMES order. */
export const KPIS: readonly KpiDef[] = [
  latency('p50'), latency('p90'), latency('p95'), latency('p99'),
  {
    name: 'throughput', unit: 'req/s', axis: 'throughput (successful req/s)', better: 'higher',
    from: 'kpis.load.throughputRps (2xx and 3xx responses per second)',
    value: (r) => r.kpis.load.throughputRps,
    absentWhy: 'no throughput recorded',
    format: (v) => `${formatCount(v)} req/s`,
  },
  {
    name: 'errors', unit: 'fraction', axis: 'error rate', better: 'lower',
    from: 'kpis.load.errorRate (failed requests over all that ended; from kpis.load.errors in older runs)',
    value: errorRate,
    absentWhy: 'no request ended',
    format: formatRatio,
  },
  {
    name: 'cpu', unit: 'us/req', axis: 'CPU time per request', better: 'lower',
    from: 'kpis.cpu.cores ÷ kpis.load.throughputRps (CPU time per successful request, from the CPU profile)',
    value: cpuPerRequest,
    absentWhy: 'no CPU profile (measured without --pprof, or without cpu in --profiles)',
    format: (v) => `${formatMicros(v)}/req`,
  },
  {
    name: 'heap', unit: 'bytes', axis: 'heap in use at the end of the window', better: 'lower',
    from: "kpis.memory.heapInuseEnd (MemStats' HeapInuse at the end of the window)",
    value: (r) => r.kpis.memory?.heapInuseEnd ?? null,
    absentWhy: 'no MemStats (measured without --pprof, or without heap in --profiles)',
    format: formatBytes,
  },
  {
    name: 'gc_pause', unit: 'us', axis: 'GC pause p99', better: 'lower',
    from: "kpis.gc.pauseUs.p99 (the p99 of the window's stop-the-world pauses)",
    value: (r) => r.kpis.gc?.pauseUs?.p99 ?? null,
    absentWhy: 'no GC figures (measured without --pprof or heap in --profiles), or no collection in any window',
    format: formatMicros,
  },
  {
    name: 'goroutines', unit: 'goroutines', axis: 'goroutines at the end of the window', better: 'lower',
    from: 'kpis.goroutines.end (the goroutine profile at the end of the window)',
    value: (r) => r.kpis.goroutines?.end ?? null,
    absentWhy: 'no goroutine profile (measured without --pprof, or without goroutine in --profiles)',
    format: formatCount,
  },
];

/** kpiByName finds a row of the table. */
export function kpiByName(name: string): KpiDef | undefined {
  return KPIS.find((k) => k.name === name);
}
