// Natural logarithm and exponential that round as Go's math.Log and
// math.Exp do on amd64 (benchstat's geomean goes through both, and -format
// csv prints it to the last digit; V8's Math.log and Math.exp differ from
// Go's in the last bit now and then). Log is the classic reduction to
// log(1+f) with s = f/(2+f) and a minimax polynomial in s²; Exp is
// Shibata's method (ISC'10): reduce by k·ln2, divide by 16, a Taylor
// polynomial for e^r - 1, square back four times; Go evaluates it with
// fused multiply-adds on CPUs that have them, and so does this (exactly,
// through BigInt). On a CPU without FMA, Go's own last digit can differ.

/** bitsOf splits a finite non-zero double into sign, 53-bit-or-less integer mantissa and exponent: x = ±m·2^e. */
function bitsOf(x: number): { neg: boolean; m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { neg: hi >>> 31 === 1, m: frac, e: -1074 } : { neg: hi >>> 31 === 1, m: frac | (1n << 52n), e: biased - 1075 };
}

/** scale2 is x·2^n for an x and n whose product is a double, without overflow on the way. */
function scale2(x: number, n: number): number {
  while (n > 1000) {
    x *= 2 ** 1000;
    n -= 1000;
  }
  while (n < -1000) {
    x *= 2 ** -1000;
    n += 1000;
  }
  return x * 2 ** n;
}

/** roundBig is the double nearest to s·2^e (ties to even), subnormals included. */
function roundBig(s: bigint, e: number): number {
  if (s === 0n) return 0;
  const neg = s < 0n;
  let mag = neg ? -s : s;
  const len = mag.toString(2).length;
  // Keep 53 significant bits, or fewer where the result is subnormal.
  let shift = len - 53;
  if (e + shift < -1074) shift = -1074 - e;
  if (shift > 0) {
    const b = BigInt(shift);
    let q = mag >> b;
    const rem = mag - (q << b);
    const half = 1n << (b - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    mag = q;
    e += shift;
  }
  const v = scale2(Number(mag), e);
  return neg ? -v : v;
}

/** fma is a·b + c rounded once, as the VFMADD instructions compute it. */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0 || b === 0) return a * b + c;
  if (!Number.isFinite(c)) return c; // the exact product is finite, even where a·b would overflow
  if (c === 0) return a * b;
  const x = bitsOf(a);
  const y = bitsOf(b);
  const z = bitsOf(c);
  const pm = (x.neg !== y.neg ? -1n : 1n) * x.m * y.m;
  const pe = x.e + y.e;
  const cm = z.neg ? -z.m : z.m;
  const e = Math.min(pe, z.e);
  const sum = (pm << BigInt(pe - e)) + (cm << BigInt(z.e - e));
  return roundBig(sum, e);
}

const HALF_SQRT2 = 7.07106781186547524401e-01;
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const LG = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
  1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01];

/** goLog is Go's math.Log on amd64. */
export function goLog(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return -Infinity;
  if (x < 0) return NaN;
  // x = f1·2^k with f1 in [0.5, 1), read from the bits (the exponent field as is).
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  let k = ((hi >>> 20) & 0x7ff) - 0x3fe;
  view.setUint32(0, (hi & 0x000fffff) | 0x3fe00000);
  let f1 = view.getFloat64(0);
  if (!(HALF_SQRT2 < f1)) {
    k -= 1;
    f1 *= 2;
  }
  const f = f1 - 1;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (LG[0] + s4 * (LG[2] + s4 * (LG[4] + s4 * LG[6])));
  const t2 = s4 * (LG[1] + s4 * (LG[3] + s4 * LG[5]));
  const r = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
}

const LOG2E = 1.4426950408889634073599246810018920;
const LN2_UPPER = 0.69314718055966295651160180568695068359375;
const LN2_LOWER = 0.28235290563031577122588448175013436025525412068e-12;
const EXP_OVERFLOW = 7.09782712893384e+02;
/** 1/8!, 1/7!, … 1/3!, then 1/2 and 1: the Taylor polynomial of (e^r - 1)/r. */
const TAYLOR = [2.4801587301587301587e-5, 1.9841269841269841270e-4, 1.3888888888888888889e-3, 8.3333333333333333333e-3,
  4.1666666666666666667e-2, 1.6666666666666666667e-1, 0.5, 1.0];

/** roundEven is the nearest integer, ties to even (the conversion's default rounding); int32 range, else its minimum. */
function roundEven(t: number): number {
  if (!(t >= -2147483648.5 && t < 2147483647.5)) return -2147483648;
  const r = Math.round(t);
  return r - t === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** goExp is Go's math.Exp on amd64 with FMA. */
export function goExp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > EXP_OVERFLOW) return Infinity;
  const k = roundEven(LOG2E * x);
  let r = fma(-k, LN2_UPPER, x);
  r = fma(-k, LN2_LOWER, r);
  r *= 0.0625;
  let p = TAYLOR[0];
  for (let i = 1; i < TAYLOR.length; i++) p = fma(p, r, TAYLOR[i]);
  // p·r is e^(x/16) - 1; squaring (1+y) four times gives e^x: y ← y·(y+2), the last one fused with the +1.
  let y = r * p;
  for (let i = 0; i < 3; i++) y = y * (y + 2);
  const v = fma(y, y + 2, 1);
  const biased = k + 0x3ff;
  if (biased <= 0) {
    if (biased < -52) return 0;
    return v * 2 ** (k + 1022) * 2 ** -1022;
  }
  if (biased >= 0x7ff) return Infinity;
  return scale2(v, k);
}
