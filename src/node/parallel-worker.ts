// The helper thread of WorkerPool: runs the named tasks of the passes that
// split their samples between two threads, and answers on its port.

import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { nodeTagSums, type NodeTagInput } from '../graph/node-tags.js';
import { edgesPass, weightsPass, type EdgesInput, type WeightsInput } from '../graph/passes.js';
import { decodeLaterRange, type SampleRangeInput } from '../profile/decode-samples.js';
import { ProfileError } from '../profile/errors.js';
import { releaseGarbage } from '../fetch/memory.js';

interface Task {
  id: number;
  task: string;
  input: { input: unknown; from: number; to: number };
}

/** Each task returns its result and the buffers to hand over (not copy). */
const TASKS: Record<string, (x: Task['input']) => { result: unknown; transfer: ArrayBuffer[] }> = {
  'graph.weights': ({ input, from, to }) => {
    const w = weightsPass(input as WeightsInput, from, to);
    return { result: w, transfer: [w.flat.buffer, w.flatDiv.buffer, w.cum.buffer, w.cumDiv.buffer, w.chainCum.buffer] as ArrayBuffer[] };
  },
  'profile.samples': ({ input, from, to }) => {
    const out = decodeLaterRange(input as SampleRangeInput, from, to);
    return { result: out, transfer: [out.labels.buffer as ArrayBuffer] };
  },
  'graph.nodeTags': ({ input, from, to }) => {
    const t = nodeTagSums(input as NodeTagInput, from, to);
    const transfer = [t.cum.buffer, t.flat.buffer, t.touched.buffer] as ArrayBuffer[];
    if (t.cumDiv && t.flatDiv) transfer.push(t.cumDiv.buffer as ArrayBuffer, t.flatDiv.buffer as ArrayBuffer);
    return { result: t, transfer };
  },
  'graph.edges': ({ input, from, to }) => {
    const rows = edgesPass(input as EdgesInput, from, to).rowsView().slice();
    return { result: rows, transfer: [rows.buffer] };
  },
};

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

port.on('message', (t: Task) => {
  try {
    const run = TASKS[t.task];
    if (!run) throw new Error(`unknown task ${t.task}`);
    const { result, transfer } = run(t.input);
    port.postMessage({ id: t.id, result }, transfer);
  } catch (e) {
    const err = e as Error;
    port.postMessage({ id: t.id, error: { name: err.name, message: err.message, kind: e instanceof ProfileError ? e.kind : undefined } });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  // The task's input may hold shared buffers (a decompressed profile):
  // collect once this handler has let go of it, so that this thread's
  // references do not keep them alive.
  setImmediate(releaseGarbage);
});
