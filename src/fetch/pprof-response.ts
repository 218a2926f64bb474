// Reading a /debug/pprof answer: pprof's wording for an error status, a
// clear message for answers that are not profiles (an HTML page, a proxy's
// error), and the hint for the empty block and mutex profiles of a service
// that never turned them on.

import type { IncomingHttpHeaders } from 'node:http';
import { ProfileError } from '../profile/errors.js';
import { parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { FetchError } from './errors.js';
import { inflateBounded } from './gzip.js';
import type { GetResult } from './http-get.js';

function header(h: IncomingHttpHeaders, name: string): string {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : v ?? '';
}

function looksLikeHtml(r: GetResult): boolean {
  if (header(r.headers, 'content-type').includes('text/html')) return true;
  const start = r.body.subarray(0, 256).toString('latin1').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<');
}

function firstText(r: GetResult): string {
  return r.body.subarray(0, 4096).toString('utf8').split('\n').map((l) => l.trim()).find((l) => l !== '')?.slice(0, 200) ?? '';
}

/**
 * statusError is pprof's message for a status other than 200: "server
 * response: 404 Not Found - <body>" when the pprof handler itself answered
 * (it sets X-Go-Pprof and sends text/plain), else "server response: 404
 * Not Found" followed by a short description of what did answer.
 */
export function statusError(r: GetResult): FetchError {
  const ct = header(r.headers, 'content-type');
  if (header(r.headers, 'x-go-pprof') !== '' && ct.includes('text/plain')) {
    return new FetchError(`server response: ${r.statusText} - ${r.body.toString('utf8')}`.trimEnd());
  }
  let detail = '';
  if (r.body.length > 0) {
    if (looksLikeHtml(r)) detail = ' (the answer is an HTML page: is this the service\'s /debug/pprof address?)';
    else if (ct.includes('text/plain')) detail = ` (${firstText(r)})`;
  }
  if (r.status === 404 && detail === '') detail = ' (no such path: is net/http/pprof imported, and served on this port?)';
  return new FetchError(`server response: ${r.statusText}${detail}`);
}

/**
 * parseFetched turns a 200 answer into a profile. An HTML page or other
 * text that no profile parser accepts gets a message saying what it is.
 */
export function parseFetched(r: GetResult, maxDecompressedBytes: number): Profile {
  if (r.body.length === 0) throw new FetchError('the server answered with an empty body, not a profile');
  try {
    return parseProfile(r.body, { inflate: inflateBounded, maxDecompressedBytes });
  } catch (e) {
    if (!(e instanceof ProfileError) || e.kind === 'too-large') throw e;
    if (looksLikeHtml(r)) {
      throw new FetchError('the server answered with an HTML page, not a profile (is this a /debug/pprof profile URL?)');
    }
    const ct = header(r.headers, 'content-type');
    if (ct.startsWith('text/') || ct.includes('json')) {
      throw new FetchError(`the server answered with ${ct.split(';')[0]}, not a profile: ${JSON.stringify(firstText(r))}`);
    }
    throw new FetchError(`parsing profile: ${e.message}`);
  }
}

/** profileKindOfPath tells block and mutex profile URLs apart (by the path's last element). */
export function profileKindOfPath(path: string): string {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return last === 'profile' ? 'cpu' : last;
}

/**
 * emptyProfileHint explains an empty block or mutex profile: Go records
 * them only after runtime.SetBlockProfileRate or
 * runtime.SetMutexProfileFraction was called with a positive value. Null
 * when the profile has samples or is of another kind.
 */
export function emptyProfileHint(kind: string, p: Profile): string | null {
  if (p.samples.count > 0) return null;
  if (kind === 'block') {
    return 'the block profile is empty: the service never turned it on (call runtime.SetBlockProfileRate(rate) at start-up, e.g. rate 1000 to sample a blocking event per µs blocked), or nothing blocked';
  }
  if (kind === 'mutex') {
    return 'the mutex profile is empty: the service never turned it on (call runtime.SetMutexProfileFraction(n) at start-up, e.g. 5 to sample 1 in 5 contention events), or no lock was contended';
  }
  return null;
}
