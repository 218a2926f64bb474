// Go's fmt number verbs that pprof output depends on (%.2f, %.Ng), with
// Go's rounding: exact decimal value, ties to even (JS's toFixed rounds
// ties up, which differs on values such as 0.125).

/** exactDecimal returns the exact decimal digits of a finite x > 0 and the
 * position of the decimal point within them (may be <= 0 or > length). */
function exactDecimal(x: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  if (e >= 0) {
    const digits = (mant << BigInt(e)).toString();
    return { digits, point: digits.length };
  }
  const digits = (mant * 5n ** BigInt(-e)).toString();
  return { digits, point: digits.length + e };
}

/** Round digits to keep `keep` leading digits, ties to even; returns the
 * new digits and how far the point moved (1 when a carry added a digit). */
function roundDigits(digits: string, keep: number): { digits: string; carry: number } {
  if (keep >= digits.length) return { digits, carry: 0 };
  if (keep < 0) return { digits: '', carry: 0 };
  const next = digits.charCodeAt(keep) - 48;
  let up = false;
  if (next > 5) up = true;
  else if (next === 5) {
    const rest = digits.slice(keep + 1);
    if (/[1-9]/.test(rest)) up = true;
    else up = keep > 0 && (digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  }
  let kept = digits.slice(0, keep);
  if (!up) return { digits: kept, carry: 0 };
  const arr = kept.split('').map(Number);
  let i = arr.length - 1;
  while (i >= 0 && arr[i] === 9) arr[i--] = 0;
  if (i < 0) return { digits: '1' + arr.join(''), carry: 1 };
  arr[i]++;
  kept = arr.join('');
  return { digits: kept, carry: 0 };
}

function fixedExact(x: number, prec: number): string {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let out: string;
  if (a === 0) out = prec > 0 ? '0.' + '0'.repeat(prec) : '0';
  else {
    const { digits, point } = exactDecimal(a);
    // Pad so that the point lies inside the digit string.
    let d = digits;
    let pt = point;
    if (pt <= 0) {
      d = '0'.repeat(1 - pt) + d;
      pt = 1;
    }
    const r = roundDigits(d, pt + prec);
    let rd = r.digits;
    pt += r.carry;
    if (rd.length < pt + prec) rd = rd + '0'.repeat(pt + prec - rd.length);
    const intPart = rd.slice(0, pt).replace(/^0+(?=\d)/, '');
    out = prec > 0 ? `${intPart}.${rd.slice(pt, pt + prec)}` : intPart;
  }
  return neg ? '-' + out : out;
}

/** goFixed formats x like Go's %.<prec>f. */
export function goFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  if (prec === 2 && Math.abs(x) < 1e21) {
    // A tie at the third decimal needs x*8 to be an odd integer (see the
    // note at the top); otherwise toFixed already rounds like Go.
    const t = x * 8;
    if (!(Number.isInteger(t) && Math.abs(t) % 2 === 1)) return x.toFixed(2);
  }
  return fixedExact(x, prec);
}

/** goG formats x like Go's %.<prec>g (shortest of %e/%f, trailing zeros cut). */
export function goG(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  if (prec === 0) prec = 1;
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a === 0) return neg ? '-0' : '0';
  const s = shortDigits(a, prec) ?? exactDigits(a, prec);
  const out = layoutG(s.digits, s.exp, prec);
  return neg ? '-' + out : out;
}

/**
 * shortDigits rounds a > 0 to prec significant digits with toExponential,
 * which rounds the exact value correctly but sends ties up where Go sends
 * them to even. A tie has exactly prec+1 significant digits, the last a 5,
 * so one more digit shows it; then it returns null for the exact path.
 * (The test can also catch a non-tie whose prec+1 digits read back as a;
 * those just take the exact path.) Why: percentages below 1% are printed
 * on every -top row, and the BigInt path was most of a small -top's
 * formatting time.
 */
function shortDigits(a: number, prec: number): { digits: string; exp: number } | null {
  if (prec > 100) return null;
  const more = a.toExponential(prec);
  const e = more.indexOf('e');
  if (more.charCodeAt(e - 1) === 53 /* 5 */ && Number(more) === a) return null;
  const s = prec === 1 ? a.toExponential(0) : a.toExponential(prec - 1);
  const ei = s.indexOf('e');
  const digits = prec === 1 ? s.slice(0, ei) : s[0] + s.slice(2, ei);
  return { digits, exp: Number(s.slice(ei + 1)) };
}

/** exactDigits rounds a > 0 to prec significant digits from its exact decimal value, ties to even. */
function exactDigits(a: number, prec: number): { digits: string; exp: number } {
  const { digits, point } = exactDecimal(a);
  const firstNonZero = digits.search(/[1-9]/);
  const sig = digits.slice(firstNonZero);
  let exp = point - firstNonZero - 1; // decimal exponent of the first digit
  const r = roundDigits(sig, prec);
  let d = r.digits;
  exp += r.carry;
  if (r.carry) d = d.slice(0, prec);
  return { digits: d, exp };
}

/** layoutG writes significant digits d (first digit at 10^exp) as %g does. */
function layoutG(digits: string, exp: number, prec: number): string {
  const d = digits.replace(/0+$/, '') || '0';
  if (exp < -4 || exp >= prec) {
    const mant = d.length > 1 ? `${d[0]}.${d.slice(1)}` : d;
    const es = Math.abs(exp) < 10 ? '0' + Math.abs(exp) : String(Math.abs(exp));
    return `${mant}e${exp < 0 ? '-' : '+'}${es}`;
  }
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + d;
  if (d.length <= exp + 1) return d + '0'.repeat(exp + 1 - d.length);
  return `${d.slice(0, exp + 1)}.${d.slice(exp + 1)}`;
}

/** goGExact is goG by the exact decimal value alone: the fast path's oracle in tests. */
export function goGExact(x: number, prec: number): string {
  if (!Number.isFinite(x) || x === 0) return goG(x, prec);
  if (prec === 0) prec = 1;
  const s = exactDigits(Math.abs(x), prec);
  const out = layoutG(s.digits, s.exp, prec);
  return x < 0 ? '-' + out : out;
}

/** Code points of s, as Go counts a string's width in %<w>s. */
function runeCount(s: string): number {
  // Most strings have no surrogate pair; spreading them into an array was
  // a measurable share of a small -top.
  return SURROGATE.test(s) ? [...s].length : s.length;
}
const SURROGATE = /[\uD800-\uDBFF]/;

/** padLeft right-aligns s in a field of width w, like Go's %<w>s. */
export function padLeft(s: string, w: number): string {
  const n = runeCount(s);
  return n >= w ? s : ' '.repeat(w - n) + s;
}

/** padRight left-aligns s in a field of width w, like Go's %-<w>s. */
export function padRight(s: string, w: number): string {
  const n = runeCount(s);
  return n >= w ? s : s + ' '.repeat(w - n);
}
