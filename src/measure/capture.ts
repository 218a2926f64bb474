// Capturing one thing from a live service into the run directory: a
// profile (kept byte for byte as served, after checking it parses), a
// text dump, or a JSON document. A failure is recorded with a one-line
// reason instead of being thrown, so one bad endpoint never costs the rest.

import { FetchError } from '../fetch/errors.js';
import { httpGet, TimeoutError } from '../fetch/http-get.js';
import { emptyProfileHint, parseFetched, statusError } from '../fetch/pprof-response.js';
import { isGoTrace } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import type { CaptureRecord } from '../run/run-json.js';
import type { RunDir } from './run-dir.js';

/** Captured is a capture's record and, when it worked, its parsed value. */
export interface Captured<T> {
  record: CaptureRecord;
  value: T | null;
}

/** CaptureContext is shared by the captures of a run. */
export interface CaptureContext {
  dir: RunDir;
  signal: AbortSignal;
  /** Response-header timeout of a snapshot; collected profiles add their seconds and half again. */
  snapshotTimeoutMs: number;
  maxBytes: number;
}

/** CaptureTarget names one capture: where from, where to, what kind of profile. */
interface CaptureTarget {
  name: string;
  url: string;
  /** Path inside the run directory. */
  file: string;
  /** Seconds the server collects before answering (CPU and delta profiles). */
  collectSeconds?: number;
  /** Profile kind for empty-profile hints ("block", "mutex"). */
  kind?: string;
}

function errorLine(e: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'cancelled: the run was stopped before the answer came';
  if (e instanceof TimeoutError) return e.message;
  if (e instanceof FetchError) return e.message;
  return (e as Error)?.message ?? String(e);
}

async function get(t: CaptureTarget, ctx: CaptureContext): Promise<{ body: Buffer; headers: Record<string, unknown>; rec: CaptureRecord } | { rec: CaptureRecord }> {
  const at = new Date();
  const t0 = Date.now();
  const rec: CaptureRecord = { name: t.name, url: t.url, file: null, ok: false, at: at.toISOString(), ms: 0 };
  const collect = t.collectSeconds ?? 0;
  try {
    const r = await httpGet(t.url, {
      headerTimeoutMs: ctx.snapshotTimeoutMs + collect * 1500,
      idleTimeoutMs: ctx.snapshotTimeoutMs,
      maxBytes: ctx.maxBytes,
      signal: ctx.signal,
    });
    rec.ms = Date.now() - t0;
    if (r.status !== 200) {
      rec.error = statusError(r).message;
      return { rec };
    }
    return { body: r.body, headers: r.headers, rec };
  } catch (e) {
    rec.ms = Date.now() - t0;
    rec.error = errorLine(e, ctx.signal);
    return { rec };
  }
}

/** captureProfile fetches a profile, checks that it parses, and keeps the bytes served. */
export async function captureProfile(t: CaptureTarget, ctx: CaptureContext): Promise<Captured<Profile>> {
  const r = await get(t, ctx);
  if (!('body' in r)) return { record: r.rec, value: null };
  let profile: Profile;
  try {
    profile = parseFetched({ status: 200, statusText: '200 OK', headers: r.headers as never, body: r.body }, ctx.maxBytes);
  } catch (e) {
    r.rec.error = errorLine(e, ctx.signal);
    return { record: r.rec, value: null };
  }
  r.rec.bytes = ctx.dir.write(t.file, r.body);
  r.rec.file = t.file;
  r.rec.ok = true;
  const hint = t.kind ? emptyProfileHint(t.kind, profile) : null;
  if (hint) r.rec.hint = hint;
  return { record: r.rec, value: profile };
}

/**
 * captureText fetches a text answer; check says why it is not the
 * expected text (or null), keep picks the part to store.
 */
export async function captureText(t: CaptureTarget, ctx: CaptureContext,
  check: (text: string) => string | null, keep: (text: string) => string = (x) => x): Promise<Captured<string>> {
  const r = await get(t, ctx);
  if (!('body' in r)) return { record: r.rec, value: null };
  const text = r.body.toString('utf8');
  const bad = check(text);
  if (bad !== null) {
    r.rec.error = bad;
    return { record: r.rec, value: null };
  }
  r.rec.bytes = ctx.dir.write(t.file, keep(text));
  r.rec.file = t.file;
  r.rec.ok = true;
  return { record: r.rec, value: text };
}

/** captureTrace fetches an execution trace (/debug/pprof/trace), checks its header and keeps its bytes. */
export async function captureTrace(t: CaptureTarget, ctx: CaptureContext): Promise<Captured<null>> {
  const r = await get(t, ctx);
  if (!('body' in r)) return { record: r.rec, value: null };
  if (!isGoTrace(r.body)) {
    r.rec.error = 'the answer is not a Go execution trace (is this the service\'s /debug/pprof address?)';
    return { record: r.rec, value: null };
  }
  r.rec.bytes = ctx.dir.write(t.file, r.body);
  r.rec.file = t.file;
  r.rec.ok = true;
  r.rec.hint = `open it with: go tool trace ${t.file}`;
  return { record: r.rec, value: null };
}

/** captureJson fetches a JSON document (expvar's /debug/vars). */
export async function captureJson(t: CaptureTarget, ctx: CaptureContext): Promise<Captured<unknown>> {
  const r = await get(t, ctx);
  if (!('body' in r)) return { record: r.rec, value: null };
  let value: unknown;
  try {
    value = JSON.parse(r.body.toString('utf8'));
  } catch {
    r.rec.error = 'the answer is not JSON (is this expvar\'s /debug/vars?)';
    return { record: r.rec, value: null };
  }
  r.rec.bytes = ctx.dir.write(t.file, r.body);
  r.rec.file = t.file;
  r.rec.ok = true;
  return { record: r.rec, value };
}

/** textCheck accepts text containing expectPrefix and explains anything else (an HTML page, say). */
export function textCheck(expectPrefix: string, what: string): (text: string) => string | null {
  return (text) => {
    if (text.includes(expectPrefix)) return null;
    const head = text.trimStart().slice(0, 200).toLowerCase();
    if (head.startsWith('<')) return `the server answered with an HTML page, not ${what} (is --pprof the service's /debug/pprof address?)`;
    return `the answer is not ${what}: ${JSON.stringify(text.trim().split('\n')[0]?.slice(0, 80) ?? '')}`;
  };
}
