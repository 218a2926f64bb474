// Numbers printed as Go's fmt and strconv print them: fixed precision with
// round-half-to-even on the exact binary value (JavaScript's toFixed rounds
// ties up and switches to exponents at 1e21), and %v's shortest form.

/** exactParts splits a finite |x| into m·2^e with m a whole number. */
function exactParts(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { m: frac, e: -1074 };
  return { m: frac | (1n << 52n), e: biased - 1075 };
}

/**
 * formatFixed is Go's %.<prec>f (strconv.FormatFloat(x, 'f', prec, 64)):
 * the exact value rounded half to even, "-" kept on negative zero, and
 * "NaN", "+Inf", "-Inf" for the values that are not finite.
 */
export function formatFixed(x: number, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const { m, e } = exactParts(x);
  const scale = 10n ** BigInt(prec);
  let n: bigint;
  if (e >= 0) {
    n = (m << BigInt(e)) * scale;
  } else {
    const num = m * scale;
    const den = 1n << BigInt(-e);
    n = num / den;
    const twice = (num % den) * 2n;
    if (twice > den || (twice === den && (n & 1n) === 1n)) n += 1n;
  }
  let digits = n.toString();
  if (prec > 0) {
    digits = digits.padStart(prec + 1, '0');
    digits = `${digits.slice(0, -prec)}.${digits.slice(-prec)}`;
  }
  return (neg ? '-' : '') + digits;
}

/** formatSignedFixed is Go's %+.<prec>f: formatFixed with a sign always shown. */
export function formatSignedFixed(x: number, prec: number): string {
  const s = formatFixed(x, prec);
  return s.startsWith('-') || s.startsWith('+') ? s : `+${s}`;
}

/**
 * formatShortest is Go's %v of a float64 (fmt.Sprint): the shortest digits
 * that read back as x (as JavaScript finds them too), in exponent form
 * (two exponent digits at least) when the decimal exponent is below -4 or
 * at least 6: Go prints 123456 but 1e+06 and 1.234567e+06.
 */
export function formatShortest(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const [mant, expText] = Math.abs(x).toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${Math.abs(exp).toString().padStart(2, '0')}`;
  }
  const digits = mant.replace('.', '');
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
