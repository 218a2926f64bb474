// Prompt release of large buffers. V8 frees an ArrayBuffer's memory only
// when a garbage collection finds it unreachable, and building a report
// allocates too little to trigger one: a decompressed profile would stay
// resident for the whole run. One explicit collection after each large
// step keeps peak memory to what is live.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** releaseGarbage runs a full garbage collection when the runtime allows it. */
export function releaseGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
