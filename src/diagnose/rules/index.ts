// The rule table: every rule diagnose runs, in the order findings of equal
// severity are listed.

import type { Rule } from '../types.js';
import { allocationHotspot } from './allocation-hotspot.js';
import { antiPatterns } from './anti-patterns.js';
import { channelBlocking } from './channel-blocking.js';
import { cpuHotspot } from './cpu-hotspot.js';
import { gcPressure } from './gc-pressure.js';
import { goroutineLeak } from './goroutine-leak.js';
import { ioWait } from './io-wait.js';
import { lockContention } from './lock-contention.js';
import { memoryLeak } from './memory-leak.js';
import { timerLeak } from './timer-leak.js';

/** RULES lists the rules with their names. */
export const RULES: ReadonlyArray<readonly [string, Rule]> = [
  ['memory-leak', memoryLeak],
  ['goroutine-leak', goroutineLeak],
  ['lock-contention', lockContention],
  ['channel-blocking', channelBlocking],
  ['io-wait', ioWait],
  ['gc-pressure', gcPressure],
  ['cpu-hotspot', cpuHotspot],
  ['allocation-hotspot', allocationHotspot],
  ['anti-pattern', antiPatterns],
  ['timer-leak', timerLeak],
];
