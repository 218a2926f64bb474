// Units of sample values and labels — bytes, time, GCU — with pprof's
// scaling rules ("minimum"/"auto" choose a natural unit) and formatting.

import { goFixed, goG, padLeft } from './go-format.js';

interface Unit {
  name: string;
  aliases: string[];
  factor: number;
}

interface UnitType {
  units: Unit[];
  dflt: Unit;
}

const BYTES: UnitType = {
  units: [
    { name: 'B', aliases: ['b', 'byte'], factor: 1 },
    { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
    { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
    { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
    { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
    { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
  ],
  dflt: { name: 'B', aliases: ['b', 'byte'], factor: 1 },
};

const TIME: UnitType = {
  units: [
    { name: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
    { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
    { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
    { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
    { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
  ],
  dflt: { name: 's', aliases: [], factor: 1e9 },
};

const GCU: UnitType = {
  units: [
    { name: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
    { name: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
    { name: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
    { name: 'GCU', aliases: ['gcu'], factor: 1 },
    { name: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
    { name: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
    { name: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
    { name: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
    { name: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
  ],
  dflt: { name: 'GCU', aliases: [], factor: 1 },
};

const UNIT_TYPES = [BYTES, TIME, GCU];

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

// A report formats every row's values through sniffUnit: remember answers.
const sniffed = new Map<UnitType, Map<string, Unit | null>>();

/** sniffUnit finds a unit by name: case-insensitive, plural "s" allowed. */
function sniffUnit(ut: UnitType, unit: string): Unit | null {
  let known = sniffed.get(ut);
  if (!known) sniffed.set(ut, (known = new Map()));
  const hit = known.get(unit);
  if (hit !== undefined) return hit;
  let u = unit.toLowerCase();
  // Go compares the byte length: "μs" is three bytes, so it loses its "s".
  if (utf8Length(u) > 2 && u.endsWith('s')) u = u.slice(0, -1);
  const found = ut.units.find((x) => x.aliases.includes(u)) ?? null;
  // Unit names come from profiles and flags: a few per run.
  if (known.size < 64) known.set(unit, found);
  return found;
}

function autoScale(ut: UnitType, v: number): [number, string] | null {
  let f = 0;
  let name = '';
  for (const u of ut.units) {
    if (u.factor >= f && v / u.factor >= 1) {
      f = u.factor;
      name = u.name;
    }
  }
  return f === 0 ? null : [v / f, name];
}

function convertUnit(ut: UnitType, value: number, from: string, to: string): [number, string] | null {
  const fu = sniffUnit(ut, from);
  if (!fu) return null;
  const v = value * fu.factor;
  if (to === 'minimum' || to === 'auto') {
    return autoScale(ut, v) ?? [v / ut.dflt.factor, ut.dflt.name];
  }
  const tu = sniffUnit(ut, to);
  if (!tu) return [v / ut.dflt.factor, ut.dflt.name];
  return [v / tu.factor, tu.name];
}

/**
 * scaleValue converts value from one unit to another ("minimum" and "auto"
 * pick the largest unit that keeps the value >= 1) and returns the value
 * and the unit's canonical name; unknown units pass through unchanged.
 */
export function scaleValue(value: number, fromUnit: string, toUnit: string): [number, string] {
  if (value < 0) {
    const [v, u] = scaleValue(-value, fromUnit, toUnit);
    return [-v, u];
  }
  for (const ut of UNIT_TYPES) {
    const r = convertUnit(ut, value, fromUnit, toUnit);
    if (r) return r;
  }
  switch (toUnit) {
    case 'count': case 'sample': case 'unit': case 'minimum': case 'auto':
      return [value, ''];
    default:
      return [value, toUnit];
  }
}

/** scaledLabel formats value in toUnit with two decimals, e.g. "1.50MB". */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const [v, u] = scaleValue(value, fromUnit, toUnit);
  let sv = goFixed(v, 2);
  if (sv.endsWith('.00')) sv = sv.slice(0, -3);
  if (sv === '0' || sv === '-0') return '0';
  return sv + u;
}

/** label formats value with an automatically chosen unit. */
export function label(value: number, unit: string): string {
  return scaledLabel(value, unit, 'auto');
}

/** percentage formats value/total like pprof: "12.34%", "  100%", " 0.12%". */
export function percentage(value: number, total: number): string {
  let ratio = 0;
  if (total !== 0) ratio = Math.abs(value / total) * 100;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1.0) return padLeft(goFixed(ratio, 2), 5) + '%';
  return padLeft(goG(ratio, 2), 5) + '%';
}

/** compatibleUnits tells whether two units can be converted into each other. */
export function compatibleUnits(a: string, b: string): boolean {
  if (a === b) return true;
  return UNIT_TYPES.some((ut) => sniffUnit(ut, a) !== null && sniffUnit(ut, b) !== null);
}
