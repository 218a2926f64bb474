// Go's duration syntax (time.ParseDuration): "300ms", "1.5h", "2h45m",
// "-1m", units ns, us/µs/μs, ms, s, m, h. The one duration parser of gotune.

const NANOS_PER_UNIT: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/**
 * parseGoDuration reads a duration as Go's time.ParseDuration does and
 * returns it in nanoseconds, or null when the text is not a duration.
 * "0" alone needs no unit; any other number does.
 */
export function parseGoDuration(s: string): number | null {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return null;
  let total = 0;
  while (rest !== '') {
    // Go requires digits before or after the point ("1.", ".5" are fine; "." is not).
    // The micro signs as escapes: a literal non-Latin-1 character here made
    // the whole bundled CLI a two-byte string when bin/gotune.js reads it.
    const m = /^(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * NANOS_PER_UNIT[m[3]];
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/**
 * parseDurationFlag reads a command-line duration in seconds: Go's syntax,
 * or a bare number of seconds (`30` is `30s`), which gotune also accepts.
 */
export function parseDurationFlag(s: string): number | null {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const ns = parseGoDuration(s);
  return ns === null ? null : ns / 1e9;
}
