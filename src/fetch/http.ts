// Plain HTTP(S) GETs for text endpoints such as /debug/pprof/goroutine?debug=2,
// with node:http only: a body as a stream or as text, errors as one line.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FetchError } from './errors.js';

/** HttpOptions configures fetchText and fetchStream. */
export interface HttpOptions {
  /** Give up when the server sends nothing for this long (connecting included). */
  timeoutMs: number;
  /** fetchText only: refuse bodies larger than this (default 1 GiB). */
  maxBytes?: number;
}

function describe(url: string, e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED': return `${url}: connection refused (is a server listening there?)`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `${url}: unknown host`;
    case 'ECONNRESET': return `${url}: the server closed the connection`;
    default: return `${url}: ${e.message}`;
  }
}

async function firstLineOf(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > 4096 || text.includes('\n')) break;
  }
  res.destroy();
  return text.split('\n')[0].trim().slice(0, 200);
}

/**
 * fetchStream GETs url and resolves with the response body once the server
 * has answered 200; the body is an async iterable of chunks. Any other
 * status rejects with a FetchError carrying the first line of the server's text.
 */
export function fetchStream(url: string, opts: HttpOptions): Promise<AsyncIterable<Uint8Array>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new FetchError(`${url}: not a valid URL`));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new FetchError(`${url}: only http and https URLs are supported`));
  }
  const request = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(parsed, { method: 'GET', headers: { 'user-agent': 'gotune' } }, (res) => {
      if (res.statusCode === 200) {
        res.on('error', () => { /* surfaced to the reader by the iterator */ });
        resolve(res);
        return;
      }
      const status = `${res.statusCode} ${res.statusMessage ?? ''}`.trim();
      firstLineOf(res).then(
        (line) => reject(new FetchError(`${url}: server returned ${status}${line ? `: ${line}` : ''}`)),
        () => reject(new FetchError(`${url}: server returned ${status}`)),
      );
    });
    req.setTimeout(opts.timeoutMs, () => {
      req.destroy(new FetchError(`${url}: no answer within ${opts.timeoutMs / 1000}s`));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      reject(e instanceof FetchError ? e : new FetchError(describe(url, e)));
    });
    req.end();
  });
}

/** fetchText GETs url and returns its body as UTF-8 text (see fetchStream for errors). */
export async function fetchText(url: string, opts: HttpOptions): Promise<string> {
  const body = await fetchStream(url, opts);
  const max = opts.maxBytes ?? 2 ** 30;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > max) throw new FetchError(`${url}: the answer is larger than ${max} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    throw new FetchError(describe(url, e as NodeJS.ErrnoException));
  }
  return Buffer.concat(chunks).toString('utf8');
}
