// Which profile sources are URLs, and the URL actually fetched: the rules
// of `go tool pprof` (cmd/pprof's adjustURL): `host:port` shorthands gain
// http://, an empty path means the CPU profile, -seconds becomes the
// `seconds` query parameter, and the timeout defaults from the duration.

/** CPU_PROFILE_PATH is the Go CPU profile handler's path. */
const CPU_PROFILE_PATH = '/debug/pprof/profile';

/** CPU_DEFAULT_SECONDS is how long Go's handler profiles without a seconds parameter. */
const CPU_DEFAULT_SECONDS = 30;

/** AdjustedUrl is a source recognised as a URL. */
export interface AdjustedUrl {
  /** The URL fetched, as pprof prints it (query parameters sorted). */
  url: string;
  /** The timeout in seconds (pprof's: -timeout, else duration × 1.5, else 60). */
  timeoutSeconds: number;
  /** How long the server will collect before answering, in seconds (0 for snapshots). */
  collectSeconds: number;
}

// Go's url.getScheme: a scheme is letters, then letters, digits, + - .
function splitScheme(s: string): { scheme: string; rest: string } | 'error' {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: s };
      continue;
    }
    if (c === ':') return i === 0 ? 'error' : { scheme: s.slice(0, i), rest: s.slice(i + 1) };
    return { scheme: '', rest: s };
  }
  return { scheme: '', rest: s };
}

/** ParsedUrl is the part of Go's url.URL that adjustURL looks at. */
interface ParsedUrl {
  scheme: string;
  host: string;
  path: string;
  query: string;
  fragment: string;
}

// A reduced Go url.Parse: enough to tell URLs from file names as pprof does.
function goParse(raw: string): ParsedUrl | null {
  let fragment = '';
  const hash = raw.indexOf('#');
  if (hash >= 0) {
    fragment = raw.slice(hash + 1);
    raw = raw.slice(0, hash);
  }
  const sp = splitScheme(raw);
  if (sp === 'error') return null; // "missing protocol scheme"
  let { scheme, rest } = sp;
  scheme = scheme.toLowerCase();
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (scheme !== '' && !rest.startsWith('/')) {
    return { scheme, host: '', path: '', query, fragment }; // opaque, e.g. "localhost:6060"
  }
  if (scheme === '' && !rest.startsWith('/')) {
    const seg = rest.split('/')[0];
    if (seg.includes(':')) return null; // "first path segment in URL cannot contain colon"
  }
  let host = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/]/);
    host = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end < 0 ? '' : rest.slice(2 + end);
    if (host.includes('@')) host = host.slice(host.lastIndexOf('@') + 1);
  }
  return { scheme, host, path: rest, query, fragment };
}

// Go's url.QueryEscape.
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function queryUnescape(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

// Go's url.ParseQuery then Values.Encode: keys sorted, values in order.
function parseQuery(q: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of q.split('&')) {
    if (part === '' || part.includes(';')) continue;
    const eq = part.indexOf('=');
    const k = queryUnescape(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : queryUnescape(part.slice(eq + 1));
    m.set(k, [...(m.get(k) ?? []), v]);
  }
  return m;
}

function encodeQuery(m: Map<string, string[]>): string {
  return [...m.keys()].sort().flatMap((k) => m.get(k)!.map((v) => `${queryEscape(k)}=${queryEscape(v)}`)).join('&');
}

/**
 * adjustUrl tells whether source is a URL and, if so, returns what pprof
 * fetches; null means "not a URL" (the source is then a file name). Only
 * call it for sources that are not existing files. seconds and timeout are
 * the -seconds and -timeout flags (≤ 0 when not set).
 */
export function adjustUrl(source: string, seconds: number, timeout: number): AdjustedUrl | null {
  let u = goParse(source);
  if (u === null || (u.host === '' && u.scheme !== '' && u.scheme !== 'file')) {
    u = goParse('http://' + source);
  }
  if (u === null || u.host === '') return null;
  if (u.path === '' || u.path === '/') u.path = CPU_PROFILE_PATH;
  const values = parseQuery(u.query);
  let duration = 0;
  if (seconds > 0) {
    values.set('seconds', [String(Math.trunc(seconds))]);
    duration = Math.trunc(seconds);
  } else {
    const s = values.get('seconds')?.[0];
    if (s !== undefined && /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) < 2 ** 31) duration = Number(s);
  }
  let t = timeout;
  if (t <= 0) t = duration > 0 ? duration + duration / 2 : 60;
  const query = encodeQuery(values);
  const url = `${u.scheme}://${u.host}${u.path}${query !== '' ? '?' + query : ''}${u.fragment !== '' ? '#' + u.fragment : ''}`;
  return { url, timeoutSeconds: t, collectSeconds: collectSeconds(u.path, duration) };
}

// How long Go's handlers take to answer: the CPU profile always profiles
// (30 s by default, at least 1 s); other profiles only with seconds > 0
// (a delta profile); trace likewise (1 s by default).
function collectSeconds(path: string, seconds: number): number {
  if (path.endsWith(CPU_PROFILE_PATH)) return seconds > 0 ? seconds : CPU_DEFAULT_SECONDS;
  return seconds > 0 ? seconds : 0;
}

/** goDuration prints whole seconds as Go's time.Duration does: 30s, 1m30s, 1h0m0s. */
export function goDuration(seconds: number): string {
  const s = Math.trunc(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.trunc(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.trunc(m / 60)}h${m % 60}m${s % 60}s`;
}
