// A small contract for running part of a computation on a helper thread:
// the caller starts a named task, does its own share, then waits. Shared
// typed arrays let both threads read the same samples without a copy.
// Node provides the helper (cli/parallel-pool.ts); elsewhere it is absent
// and everything runs on one thread.

import type { Samples } from './types.js';

/** PendingTask is a task started on a helper thread. */
export interface PendingTask<T> {
  /**
   * wait blocks until the task is done and returns its result, throws the
   * task's ProfileError, or returns null when the helper could not deliver
   * (the caller then does the work itself).
   */
  wait(): T | null;
}

/** Parallel starts named tasks on a helper thread. */
export interface Parallel {
  start<T>(task: string, input: unknown): PendingTask<T>;
  /** Work (frames, bytes) below which callers do not split; PARALLEL_MIN_FRAMES by default. */
  readonly minWork?: number;
  /**
   * warm starts the helper ahead of its first task, for a caller that knows
   * large work is coming and is about to wait on something else (reading
   * a file), so that the helper's start-up is off the critical path.
   */
  warm?(): void;
}

/** WARM_FILE_BYTES is the file size from which a reader warms the helper: such files usually split. */
export const WARM_FILE_BYTES = 4 << 20;

/** sharedBuffer returns a SharedArrayBuffer where the runtime has them, else an ArrayBuffer. */
export function sharedBuffer(bytes: number): ArrayBufferLike {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** isShared tells whether a typed array lives in shared memory (so a helper reads it without a copy). */
export function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

/**
 * samplesShared tells whether a sample table's per-sample arrays are all in
 * shared memory, so that a helper thread reads them in place (a plain
 * array would be copied to it whole).
 */
export function samplesShared(s: Pick<Samples, 'stackStart' | 'locs' | 'values' | 'labels'>): boolean {
  return isShared(s.stackStart) && isShared(s.locs) && isShared(s.values) && isShared(s.labels);
}

/** PARALLEL_MIN_FRAMES is the work below which a helper thread does not pay off. */
const PARALLEL_MIN_FRAMES = 2_000_000;

/** worthSplitting tells whether work of this size should be split with the helper. */
export function worthSplitting(parallel: Parallel | null | undefined, work: number): parallel is Parallel {
  return !!parallel && work >= (parallel.minWork ?? PARALLEL_MIN_FRAMES);
}
