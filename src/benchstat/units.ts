// Benchmark units as benchstat treats them: "ns" and "MB" tidied into "sec"
// and "B" (so a scaled value never reads "µns/op"), the class that picks
// SI (k, M…) or IEC (Ki, Mi…) prefixes, and the scaler that prints a row
// of values with a common prefix and at least three significant digits.

import { formatFixed } from './gofmt.js';
import { isSpace } from './text.js';

/** UnitToken is one word of a unit ("ns", "op") and where it sits. */
interface UnitToken {
  tok: string;
  pos: number;
  denom: boolean;
}

/** unitTokens splits a unit at '*' (numerator follows), '/' (denominator follows), '-' and spaces. */
function unitTokens(unit: string): UnitToken[] {
  const out: UnitToken[] = [];
  let denom = false;
  let i = 0;
  const isSep = (ch: string) => ch === '*' || ch === '/' || ch === '-' || isSpace(ch);
  while (i < unit.length) {
    const ch = String.fromCodePoint(unit.codePointAt(i)!);
    if (ch === '*') denom = false;
    else if (ch === '/') denom = true;
    if (isSep(ch)) {
      i += ch.length;
      continue;
    }
    let end = i;
    while (end < unit.length) {
      const c = String.fromCodePoint(unit.codePointAt(end)!);
      if (isSep(c)) break;
      end += c.length;
    }
    out.push({ tok: unit.slice(i, end), pos: i, denom });
    i = end;
  }
  return out;
}

/** UnitClass says how values of a unit scale: by 1000 (Decimal) or 1024 (Binary). */
type UnitClass = 'decimal' | 'binary';

/** unitClass is Binary when the unit's numerator counts bytes ("B", "MB", "bytes"), else Decimal. */
export function unitClass(unit: string): UnitClass {
  return unitTokens(unit).some((t) => !t.denom && (t.tok === 'B' || t.tok === 'MB' || t.tok === 'bytes')) ? 'binary' : 'decimal';
}

const tidyCache = new Map<string, [string, number]>();

/**
 * tidyUnit is the base unit and the factor a value is multiplied by to get
 * there: ns/op → sec/op ×1e-9, MB/s → B/s ×1e6; "ns" and "MB" in a
 * numerator are rewritten wherever they appear, denominators are kept.
 */
export function tidyUnit(unit: string): [tidied: string, factor: number] {
  switch (unit) {
    case 'ns/op': return ['sec/op', 1e-9];
    case 'MB/s': return ['B/s', 1e6];
    case 'B/op': case 'allocs/op': return [unit, 1];
  }
  if (!unit.includes('ns') && !unit.includes('MB')) return [unit, 1];
  const hit = tidyCache.get(unit);
  if (hit) return hit;
  let factor = 1;
  const edits: { pos: number; len: number; replace: string }[] = [];
  for (const t of unitTokens(unit)) {
    if (t.denom) continue;
    if (t.tok === 'ns') {
      edits.push({ pos: t.pos, len: 2, replace: 'sec' });
      factor /= 1e9;
    } else if (t.tok === 'MB') {
      edits.push({ pos: t.pos, len: 2, replace: 'B' });
      factor *= 1e6;
    }
  }
  let tidied = unit;
  for (let i = edits.length - 1; i >= 0; i--) {
    const e = edits[i];
    tidied = tidied.slice(0, e.pos) + e.replace + tidied.slice(e.pos + e.len);
  }
  const res: [string, number] = [tidied, factor];
  tidyCache.set(unit, res);
  return res;
}

/** Scaler prints values with a fixed count of decimals after dividing by a prefix's factor. */
interface Scaler {
  prec: number;
  factor: number;
  prefix: string;
}

/** formatScaled prints val with s: "1.718µ", "3.000Ki". */
export function formatScaled(s: Scaler, val: number): string {
  return formatFixed(val / s.factor, s.prec) + s.prefix;
}

/** Prefix is one row of a prefix table with the thresholds where 100.0, 10.00 and 1.000 start. */
interface Prefix {
  factor: number;
  prefix: string;
  t100: number;
  t10: number;
  t1: number;
}

// The thresholds are the values that print as 100.0, 10.00 and 1.000 once
// rounded, so the choice of precision agrees with the printed digits.
const SI: Prefix[] = ['T', 'G', 'M', 'k', '', 'm', 'µ', 'n'].map((prefix, i) => {
  const exp = 12 - 3 * i;
  return { factor: Number(`1e${exp}`), prefix, t100: Number(`99.995e${exp}`), t10: Number(`9.9995e${exp}`), t1: Number(`.99995e${exp}`) };
});

// For binary prefixes, the same decimal thresholds times 2^exp (exact: a
// power of two only moves the exponent).
const IEC: Prefix[] = ['Ti', 'Gi', 'Mi', 'Ki', ''].map((prefix, i) => {
  const scale = Math.pow(2, 40 - 10 * i);
  return { factor: scale, prefix, t100: 99.995 * scale, t10: 9.9995 * scale, t1: 0.99995 * scale };
});

/** Below the smallest prefix: decimals 3, 4, … 10 by these thresholds. */
const SIGFIGS = [-1, -2, -3, -4, -5, -6, -7, -8].map((exp) => Number(`9.9995e${exp}`));

/**
 * commonScale picks the prefix and precision that show every value of vals
 * with at least three significant digits, judged by the non-zero value
 * closest to zero (all zeros: three decimals, no prefix).
 */
export function commonScale(vals: readonly number[], cls: UnitClass): Scaler {
  let min = 0;
  for (const v0 of vals) {
    const v = Math.abs(v0);
    if (v !== 0 && (min === 0 || v < min)) min = v;
  }
  if (min === 0) return { prec: 3, factor: 1, prefix: '' };
  const table = cls === 'binary' ? IEC : SI;
  for (const f of table) {
    if (min >= f.t100) return { prec: 1, factor: f.factor, prefix: f.prefix };
    if (min >= f.t10) return { prec: 2, factor: f.factor, prefix: f.prefix };
    if (min >= f.t1) return { prec: 3, factor: f.factor, prefix: f.prefix };
  }
  const last = table[table.length - 1];
  const val = min / last.factor;
  for (let i = 0; i < SIGFIGS.length; i++) {
    if (val >= SIGFIGS[i] || i === SIGFIGS.length - 1) return { prec: i + 3, factor: last.factor, prefix: last.prefix };
  }
  throw new Error('unreachable');
}

/** scaleValue prints one value at its own scale (the geomean row). */
export function scaleValue(val: number, cls: UnitClass): string {
  return formatScaled(commonScale([val], cls), val);
}
