// Waiting inside a run that Ctrl-C may cut short.

import { setTimeout as delay } from 'node:timers/promises';

/** sleep resolves after ms milliseconds, or as soon as signal aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}
