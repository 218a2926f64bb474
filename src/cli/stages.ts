// The stages of gotune demo and gotune tune: each is the gotune command a
// user would type, run as a process of its own with its output straight to
// ours. Ctrl-C reaches a running stage from the terminal itself (so
// measure keeps what it captured); SIGTERM, sent to us alone, is passed on.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../node/package-root.js';

/** RUNNING are the stages running now. */
const RUNNING = new Set<ChildProcess>();

/** runStage runs `gotune argv…` and resolves with its exit status (128 + the signal's number when killed; 130 when signal was already aborted). */
export function runStage(argv: string[], signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return resolve(130);
    // Standard input stays ours: tune reads Enter from it.
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'gotune.js'), ...argv], { stdio: ['ignore', 'inherit', 'inherit'] });
    RUNNING.add(child);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      RUNNING.delete(child);
      resolve(code ?? 128 + (sig === 'SIGINT' ? 2 : 15));
    });
  });
}

/** onInterrupt calls interrupted on SIGINT or SIGTERM (passing SIGTERM on to the running stages); the returned function removes the handlers. */
export function onInterrupt(interrupted: () => void): () => void {
  const on = (sig: NodeJS.Signals) => {
    if (sig === 'SIGTERM') for (const c of RUNNING) c.kill('SIGTERM');
    interrupted();
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return () => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
}
