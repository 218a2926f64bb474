// `gotune measure` options: the one Options type of the measure layer
// (the command line that fills it is cli/measure.ts).

/** PROFILE_KINDS are the captures --profiles can name, in capture order. */
export const PROFILE_KINDS = ['cpu', 'heap', 'allocs', 'goroutine', 'block', 'mutex'] as const;

/** ProfileKind is one of PROFILE_KINDS, or trace (an execution trace over the window; asked for, never a default). */
export type ProfileKind = (typeof PROFILE_KINDS)[number] | 'trace';

/** MeasureOptions configures a measurement run. */
export interface MeasureOptions {
  /** The URL the load is driven at. */
  target: string;
  method: string;
  headers: [string, string][];
  body: Buffer | null;
  /** The service's /debug/pprof address, '' for load only. */
  pprof: string;
  /** Measurement window of each repetition, whole seconds (CPU profiles take whole seconds). */
  durationSeconds: number;
  /** Unmeasured load before the first repetition, in seconds. */
  warmupSeconds: number;
  /** Connections: the most requests in flight. */
  concurrency: number;
  /** Requests per second (open loop); 0 for closed loop. */
  rate: number;
  repeat: number;
  profiles: ProfileKind[];
  /** Run directory; '' chooses runs/<date>-<time>. */
  out: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** https target: skip certificate verification. */
  insecure: boolean;
  /** The largest share of failed requests (0 to 1) for a run to succeed; a run where every request failed fails whatever it is. */
  maxErrorRate: number;
}
