// One request to the target before any load, over the same connection code
// as the load: a target that is down, refuses, hangs, or answers with an
// error is reported in one clear line before a run directory is made.

import { buildRequest, Http1Connection } from './http1-connection.js';
import type { LoadOptions } from './load-generator.js';

/** ProbeResult is the outcome of the first request. */
type ProbeResult =
  | { ok: true; status: number; ms: number }
  | { ok: false; message: string };

function explain(url: URL, code: string, message: string): string {
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  switch (code) {
    case 'ECONNREFUSED': return `connection refused at ${where}: is the service running and listening there?`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `unknown host ${url.hostname}`;
    case 'ECONNRESET': case 'CLOSED': return `${where} closed the connection without answering (is it an HTTP server? for https use an https:// URL)`;
    case 'EPROTO': return `${where}: ${message} (is it an https server?)`;
    default: return `${where}: ${message}`;
  }
}

/** probeTarget sends one request as the load will, waiting at most timeoutMs for the answer. */
export function probeTarget(o: Pick<LoadOptions, 'url' | 'method' | 'headers' | 'body' | 'insecure'>, timeoutMs: number): Promise<ProbeResult> {
  const u = o.url;
  const tls = u.protocol === 'https:';
  const request = buildRequest({ method: o.method, path: u.pathname + u.search, host: u.host, headers: o.headers, body: o.body });
  return new Promise((resolve) => {
    const t0 = Date.now();
    let done = false;
    const finish = (r: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      conn.destroy();
      resolve(r);
    };
    const conn = new Http1Connection(
      { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (tls ? 443 : 80)), tls, rejectUnauthorized: !o.insecure },
      (status) => finish({ ok: true, status, ms: Date.now() - t0 }),
      (code, message) => finish({ ok: false, message: explain(u, code, message) }),
    );
    const timer = setTimeout(() => finish({
      ok: false,
      message: `no answer from ${u.host} within ${timeoutMs / 1000}s: the service accepts connections but does not respond (hung?); --timeout sets the limit`,
    }), timeoutMs);
    conn.send(request);
  });
}
