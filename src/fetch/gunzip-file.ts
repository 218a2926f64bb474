// Reading a file and gunzipping it as a stream into one preallocated
// buffer: the compressed bytes are never all in memory, the output is
// never copied, and a decompression bomb stops at the limit.

import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { ProfileError } from '../profile/errors.js';
import { sharedBuffer } from '../profile/parallel.js';
import { formatBytes } from './gzip.js';

const CHUNK = 1 << 20;
/** Files up to SMALL_IN bytes that state up to SMALL_OUT inflate in one call. */
const SMALL_IN = 1 << 20;
const SMALL_OUT = 1 << 21;

/**
 * readMaybeGzip returns the file's bytes, gunzipped when they start with
 * the gzip magic. The gzip trailer's size (mod 2^32) presizes the output.
 * An aborted signal stops the reading (the promise then rejects).
 */
export async function readMaybeGzip(path: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = new Uint8Array(Math.min(size, 4));
    await fh.read(head, 0, head.length, 0);
    const gzipped = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    if (!gzipped) {
      if (size > maxBytes) throw tooLarge(maxBytes);
      return readWhole(fh, new Uint8Array(sharedBuffer(size)), signal);
    }
    let stated = 0;
    if (size >= 18) {
      const tail = new Uint8Array(4);
      await fh.read(tail, 0, 4, size - 4);
      stated = new DataView(tail.buffer).getUint32(0, true);
    }
    // A small profile (most CPU profiles of a service) in one synchronous
    // call: a stream's set-up and its event-loop turns were a tenth of a
    // 1 MB report's time. Below SMALL_OUT the sample bytes are too few for
    // a helper thread to take part, so the output need not be shared. The
    // trailer is only a hint (a multi-member file states its last member's
    // size), so maxOutputLength, not it, bounds the output.
    if (size <= SMALL_IN && stated <= SMALL_OUT) {
      const all = await readWhole(fh, new Uint8Array(size), signal);
      try {
        return gunzipSync(all, { maxOutputLength: Math.min(maxBytes, SMALL_OUT) });
      } catch (e) {
        if ((e as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') {
          throw new ProfileError('malformed', `corrupt gzip data (${(e as Error).message})`);
        }
        if (maxBytes <= SMALL_OUT) throw tooLarge(maxBytes);
        // Larger than stated: the stream below, into one bounded buffer.
      }
    }
    // Trust the trailer only within deflate's best ratio and the limit.
    // Shared memory, so that a helper thread can decode part of it.
    let out = new Uint8Array(sharedBuffer(Math.max(CHUNK, Math.min(stated, maxBytes, size * 1032))));
    let n = 0;
    const gunzip = createGunzip({ chunkSize: CHUNK });
    const input = fh.createReadStream({ start: 0, highWaterMark: CHUNK, autoClose: false, signal });
    // pipe() does not pass a read error (or an abort) on: end the loop with it.
    input.on('error', (e) => gunzip.destroy(e));
    try {
      for await (const chunk of input.pipe(gunzip) as AsyncIterable<Buffer>) {
        if (n + chunk.length > maxBytes) throw tooLarge(maxBytes);
        if (n + chunk.length > out.length) {
          const bigger = new Uint8Array(sharedBuffer(Math.min(maxBytes, Math.max(out.length * 2, n + chunk.length))));
          bigger.set(out.subarray(0, n));
          out = bigger;
        }
        out.set(chunk, n);
        n += chunk.length;
      }
    } catch (e) {
      input.destroy();
      gunzip.destroy();
      if (e instanceof ProfileError) throw e;
      throw new ProfileError('malformed', `corrupt gzip data (${(e as Error).message})`);
    }
    return n === out.length ? out : out.subarray(0, n);
  } finally {
    await fh.close();
  }
}

/** readWhole reads the file into `into` (its size) from the start; shorter when the file shrank meanwhile. */
async function readWhole(fh: FileHandle, into: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
  let off = 0;
  while (off < into.length) {
    signal?.throwIfAborted();
    const { bytesRead } = await fh.read(into, off, into.length - off, off);
    if (bytesRead === 0) break;
    off += bytesRead;
  }
  return off === into.length ? into : into.subarray(0, off);
}

function tooLarge(limit: number): ProfileError {
  return new ProfileError('too-large', `decompressed data exceeds ${formatBytes(limit)} (raise the limit with -max_decompressed_size)`);
}
