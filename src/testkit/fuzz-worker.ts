// Test helper: a worker thread that runs a range of fuzz inputs, so that
// the test's main thread can stop it when one input hangs and say which.

import { parentPort, workerData } from 'node:worker_threads';
import { checkInput, loadSeeds, makeInput } from './fuzz-harness.js';

/** FuzzWorkerData is what the test passes to the worker. */
export interface FuzzWorkerData {
  seed: number;
  from: number;
  to: number;
  limitMs: number;
  /** Int32Array view: [0] = index being checked, [1] = 1 when done. */
  progress: SharedArrayBuffer;
}

/** FuzzWorkerMessage is what the worker posts back: ready, one per input, then done. */
export type FuzzWorkerMessage =
  | { type: 'result'; index: number; outcome: 'ok' | 'rejected' | 'problem'; kind?: string; problem?: string; parseMs: number }
  | { type: 'ready' }
  | { type: 'done' };

const data = workerData as FuzzWorkerData;
const progress = new Int32Array(data.progress);
const { seeds } = loadSeeds();
parentPort!.postMessage({ type: 'ready' } satisfies FuzzWorkerMessage);
for (let i = data.from; i < data.to; i++) {
  Atomics.store(progress, 0, i);
  const input = makeInput(data.seed, i, seeds);
  const r = checkInput(input.data, data.limitMs);
  parentPort!.postMessage({ type: 'result', index: i, outcome: r.outcome, kind: r.kind, problem: r.problem, parseMs: r.parseMs } satisfies FuzzWorkerMessage);
}
Atomics.store(progress, 1, 1);
parentPort!.postMessage({ type: 'done' } satisfies FuzzWorkerMessage);
