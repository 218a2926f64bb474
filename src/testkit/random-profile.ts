// Random profiles for property tests of the graph: functions main.f0..fN,
// locations with inline chains, stacks that repeat functions (recursion),
// skewed weights with some zeros. Deterministic for a seed.

import type { RawProfile } from './raw-profile.js';

/** rng is a small deterministic generator of numbers in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * randomProfile makes functions f0..fN and locations holding inline chains
 * of 1–3 of them (disjoint: inlined functions are never outermost ones);
 * sizes are [functions, locations, share of locations with a chain].
 */
export function randomProfile(seed: number, nSamples?: number, disjoint = false, sizes?: [number, number, number]): RawProfile {
  const r = rng(seed);
  const pick = (n: number) => Math.floor(r() * n);
  const nFn = sizes ? sizes[0] : 6 + pick(10);
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds', 'main.go'];
  const functions = [];
  for (let f = 0; f < nFn; f++) {
    strings.push(`main.f${f}`);
    functions.push({ id: f + 1, name: strings.length - 1, filename: 5 });
  }
  const nLoc = sizes ? sizes[1] : 8 + pick(30);
  const locations = [];
  for (let l = 0; l < nLoc; l++) {
    // sizes[2]: the share of locations with an inline chain.
    const depth = r() >= (sizes ? sizes[2] : 0.5) ? 1 : 2 + pick(2);
    const lines = [];
    // disjoint: inlined functions (inner frames) are never outermost ones.
    const half = nFn >> 1;
    for (let k = 0; k < depth; k++) {
      const fn = !disjoint ? pick(nFn) : k === depth - 1 ? pick(half) : half + pick(nFn - half);
      lines.push({ functionId: 1 + fn, line: 1 + k });
    }
    locations.push({ id: l + 1, lines });
  }
  const samples = [];
  nSamples ??= 50 + pick(400);
  for (let s = 0; s < nSamples; s++) {
    const depth = 1 + pick(8);
    const locationIds = [];
    for (let k = 0; k < depth; k++) locationIds.push(1 + pick(nLoc));
    // Skewed weights, some zero: a few heavy stacks, many light ones.
    const v = r() < 0.1 ? 0 : Math.floor(1 + 1000 * r() ** 4);
    samples.push({ locationIds, values: [v, v * 1000] });
  }
  return { sampleTypes: [[1, 2], [3, 4]], samples, mappings: [], locations, functions, strings };
}
