// A helper thread for the Parallel contract (profile/parallel.ts): tasks go
// to one worker over a message port; the caller blocks on a shared flag
// while it waits, so the computations that use it stay synchronous.

import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { ProfileError, type ProfileErrorKind } from '../profile/errors.js';
import type { Parallel, PendingTask } from '../profile/parallel.js';

interface Reply {
  id: number;
  result?: unknown;
  error?: { name: string; message: string; kind?: ProfileErrorKind };
}

/**
 * WorkerPool runs tasks on a single worker thread, started on first use
 * (or when warmed).
 * If the worker fails or takes far longer than expected, wait() returns
 * null and the caller does the work itself: a helper must never hang or
 * break a report.
 */
export class WorkerPool implements Parallel {
  /** Work below which callers do not split (see profile/parallel.ts). */
  readonly minWork: number | undefined;
  private worker: Worker | null = null;
  private port: MessageChannel['port1'] | null = null;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private seq = 0;
  private broken = false;
  private readonly workerUrl: URL;

  /** workerUrl is the helper's module: by default parallel-worker.js beside this one (compiled or bundled). */
  constructor(opts: { minWork?: number; workerUrl?: URL } = {}) {
    this.minWork = opts.minWork;
    this.workerUrl = opts.workerUrl ?? new URL('./parallel-worker.js', import.meta.url);
  }

  private ensure(): boolean {
    if (this.broken) return false;
    if (this.worker) return true;
    try {
      const { port1, port2 } = new MessageChannel();
      this.worker = new Worker(this.workerUrl, {
        workerData: { port: port2, flag: this.flag },
        transferList: [port2],
      });
      // The worker must not keep the process alive, nor crash it.
      this.worker.unref();
      this.worker.on('error', () => (this.broken = true));
      this.worker.on('exit', () => (this.broken = true));
      this.port = port1;
      return true;
    } catch {
      this.broken = true;
      return false;
    }
  }

  /** warm starts the worker now rather than on the first task. */
  warm(): void {
    this.ensure();
  }

  /** start sends a task to the worker; wait() gives its result, or null if the helper could not deliver. */
  start<T>(task: string, input: unknown): PendingTask<T> {
    if (!this.ensure()) return { wait: () => null };
    const id = ++this.seq;
    const started = performance.now();
    Atomics.store(this.flag, 0, 0);
    this.port!.postMessage({ id, task, input });
    return {
      wait: (): T | null => {
        // Generous, but bounded: a stuck helper costs at most this delay.
        const limit = started + Math.max(30_000, 10 * (performance.now() - started));
        for (;;) {
          const m = receiveMessageOnPort(this.port!);
          if (m) {
            const reply = m.message as Reply;
            if (reply.id !== id) continue; // a late answer to an abandoned task
            if (reply.error) {
              if (reply.error.name === 'ProfileError') throw new ProfileError(reply.error.kind ?? 'invalid', reply.error.message);
              this.broken = true;
              return null;
            }
            return reply.result as T;
          }
          if (this.broken || performance.now() > limit) {
            this.broken = true;
            return null;
          }
          Atomics.wait(this.flag, 0, 0, 100);
        }
      },
    };
  }

  /** close stops the worker. */
  close(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null;
  }
}
