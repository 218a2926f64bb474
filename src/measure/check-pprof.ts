// Checking, before any capture, that an address serves Go's /debug/pprof:
// a server that is down, refuses, hangs or answers something else is one
// clear line (exit status 2) before anything is written.

import { httpGet } from '../fetch/http-get.js';
import { statusError } from '../fetch/pprof-response.js';
import { UserError } from '../user-error.js';
import { profileUrl, type PprofAddress } from './pprof-address.js';

/** PprofUnavailable is an address where no /debug/pprof answers. */
class PprofUnavailable extends UserError {}

/**
 * checkPprof asks for goroutine?debug=1 (small, instant, always there) and
 * throws PprofUnavailable, its message prefixed by `label` (the flag or
 * argument that named the address), when the answer is not one.
 */
export async function checkPprof(a: PprofAddress, signal: AbortSignal, label: string): Promise<void> {
  const url = profileUrl(a, 'goroutine', { debug: 1 });
  let r;
  try {
    r = await httpGet(url, { headerTimeoutMs: 10_000, maxBytes: 64 << 20, signal });
  } catch (e) {
    throw new PprofUnavailable(`${label}${a.base}: ${(e as Error).message}`);
  }
  if (r.status !== 200) throw new PprofUnavailable(`${label}${url}: ${statusError(r).message}`);
  if (!r.body.toString('utf8', 0, 200).includes('goroutine profile:')) {
    const html = r.body.toString('latin1', 0, 200).trimStart().startsWith('<');
    throw new PprofUnavailable(`${label}${url}: the answer is ${html ? 'an HTML page' : 'not a goroutine profile'}: is this the service's /debug/pprof address (net/http/pprof)?`);
  }
}
