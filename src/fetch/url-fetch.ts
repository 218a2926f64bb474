// Fetching one profile from a URL the way `go tool pprof` does: its
// messages on standard error, its timeouts, its error wording; plus a
// countdown on a terminal while the server collects.

import type { Fetched, FetchOptions } from '../ports.js';
import { httpGet } from './http-get.js';
import { emptyProfileHint, parseFetched, profileKindOfPath, statusError } from './pprof-response.js';
import { startCountdown, type ProgressSink } from './progress.js';
import { loadTlsFiles } from './tls-files.js';
import { goDuration, type AdjustedUrl } from './url-source.js';

/** UrlFetchIo is where fetching prints. */
interface UrlFetchIo {
  /** One line on standard error. */
  printErr(line: string): void;
  /** Standard error when it is a terminal: the countdown is drawn there. */
  progress?: ProgressSink;
  /** Cancels the fetch. */
  signal?: AbortSignal;
  /** For the proxy variables (default process.env). */
  env?: Record<string, string | undefined>;
}

/**
 * proxyNotice says that a proxy set in the environment is not used (Go's
 * client would use it, except for loopback hosts), or null.
 */
export function proxyNotice(url: string, env: Record<string, string | undefined>): string | null {
  const u = new URL(url.replace(/^https\+insecure:/, 'https:'));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return null;
  const name = u.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  const set = name.find((n) => (env[n] ?? '') !== '');
  return set ? `${set} is set, but proxies are not supported yet: connecting to ${u.host} directly` : null;
}

/**
 * fetchUrl GETs an adjusted URL and parses the profile. It prints pprof's
 * "Fetching profile over HTTP from …" and, while the server collects,
 * "Please wait... (30s)" (pprof prints it only for -seconds; gotune also
 * when the URL or the CPU default sets the time) and a countdown bar on a
 * terminal. The header timeout is the timeout + 5 s, as in pprof.
 */
export async function fetchUrl(adj: AdjustedUrl, opts: FetchOptions, io: UrlFetchIo): Promise<Fetched> {
  const tls = loadTlsFiles(opts.tls);
  io.printErr(`Fetching profile over HTTP from ${adj.url}`);
  const proxy = proxyNotice(adj.url, io.env ?? process.env);
  if (proxy) io.printErr(proxy);
  if (adj.collectSeconds > 0) io.printErr(`Please wait... (${goDuration(adj.collectSeconds)})`);
  const countdown = startCountdown(io.progress, adj.collectSeconds);
  let res;
  try {
    res = await httpGet(adj.url, {
      headerTimeoutMs: (adj.timeoutSeconds + 5) * 1000,
      maxBytes: opts.maxDecompressedBytes,
      tls,
      signal: io.signal,
    });
  } finally {
    countdown.stop();
  }
  if (res.status !== 200) throw statusError(res);
  const profile = parseFetched(res, opts.maxDecompressedBytes);
  const kind = profileKindOfPath(new URL(adj.url.replace(/^https\+insecure:/, 'https:')).pathname);
  const hint = emptyProfileHint(kind, profile);
  if (hint) io.printErr(hint);
  return { profile, remote: true, url: adj.url };
}
