// How verify prints numbers: durations from µs, bytes with binary units,
// counts with thousands separators, ratios and relative changes in percent,
// p-values with three decimals.

/** sig3 prints a positive number with three significant digits (100 and above as a whole number). */
function sig3(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** formatMicros prints a duration given in µs: 812µs, 3.10ms, 21.4ms, 1.20s (0.5µs below a microsecond). */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return '-';
  const a = Math.abs(us);
  const sign = us < 0 ? '-' : '';
  if (a < 1) return `${sign}${a.toFixed(2)}µs`;
  if (a < 1000) return `${sign}${sig3(a)}µs`;
  if (a < 1e6) return `${sign}${sig3(a / 1000)}ms`;
  return `${sign}${sig3(a / 1e6)}s`;
}

/** formatBytes prints bytes with a binary unit and three significant digits: 5.32 MiB. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  let v = Math.abs(n);
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${n < 0 ? '-' : ''}${u === 0 ? Math.round(v) : sig3(v)} ${units[u]}`;
}

/** formatCount prints a count rounded to a whole number with thousands separators (below 10, one decimal when not whole). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (Math.abs(n) < 10 && !Number.isInteger(n)) return n.toFixed(1);
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** formatRatio prints a fraction as a percentage: 0%, 0.012%, 1.20%, 45.0%. */
export function formatRatio(f: number): string {
  if (!Number.isFinite(f)) return '-';
  if (f === 0) return '0%';
  const p = f * 100;
  return `${p < 0.1 ? p.toPrecision(2) : sig3(p)}%`;
}

/** formatDelta prints a relative change: +4.2%, -86.1%, 0%, "from 0" when the base was zero (null). */
export function formatDelta(d: number | null): string {
  if (d === null) return 'from 0';
  if (d === 0) return '0%';
  const p = d * 100;
  const a = Math.abs(p);
  const s = a >= 100 ? a.toFixed(0) : a >= 0.1 ? a.toFixed(1) : a.toPrecision(1);
  return `${p < 0 ? '-' : '+'}${s}%`;
}

/** formatP prints a p-value with three decimals, as benchstat does. */
export function formatP(p: number): string {
  return p.toFixed(3);
}

/** formatShare prints a share of a profile's total, in percent with one decimal. */
export function formatShare(s: number): string {
  return `${(s * 100).toFixed(1)}%`;
}

/** formatShareDelta prints a change of share in percentage points: +12.3pp, -80.0pp. */
export function formatShareDelta(d: number): string {
  const p = d * 100;
  return `${p < 0 ? '-' : '+'}${Math.abs(p).toFixed(1)}pp`;
}
