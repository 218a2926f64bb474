// Bringing profiles to common units before they are merged (pprof's
// measurement.ScaleProfiles): e.g. one in milliseconds, one in nanoseconds.

import { ProfileError } from '../profile/errors.js';
import { scaleProfileN } from '../profile/scale.js';
import type { Profile, ValueType } from '../profile/types.js';
import { compatibleUnits, scaleValue } from './measurement.js';

function compatibleValueTypes(a: ValueType | null, b: ValueType | null): boolean {
  if (!a || !b) return true;
  const ta = a.type.endsWith('s') ? a.type.slice(0, -1) : a.type;
  const tb = b.type.endsWith('s') ? b.type.slice(0, -1) : b.type;
  if (ta !== tb) return false;
  return compatibleUnits(a.unit, b.unit);
}

/** commonValueType returns the finest unit among ts (null for fewer than two). */
function commonValueType(ts: (ValueType | null)[]): ValueType | null {
  if (ts.length <= 1) return null;
  let min = ts[0];
  for (const t of ts.slice(1)) {
    if (!compatibleValueTypes(min, t)) {
      throw new ProfileError('incompatible', `incompatible types: ${min?.type}/${min?.unit} ${t?.type}/${t?.unit}`);
    }
    if (t && min && scaleValue(1, t.unit, min.unit)[0] < 1) min = t;
  }
  return min ? { ...min } : null;
}

/** scaleProfiles converts every profile to the common units of all of them. */
export function scaleProfiles(ps: Profile[]): Profile[] {
  if (ps.length === 0) return ps;
  const periodType = commonValueType(ps.filter((p) => p.periodType !== null).map((p) => p.periodType));
  const n = ps[0].sampleTypes.length;
  for (const p of ps.slice(1)) {
    if (p.sampleTypes.length !== n) {
      throw new ProfileError('incompatible', `inconsistent samples type count: ${n} != ${p.sampleTypes.length}`);
    }
  }
  const common: (ValueType | null)[] = [];
  for (let i = 0; i < n; i++) common.push(commonValueType(ps.map((p) => p.sampleTypes[i])));
  return ps.map((p) => {
    let out = p;
    if (p.periodType && periodType) {
      const [period] = scaleValue(p.period, p.periodType.unit, periodType.unit);
      out = { ...out, period: Math.trunc(period), periodType: { ...p.periodType, unit: periodType.unit } };
    }
    const ratios = p.sampleTypes.map((st, i) => (common[i] ? scaleValue(1, st.unit, common[i]!.unit)[0] : 1));
    const sampleTypes = p.sampleTypes.map((st, i) => (common[i] ? { ...st, unit: common[i]!.unit } : st));
    return scaleProfileN({ ...out, sampleTypes }, ratios);
  });
}
