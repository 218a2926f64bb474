// Go's integer parsing (strconv.ParseInt/ParseUint, with their errors) and
// int64/uint64 wrap-around, which the legacy parsers rely on exactly.

/** NumResult is a parsed number or the reason it could not be parsed. */
type NumResult = { ok: true; value: bigint } | { ok: false; message: string };

const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);

/** toInt64 wraps a bigint to a signed 64-bit value, like a Go int64 conversion. */
export function toInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** toUint64 wraps a bigint to an unsigned 64-bit value, like Go uint64 arithmetic. */
export function toUint64(v: bigint): bigint {
  return BigInt.asUintN(64, v);
}

/**
 * floatToInt64 is Go's int64(f) on amd64: truncation toward zero, and the
 * "integer indefinite" value -2^63 for NaN and out-of-range inputs.
 */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return I64_MIN;
  return BigInt(Math.trunc(f));
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x7a) return l - 0x61 + 10;
  return 99;
}

// Go accepts "_" separators (base 0 only) when each sits between digits.
function underscoresPlaced(s: string): boolean {
  let i = 0;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let last = '^';
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    last = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      last = '0';
    } else if (c === '_') {
      if (last !== '0') return false;
      last = '_';
    } else {
      if (last === '_') return false;
      last = '!';
    }
  }
  return last !== '_';
}

type Raw = { value: bigint; error: '' | 'invalid syntax' | 'value out of range' };

function scanUnsigned(s: string, base: number): Raw {
  if (s === '') return { value: 0n, error: 'invalid syntax' };
  const prefixed = base === 0;
  let digits = s;
  if (prefixed) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1].toLowerCase() : '';
      if (p === 'b') base = 2;
      else if (p === 'o') base = 8;
      else if (p === 'x') base = 16;
      else base = 8;
      digits = base === 8 && p !== 'o' ? s.slice(1) : s.slice(2);
    }
  }
  const big = BigInt(base);
  let n = 0n;
  let sawUnderscore = false;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c === 0x5f && prefixed) {
      sawUnderscore = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return { value: 0n, error: 'invalid syntax' };
    n = n * big + BigInt(d);
    if (n > U64_MAX) return { value: U64_MAX, error: 'value out of range' };
  }
  if (sawUnderscore && !underscoresPlaced(s)) return { value: 0n, error: 'invalid syntax' };
  return { value: n, error: '' };
}

function numError(fn: string, s: string, what: string): string {
  return `strconv.${fn}: parsing ${JSON.stringify(s)}: ${what}`;
}

/** parseGoUint is strconv.ParseUint(s, base, 64); base 0 honours 0x/0o/0b/0 prefixes. */
export function parseGoUint(s: string, base: number): NumResult {
  const r = scanUnsigned(s, base);
  if (r.error) return { ok: false, message: numError('ParseUint', s, r.error) };
  return { ok: true, value: r.value };
}

/** parseGoInt is strconv.ParseInt(s, base, 64). */
export function parseGoInt(s: string, base: number): NumResult {
  if (s === '') return { ok: false, message: numError('ParseInt', s, 'invalid syntax') };
  const neg = s[0] === '-';
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  const r = scanUnsigned(body, base);
  if (r.error === 'invalid syntax') return { ok: false, message: numError('ParseInt', s, r.error) };
  const limit = 1n << 63n;
  if (r.error || (!neg && r.value >= limit) || (neg && r.value > limit)) {
    return { ok: false, message: numError('ParseInt', s, 'value out of range') };
  }
  return { ok: true, value: neg ? -r.value : r.value };
}

function isLowerHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

/**
 * parseHexAddresses collects every lower-case 0x… number in s (as the
 * regexp 0x[0-9a-f]+ finds them) as a uint64; it returns an error message
 * when one does not fit in 64 bits.
 */
export function parseHexAddresses(s: string): { addrs: bigint[] } | { error: string } {
  const addrs: bigint[] = [];
  const n = s.length;
  let i = 0;
  while (i + 2 < n) {
    if (s.charCodeAt(i) !== 0x30 || s.charCodeAt(i + 1) !== 0x78 || !isLowerHex(s.charCodeAt(i + 2))) {
      i++;
      continue;
    }
    const start = i + 2;
    let end = start;
    while (end < n && isLowerHex(s.charCodeAt(end))) end++;
    let first = start;
    while (first < end - 1 && s.charCodeAt(first) === 0x30) first++;
    const digits = end - first;
    if (digits > 16) return { error: `failed to parse as hex 64-bit number: ${s.slice(i, end)}` };
    // Up to 13 hex digits fit a double exactly; parseInt is cheaper than BigInt(string).
    addrs.push(digits <= 13 ? BigInt(parseInt(s.slice(first, end), 16)) : BigInt('0x' + s.slice(first, end)));
    i = end;
  }
  return { addrs };
}