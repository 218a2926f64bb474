// The run.json document (version 1): what a measurement was asked to do,
// where it ran, and its KPIs per repetition. measure writes it; diagnose
// and verify read it (read-run.ts). New fields may appear within a
// version; a field that changes meaning or goes away bumps RUN_JSON_VERSION.

/** RUN_JSON_VERSION is the version of the run.json layout. */
export const RUN_JSON_VERSION = 1;

/** HistogramJson is a histogram as stored in run.json: its non-empty buckets. */
export interface HistogramJson {
  /** [lowest value of the bucket, count] for each non-empty bucket, ascending. */
  buckets: [number, number][];
  count: number;
  min: number;
  max: number;
  mean: number;
}

/** CaptureRecord is what run.json says about one capture. */
export interface CaptureRecord {
  /** e.g. "cpu", "heap.start", "goroutine.end.debug2". */
  name: string;
  url: string;
  /** Path inside the run directory, null when nothing was kept. */
  file: string | null;
  ok: boolean;
  bytes?: number;
  /** Why it failed. */
  error?: string;
  /** Advice about a capture that worked but says little (an empty block profile). */
  hint?: string;
  /** When the request went out (ISO time) and how long the answer took. */
  at: string;
  ms: number;
}

/** Percentiles of a distribution (µs for latencies and pauses). */
export interface Percentiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
  mean: number;
}

/** LoadKpis are the load generator's figures for one window. */
export interface LoadKpis {
  /** Successful responses (2xx and 3xx) per second over the window. */
  throughputRps: number;
  /** Complete responses (any status). */
  requests: number;
  /** Successful responses (2xx and 3xx); absent in runs of gotune before 0.2. */
  succeeded?: number;
  /** Failed requests (error statuses, connection errors, timeouts) over all requests that ended, 0 to 1. */
  errorRate?: number;
  /** Latency of every response, microseconds. */
  latencyUs: Percentiles;
  errors: {
    /** Responses with a status other than 2xx/3xx. */
    http: number;
    /** Requests lost to connection errors (refused, reset, closed). */
    connection: number;
    timeouts: number;
    total: number;
    /** Connection errors by code. */
    byCode: Record<string, number>;
  };
  statuses: Record<string, number>;
  bytesReceived: number;
  inFlightAtEnd: number;
  /** Open loop only. */
  openLoop?: { rate: number; scheduled: number; notSent: number; sendLagUs: { p50: number; p99: number; max: number } };
}

/** CpuKpis come from the CPU profile: CPU time of the service over the profile's duration. */
export interface CpuKpis {
  cpuSeconds: number;
  profileSeconds: number;
  /** Cores kept busy on average (cpuSeconds / profileSeconds). */
  cores: number;
  /** cores as a percentage of the machine's cores, when the service runs on this machine. */
  percentOfMachine: number | null;
}

/** MemoryKpis are heap figures at the start and end of the window. */
export interface MemoryKpis {
  /** runtime.MemStats.HeapInuse, bytes. */
  heapInuseStart: number | null;
  heapInuseEnd: number | null;
  heapAllocEnd: number | null;
  sysEnd: number | null;
  /** In-use bytes in the heap profiles (as of their last GC). */
  profileInuseStart: number | null;
  profileInuseEnd: number | null;
  /** Bytes allocated during the window (TotalAlloc difference) and per second. */
  allocatedBytes: number | null;
  allocRateBytesPerSec: number | null;
}

/** GcKpis describe the collections during the window. */
export interface GcKpis {
  count: number;
  perSecond: number;
  /** Stop-the-world pauses of the window's collections, µs. */
  pauseUs: { p50: number; p99: number; max: number; total: number } | null;
  /** Pauses lost from the runtime's 256-entry buffer. */
  pausesMissing: number;
  /** GCCPUFraction at the end (fraction of CPU the GC used since start-up). */
  cpuFraction: number;
}

/** Kpis of one repetition; null parts were not captured. */
interface Kpis {
  load: LoadKpis;
  cpu: CpuKpis | null;
  memory: MemoryKpis | null;
  gc: GcKpis | null;
  goroutines: { start: number | null; end: number | null } | null;
}

/** Repetition is one measurement window. */
export interface Repetition {
  index: number;
  /** False when the window was cut short (interrupted, the service died). */
  complete: boolean;
  startedAt: string;
  durationSeconds: number;
  kpis: Kpis;
  /** The latency histogram, µs (buckets of the HDR histogram). */
  latencyHistogram: HistogramJson;
  captures: CaptureRecord[];
  warnings: string[];
}

/** RunStatus says how the run ended. */
type RunStatus = 'running' | 'complete' | 'interrupted' | 'service-died' | 'failed';

/** RunJson is the whole document. */
export interface RunJson {
  version: number;
  tool: string;
  complete: boolean;
  status: RunStatus;
  /** Why the run is incomplete. */
  reason: string | null;
  startedAt: string;
  finishedAt: string | null;
  config: {
    target: string;
    method: string;
    headers: [string, string][];
    bodyBytes: number;
    pprof: string | null;
    durationSeconds: number;
    warmupSeconds: number;
    concurrency: number;
    /** Requests per second, null for closed loop. */
    rate: number | null;
    mode: 'closed-loop' | 'open-loop';
    repeat: number;
    profiles: string[];
    timeoutMs: number;
  };
  environment: Environment;
  repetitions: Repetition[];
  warnings: string[];
}

/** Environment is where the run happened. */
export interface Environment {
  machine: { hostname: string; platform: string; arch: string; cpus: number; cpuModel: string; memoryBytes: number; loadAverage: number[] };
  node: string;
  gotune: string;
  /** The service's Go version, when it could be found, and how. */
  go: { version: string; source: string } | null;
  /** The target is on this machine (loopback): it shares the cores with the load generator. */
  targetLocal: boolean;
  notes: string[];
}
