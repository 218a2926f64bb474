// Opening a goroutine dump or profile for reading: a file, standard input
// ("-") or a URL (a bare host:port means /debug/pprof/goroutine?debug=2);
// gzip is undone on the fly; text dumps stay streams (a dump can be
// gigabytes), binary data is read whole, within a size limit, as a profile.

import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isProfileError } from '../profile/errors.js';
import { isGzip, parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { FetchError } from './errors.js';
import { fileExists, fsMessage } from './file.js';
import { httpGetStream } from './http-get.js';
import { statusError } from './pprof-response.js';

/** DumpInput is an opened source: a profile, or the text of a dump as a stream of chunks. */
type DumpInput =
  | { name: string; kind: 'profile'; profile: Profile }
  | { name: string; kind: 'text'; body: AsyncIterable<Uint8Array> };

/** DumpOptions configures openDump. */
interface DumpOptions {
  /** For URLs: give up after this long without an answer. */
  timeoutMs: number;
  /** The largest binary profile accepted (decompressed), in bytes. */
  maxProfileBytes: number;
  /** Standard input, for the source "-". */
  stdin: AsyncIterable<Uint8Array>;
}

/** isDumpUrl tells whether a source names a URL (http(s)://… or host:port[/path]). */
export function isDumpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s) || /^[\w.-]*:\d+(\/|$)/.test(s);
}

/** goroutineUrl completes a URL source: a bare host:port gets /debug/pprof/goroutine?debug=2. */
function goroutineUrl(source: string): string {
  const u = new URL(/^https?:\/\//i.test(source) ? source : `http://${source}`);
  if (u.pathname === '/' && u.search === '') {
    u.pathname = '/debug/pprof/goroutine';
    u.search = '?debug=2';
  }
  return u.toString();
}

/** peek reads the first chunk of a stream and gives back a stream that still starts with it. */
async function peek(src: AsyncIterable<Uint8Array>): Promise<[Uint8Array, AsyncIterable<Uint8Array>]> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      let sentHead = first.done === true;
      return {
        next: async () => {
          if (!sentHead) {
            sentHead = true;
            return { done: false, value: head };
          }
          return it.next();
        },
        return: async () => (await it.return?.()) ?? { done: true, value: undefined },
      };
    },
  };
  return [head, rest];
}

function looksBinary(data: Uint8Array): boolean {
  for (let i = 0; i < Math.min(data.length, 512); i++) {
    const b = data[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20)) return true;
  }
  return false;
}

async function collect(src: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of src) {
    size += c.length;
    if (size > max) throw new FetchError(`profile larger than ${max} bytes`);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

/** named gives every failure of reading the stream the source's name. */
async function* named(src: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    yield* src;
  } catch (e) {
    throw inputError(name, e);
  }
}

function inputError(name: string, e: unknown): unknown {
  if (e instanceof FetchError && e.message.startsWith(`${name}: `)) return e;
  if (e instanceof FetchError || isProfileError(e)) return new FetchError(`${name}: ${e.message}`);
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') return new FetchError(`${name}: ${fsMessage(err)}`);
  return e;
}

async function openRaw(source: string, o: DumpOptions): Promise<{ name: string; body: AsyncIterable<Uint8Array> }> {
  if (source === '-') return { name: 'standard input', body: o.stdin };
  if (isDumpUrl(source) && !fileExists(source)) {
    const url = goroutineUrl(source);
    const r = await httpGetStream(url, { headerTimeoutMs: o.timeoutMs });
    if (r.status !== 200) {
      const body = await collect(r.body, 64 << 10).catch(() => new Uint8Array(0));
      throw new FetchError(`${url}: ${statusError({ ...r, body: Buffer.from(body) }).message}`);
    }
    return { name: url, body: r.body };
  }
  try {
    if (statSync(source).isDirectory()) throw new FetchError(`${source}: is a directory, not a dump`);
  } catch (e) {
    if (e instanceof FetchError) throw e;
    throw new FetchError(`${source}: ${fsMessage(e)}`);
  }
  return { name: source, body: createReadStream(source, { highWaterMark: 1 << 16 }) };
}

/**
 * openDump opens a source: a binary profile is read and parsed (within
 * maxProfileBytes), a text dump is returned as a stream. Every failure is
 * a FetchError that names the input.
 */
export async function openDump(source: string, o: DumpOptions): Promise<DumpInput> {
  const { name, body } = await openRaw(source, o);
  try {
    let [head, rest] = await peek(named(body, name));
    if (isGzip(head)) {
      const gunzip = createGunzip();
      Readable.from(rest).on('error', (e) => gunzip.destroy(e)).pipe(gunzip);
      [head, rest] = await peek(named(gunzip, name));
    }
    if (looksBinary(head)) return { name, kind: 'profile', profile: parseProfile(await collect(rest, o.maxProfileBytes)) };
    return { name, kind: 'text', body: rest };
  } catch (e) {
    throw inputError(name, e);
  }
}
