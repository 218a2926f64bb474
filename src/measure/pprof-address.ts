// Where a service's diagnostics live, from the --pprof argument: the
// /debug/pprof/ handlers and expvar's /debug/vars beside them.

/** PprofAddress locates the diagnostics endpoints of a service. */
export interface PprofAddress {
  /** e.g. http://127.0.0.1:6060/debug/pprof (no trailing slash). */
  base: string;
  /** e.g. http://127.0.0.1:6060/debug/vars. */
  vars: string;
}

/**
 * pprofAddress accepts host:port, http(s)://host:port[/], or a URL ending
 * in /debug/pprof[/] (any prefix before it is kept). Throws an Error whose
 * message says what is wrong.
 */
export function pprofAddress(arg: string): PprofAddress {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(arg) ? arg : 'http://' + arg;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new Error(`invalid value "${arg}" for --pprof: not a URL or host:port`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`invalid value "${arg}" for --pprof: the scheme must be http or https`);
  }
  let path = u.pathname.replace(/\/+$/, '');
  const at = path.indexOf('/debug/pprof');
  let prefix: string;
  if (at >= 0) prefix = path.slice(0, at);
  else prefix = path;
  path = `${prefix}/debug/pprof`;
  return { base: `${u.origin}${path}`, vars: `${u.origin}${prefix}/debug/vars` };
}

/** profileUrl is the URL of one named profile, with query parameters. */
export function profileUrl(a: PprofAddress, name: string, query: Record<string, string | number> = {}): string {
  const q = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
  return `${a.base}/${name}${q !== '' ? '?' + q : ''}`;
}
