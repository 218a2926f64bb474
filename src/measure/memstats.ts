// The Go runtime's own figures: runtime.MemStats as printed at the end of
// /debug/pprof/heap?debug=1 ("# HeapInuse = 123" lines), or as the
// "memstats" object of /debug/vars, and GC pauses between two snapshots.

/** MemStats holds the fields gotune uses (bytes, counts, nanoseconds). */
export interface MemStats {
  heapAlloc: number;
  heapInuse: number;
  heapObjects: number;
  sys: number;
  totalAlloc: number;
  mallocs: number;
  numGC: number;
  /** The runtime's circular buffer of the last 256 pauses (ns); the pause of GC k is at (k - 1) % 256. */
  pauseNs: number[];
  gcCpuFraction: number;
  nextGC: number;
}

const FIELDS: [keyof MemStats, string][] = [
  ['heapAlloc', 'HeapAlloc'], ['heapInuse', 'HeapInuse'], ['heapObjects', 'HeapObjects'], ['sys', 'Sys'],
  ['totalAlloc', 'TotalAlloc'], ['mallocs', 'Mallocs'], ['numGC', 'NumGC'],
  ['gcCpuFraction', 'GCCPUFraction'], ['nextGC', 'NextGC'],
];

/**
 * memStatsTrailer returns the "# runtime.MemStats" section of a
 * heap?debug=1 answer (what run directories keep), or null without one.
 */
export function memStatsTrailer(text: string): string | null {
  const at = text.indexOf('# runtime.MemStats');
  return at < 0 ? null : text.slice(at);
}

/** parseMemStatsText reads the "# Name = value" lines of a heap?debug=1 answer; null without them. */
export function parseMemStatsText(text: string): MemStats | null {
  const trailer = memStatsTrailer(text);
  if (trailer === null) return null;
  const raw = new Map<string, string>();
  for (const line of trailer.split('\n')) {
    const m = /^# (\w+) = (.*)$/.exec(line);
    if (m) raw.set(m[1], m[2].trim());
  }
  const num = (name: string) => {
    const v = raw.get(name);
    if (v === undefined) return 0;
    const n = Number(v.split(/\s/)[0]);
    return Number.isFinite(n) ? n : 0;
  };
  const pauses = (raw.get('PauseNs') ?? '').replace(/^\[|\]$/g, '').split(/\s+/).filter((s) => s !== '').map(Number);
  const out = Object.fromEntries(FIELDS.map(([k, name]) => [k, num(name)])) as unknown as MemStats;
  out.pauseNs = pauses;
  return out;
}

/** parseMemStatsJson reads the "memstats" object of /debug/vars; null when absent. */
export function parseMemStatsJson(vars: unknown): MemStats | null {
  const ms = (vars as { memstats?: Record<string, unknown> } | null)?.memstats;
  if (!ms || typeof ms !== 'object') return null;
  const num = (name: string) => (typeof ms[name] === 'number' ? (ms[name] as number) : 0);
  const out = Object.fromEntries(FIELDS.map(([k, name]) => [k, num(name)])) as unknown as MemStats;
  out.pauseNs = Array.isArray(ms.PauseNs) ? (ms.PauseNs as number[]) : [];
  return out;
}

/** GcBetween describes the collections between two snapshots. */
interface GcBetween {
  /** Collections that ran. */
  count: number;
  /** Their stop-the-world pauses in ns (at most the runtime's last 256). */
  pausesNs: number[];
  /** Collections whose pause fell out of the runtime's 256-entry buffer. */
  missing: number;
}

/** gcBetween lists the collections that ran between two snapshots of one process. */
export function gcBetween(start: MemStats, end: MemStats): GcBetween {
  const count = Math.max(0, end.numGC - start.numGC);
  const kept = Math.min(count, 256, end.pauseNs.length);
  const pausesNs: number[] = [];
  for (let k = end.numGC - kept + 1; k <= end.numGC; k++) pausesNs.push(end.pauseNs[(k - 1) % 256] ?? 0);
  return { count, pausesNs, missing: count - kept };
}
