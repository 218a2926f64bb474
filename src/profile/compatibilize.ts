// Reducing several profiles to their common sample types before merging
// (pprof's CompatibilizeSampleTypes).

import { ProfileError } from './errors.js';
import type { Profile } from './types.js';

/**
 * compatibilizeSampleTypes keeps, in every profile, only the sample types
 * that all of them have, in the first profile's order.
 */
export function compatibilizeSampleTypes(ps: Profile[]): Profile[] {
  if (ps.length === 0) return ps;
  const counts = new Map<string, number>();
  for (const p of ps) for (const st of p.sampleTypes) counts.set(st.type, (counts.get(st.type) ?? 0) + 1);
  const common = ps[0].sampleTypes.map((t) => t.type).filter((t) => counts.get(t) === ps.length);
  if (common.length === 0) throw new ProfileError('incompatible', 'profiles have empty common sample type list');
  return ps.map((p) => {
    let dflt = common[0];
    const remap = common.map((st) => {
      if (st === p.defaultSampleType) dflt = p.defaultSampleType;
      const idx = p.sampleTypes.findIndex((v) => v.type === st);
      if (idx < 0) throw new ProfileError('incompatible', `"${st}" sample type is not found in profile`);
      return idx;
    });
    if (remap.every((idx, i) => idx === i) && common.length === p.sampleTypes.length) return p;
    const s = p.samples;
    const nv = common.length;
    const values = new Float64Array(s.count * nv);
    for (let i = 0; i < s.count; i++) {
      for (let j = 0; j < nv; j++) values[i * nv + j] = s.values[i * s.nValues + remap[j]];
    }
    return {
      ...p,
      defaultSampleType: dflt,
      sampleTypes: remap.map((idx) => p.sampleTypes[idx]),
      samples: { ...s, nValues: nv, values },
    };
  });
}
