// Rule lock-contention: time goroutines spent waiting for a sync.Mutex or
// RWMutex, from the mutex profile (charged to the user function that held
// the lock: the profile records the Unlock that ended a wait) and the block
// profile (the user function that waited in Lock).

import { viewLink } from '../link.js';
import { leafClass, owners, pct, sumWhere, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs } from '../types.js';
import { waitSeverity, windowNanos } from '../wait.js';

/** lockContention reports the lock whose waits add up to at least 1% of one goroutine's time. */
export function lockContention(inputs: Inputs): Finding[] {
  const m = inputs.mutex;
  const b = inputs.block;
  // Only sync's locks: the mutex profile also records the runtime's own locks (runtime.unlock), which user code cannot change.
  const isUnlock = (s: Parameters<typeof leafClass>[0]) => leafClass(s) === 'lock-unlock';
  const holder = m ? owners(m, valueIndex(m, 'delay'), isUnlock)[0] : undefined;
  const isLock = (s: Parameters<typeof leafClass>[0]) => leafClass(s) === 'lock-wait';
  const waiter = b ? owners(b, valueIndex(b, 'delay'), isLock)[0] : undefined;
  const src = holder && m ? { view: m, o: holder } : waiter && b ? { view: b, o: waiter } : null;
  if (!src) return [];
  const vi = valueIndex(src.view, 'delay');
  const delay = sumWhere(src.view, vi, src.view === m ? isUnlock : isLock);
  const win = windowNanos(src.view, inputs);
  const waiting = win > 0 ? delay / win : 0;
  if (win > 0 && waiting < 0.01) return [];
  const evidence = [
    `${src.view.name}: ${(delay / 1e9).toFixed(2)}s of lock wait${win > 0 ? ` in a ${(win / 1e9).toFixed(0)}s window (${waiting.toFixed(2)} goroutines waiting on average)` : ''}; ${pct(src.o.value, delay)} at ${src.o.fn}`,
  ];
  if (holder && waiter && b) {
    evidence.push(`${b.name}: goroutines wait in Lock at ${waiter.fn} (${pct(waiter.value, sumWhere(b, valueIndex(b, 'delay'), isLock))} of lock waits)`);
  }
  return [{
    kind: 'lock-contention', severity: win > 0 ? waitSeverity(waiting) : 'medium',
    title: `goroutines queue for a lock held in ${src.o.fn}`,
    where: whereOf(src.o),
    evidence,
    suggestion: 'shrink the critical section (compute outside the lock, hold it only to read or update shared state), shard the data by key, or use sync.RWMutex or atomics for read-mostly state',
    confidence: win > 0 ? Math.min(0.95, 0.6 + waiting / 10) : 0.5,
    // Peek: who calls the holder (or waiter) and what it calls, over the delay.
    view: viewLink('peek', src.view, src.o.fn, vi),
  }];
}
