// Unsampling of heap samples taken by a Poisson process with mean rate R:
// a sample of average size S was kept with probability 1-exp(-S/R).

import { floatToInt64 } from './strconv.js';

/**
 * scaleHeapSample divides count and size by the probability of having
 * sampled them. A zero count or size gives 0, 0; a rate of 1 or less means
 * "everything sampled" (or unknown) and leaves the values alone.
 */
export function scaleHeapSample(count: bigint, size: bigint, rate: bigint): [bigint, bigint] {
  if (count === 0n || size === 0n) return [0n, 0n];
  if (rate <= 1n) return [count, size];
  const average = Number(size) / Number(count);
  const scale = 1 / (1 - Math.exp(-average / Number(rate)));
  return [floatToInt64(Number(count) * scale), floatToInt64(Number(size) * scale)];
}
