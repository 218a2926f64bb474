// One HTTP(S) GET with everything profile fetching needs: pprof's
// https+insecure scheme, TLS client files, a response-header timeout (a
// CPU profile answers only after its seconds), an idle timeout for the
// body, a size limit, cancellation, and errors worded like Go's client.

import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FetchError } from './errors.js';
import type { TlsClientOptions } from './tls-files.js';

/** GetOptions configures httpGet. */
interface GetOptions {
  /** Give up when the response headers have not arrived after this long. */
  headerTimeoutMs: number;
  /** Give up when the body stalls for this long (default: headerTimeoutMs). */
  idleTimeoutMs?: number;
  /** Refuse bodies larger than this many bytes (default 2 GiB). */
  maxBytes?: number;
  tls?: TlsClientOptions;
  /** Aborts the request; the promise rejects with a FetchError saying it was cancelled. */
  signal?: AbortSignal;
}

/** GetResult is a whole response. */
export interface GetResult {
  status: number;
  /** Go's resp.Status, e.g. "404 Not Found". */
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** TimeoutError is a FetchError for a server that did not answer in time. */
export class TimeoutError extends FetchError {}

/** goStatus is Go's resp.Status text for a response ("404 Not Found"). */
function goStatus(res: IncomingMessage): string {
  return `${res.statusCode} ${res.statusMessage ?? ''}`.trim();
}

/** dialMessage words a connection error as Go's net/http does, with a hint. */
function dialMessage(url: URL, e: NodeJS.ErrnoException): string {
  const hostport = `${url.hostname}:${url.port || (url.protocol === 'http:' ? 80 : 443)}`;
  switch (e.code) {
    case 'ECONNREFUSED': return `dial tcp ${hostport}: connect: connection refused (is the service running and listening there?)`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `dial tcp: lookup ${url.hostname}: no such host`;
    case 'ECONNRESET': return 'the server closed the connection before answering (ECONNRESET)';
    case 'EHOSTUNREACH': case 'ENETUNREACH': return `dial tcp ${hostport}: connect: no route to host`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT': case 'SELF_SIGNED_CERT_IN_CHAIN': case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY': case 'CERT_HAS_EXPIRED': case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `tls: failed to verify certificate: ${e.message} (trust its CA with -tls_ca, or skip verification with https+insecure://)`;
    case 'EPROTO': return `tls: ${e.message} (is it an https server?)`;
    default: return e.message;
  }
}

/** Opened is a request whose response headers have arrived. */
interface Opened {
  res: IncomingMessage;
  /** The URL as shown in messages. */
  shown: string;
  /** Ends the request's timers and listeners (the body is then the caller's). */
  release(): void;
}

/**
 * openGet starts a GET of url (http, https or pprof's https+insecure) and
 * resolves when the response headers have arrived, whatever the status.
 * Connection failures, the header timeout and cancellation reject with a
 * FetchError worded `Get "URL": …` as in Go.
 */
function openGet(rawUrl: string, opts: GetOptions): Promise<Opened> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(new FetchError(`parse "${rawUrl}": invalid URL`));
  }
  let insecure = false;
  if (url.protocol === 'https+insecure:') {
    insecure = true;
    url = new URL('https:' + rawUrl.slice('https+insecure:'.length));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new FetchError(`Get "${rawUrl}": unsupported protocol scheme "${url.protocol.slice(0, -1)}"`));
  }
  const target = url;
  const shown = url.href;
  const get = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const idle = opts.idleTimeoutMs ?? opts.headerTimeoutMs;
  return new Promise<Opened>((resolve, reject) => {
    let settled = false;
    const fail = (e: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      release();
      reject(e instanceof FetchError ? e : new FetchError(`Get "${shown}": ${dialMessage(target, e)}`));
    };
    const tlsOpts = url.protocol === 'https:' ? { ...opts.tls, rejectUnauthorized: !insecure } : {};
    // A fresh connection each time: a pooled one may have been closed by a server that restarted.
    const req = get(url, { method: 'GET', agent: false, headers: { 'user-agent': 'gotune', 'accept-encoding': 'identity' }, ...tlsOpts }, (res) => {
      clearTimeout(headerTimer);
      if (settled) {
        res.destroy();
        return;
      }
      settled = true;
      res.setTimeout(idle, () => res.destroy(new TimeoutError(`Get "${shown}": the server stopped sending the body for ${idle / 1000}s`)));
      resolve({ res, shown, release });
    });
    const headerTimer = setTimeout(() => {
      req.destroy(new TimeoutError(`Get "${shown}": net/http: timeout awaiting response headers (waited ${opts.headerTimeoutMs / 1000}s)`));
    }, opts.headerTimeoutMs);
    const onAbort = () => req.destroy(new FetchError(`Get "${shown}": cancelled`));
    function release(): void {
      clearTimeout(headerTimer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.end();
  });
}

/** bodyError words a failure while the body arrives. */
function bodyError(shown: string, url: string, e: NodeJS.ErrnoException): FetchError {
  return e instanceof FetchError ? e : new FetchError(`Get "${shown}": ${dialMessage(new URL(url.replace(/^https\+insecure:/, 'https:')), e)}`);
}

/**
 * httpGet fetches url (http, https or pprof's https+insecure) and returns
 * the whole response, whatever its status. Network failures and timeouts
 * reject with a FetchError worded `Get "URL": …` as in Go.
 */
export async function httpGet(rawUrl: string, opts: GetOptions): Promise<GetResult> {
  const { res, shown, release } = await openGet(rawUrl, opts);
  const max = opts.maxBytes ?? 2 ** 31;
  return new Promise<GetResult>((resolve, reject) => {
    let settled = false;
    const done = (e: Error | null, r?: GetResult) => {
      if (settled) return;
      settled = true;
      release();
      if (e) reject(e);
      else resolve(r!);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        res.destroy(new FetchError(`Get "${shown}": the answer is larger than ${max} bytes`));
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => done(null, { status: res.statusCode ?? 0, statusText: goStatus(res), headers: res.headers, body: Buffer.concat(chunks) }));
    res.on('error', (e: NodeJS.ErrnoException) => done(bodyError(shown, rawUrl, e)));
    res.on('aborted', () => done(new FetchError(`Get "${shown}": the server closed the connection in the middle of the answer`)));
  });
}

/** StreamResult is a response whose body is read as it arrives. */
interface StreamResult {
  status: number;
  /** Go's resp.Status, e.g. "404 Not Found". */
  statusText: string;
  headers: IncomingHttpHeaders;
  body: AsyncIterable<Uint8Array>;
}

/**
 * httpGetStream fetches url as httpGet does but resolves once the
 * response headers arrive, with the body as a stream of chunks (for
 * answers read line by line, such as goroutine dumps). Reading the body
 * to its end, or stopping early, releases the connection.
 */
export async function httpGetStream(rawUrl: string, opts: GetOptions): Promise<StreamResult> {
  const { res, shown, release } = await openGet(rawUrl, opts);
  async function* body(): AsyncGenerator<Uint8Array> {
    try {
      for await (const c of res) yield c as Buffer;
    } catch (e) {
      throw bodyError(shown, rawUrl, e as NodeJS.ErrnoException);
    } finally {
      release();
      res.destroy();
    }
  }
  return { status: res.statusCode ?? 0, statusText: goStatus(res), headers: res.headers, body: body() };
}
