// Stack repairs shared by the sampled-stack formats (CPU and threadz).

import type { DraftProfile } from './draft.js';
import { toUint64 } from './strconv.js';

/**
 * dropDuplicatedLeaf removes the second frame of a stack when it is the
 * leaf again, recorded once from the signal context and once (adjusted by
 * -1 as a return address) by the unwinder. The location table is left as is.
 */
export function dropDuplicatedLeaf(d: DraftProfile): void {
  for (const s of d.samples) {
    if (s.locs.length > 1 && s.locs[0].address === toUint64(s.locs[1].address + 1n)) s.locs.splice(1, 1);
  }
}
