// Scaling sample values: pprof's Scale/ScaleN and Normalize.

import { checkCompatible, goRound } from './merge.js';
import { filterSamples } from './samples.js';
import type { Profile } from './types.js';

/**
 * scaleProfileN multiplies each value type by its ratio, rounding, and keeps
 * only samples where a rescaled value is non-zero. As in pprof, values whose
 * ratio is 1 are neither changed nor counted when deciding to keep a sample.
 */
export function scaleProfileN(p: Profile, ratios: number[]): Profile {
  if (ratios.length !== p.sampleTypes.length) {
    throw new Error(`mismatched scale ratios, got ${ratios.length}, want ${p.sampleTypes.length}`);
  }
  if (ratios.every((r) => r === 1)) return p;
  const s = p.samples;
  const nv = s.nValues;
  const values = s.values.slice();
  const keep = new Uint8Array(s.count);
  for (let i = 0; i < s.count; i++) {
    for (let j = 0; j < nv; j++) {
      if (ratios[j] !== 1) {
        const v = goRound(values[i * nv + j] * ratios[j]);
        values[i * nv + j] = v;
        if (v !== 0) keep[i] = 1;
      }
    }
  }
  const scaled = { ...s, values };
  return { ...p, samples: filterSamples(scaled, (i) => keep[i] === 1) };
}

/** scaleProfile multiplies every value by ratio (pprof's Profile.Scale). */
export function scaleProfile(p: Profile, ratio: number): Profile {
  if (ratio === 1) return p;
  return scaleProfileN(p, p.sampleTypes.map(() => ratio));
}

/** sampleTotals sums each value type over all samples. */
export function sampleTotals(p: Profile): number[] {
  const s = p.samples;
  const nv = s.nValues;
  const sums = new Array<number>(nv).fill(0);
  for (let i = 0; i < s.count; i++) for (let j = 0; j < nv; j++) sums[j] += s.values[i * nv + j];
  return sums;
}

/**
 * normalizeProfile scales p so that each value type totals what it totals
 * in base (pprof's Profile.Normalize, used by -normalize).
 */
export function normalizeProfile(p: Profile, base: Profile): Profile {
  checkCompatible(p, base);
  const baseVals = sampleTotals(base);
  const srcVals = sampleTotals(p);
  return scaleProfileN(p, baseVals.map((b, i) => (srcVals[i] === 0 ? 0 : b / srcVals[i])));
}
