// gzip for Node: bounded decompression (against gzip bombs) and compression.

import { constants as bufferConstants } from 'node:buffer';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { constants as zlibConstants, gunzipSync, gzip as gzipAsync, gzipSync } from 'node:zlib';
import { ProfileError } from '../profile/errors.js';

/** inflateBounded gunzips data, failing once the output would exceed maxBytes. */
export function inflateBounded(gz: Uint8Array, maxBytes: number): Uint8Array {
  // A Node buffer cannot pass buffer.constants.MAX_LENGTH; keep the limit within it.
  const limit = Math.min(maxBytes, bufferConstants.MAX_LENGTH);
  // gunzipSync collects output chunks and joins them, doubling the peak
  // memory. The gzip trailer states the size (mod 2^32): asking for one
  // chunk of that size avoids the join. A wrong or hostile trailer only
  // costs the join again; the hint is capped by deflate's best ratio.
  const stated = gz.length >= 18 ? new DataView(gz.buffer, gz.byteOffset + gz.length - 4, 4).getUint32(0, true) : 0;
  const chunkSize = Math.max(64 * 1024, Math.min(stated + 1, limit + 1, gz.length * 1032 + 1024));
  try {
    const out = gunzipSync(gz, { maxOutputLength: limit, chunkSize });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new ProfileError('too-large',
        `decompressed data exceeds ${formatBytes(limit)} (raise the limit with -max_decompressed_size)`);
    }
    throw new ProfileError('malformed', `corrupt gzip data (${err.message})`);
  }
}

/** gzip compresses data with default settings (as Go's gzip.NewWriter). */
export function gzip(data: Uint8Array): Uint8Array {
  const out = gzipSync(data);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

const gzipPart = promisify(gzipAsync);

/** PART_BYTES is the least input that compressProfile gives a part of its own. */
const PART_BYTES = 8 << 20;

/**
 * compressProfile gzips a profile that gotune writes (-proto, -output):
 * at zlib's fastest level, and input of several PART_BYTES in parts
 * compressed at once on libuv's threads, one gzip member each, written one
 * after another. Why: the deflate of a 100 MB profile at the default level
 * was half of -proto's time; a profile's varints compress little, so the
 * fastest level costs about 4% in size (it comes out the size of pprof's
 * own file), and RFC 1952 allows several members, which Go's gzip reader
 * (and so pprof), zcat and gotune all read. partBytes is for tests.
 */
export async function compressProfile(data: Uint8Array, partBytes = PART_BYTES): Promise<Uint8Array> {
  const level = zlibConstants.Z_BEST_SPEED;
  const parts = Math.min(availableParallelism(), Math.floor(data.length / partBytes));
  if (parts <= 1) {
    const out = gzipSync(data, { level });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
  const step = Math.ceil(data.length / parts);
  // Large output chunks: with zlib's 16 KB default each part goes back and
  // forth to the main thread thousands of times, and the parts barely overlap.
  const members = await Promise.all(Array.from({ length: parts }, (_, i) => gzipPart(data.subarray(i * step, (i + 1) * step), { level, chunkSize: 4 << 20 })));
  const out = Buffer.concat(members);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** formatBytes prints a byte count with a binary unit. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  let v = n;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

/** parseByteSize reads sizes such as "512", "64mb", "2GiB", "1.5g". */
export function parseByteSize(s: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$/i.exec(s);
  if (!m) return null;
  const mult = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor(Number(m[1]) * mult);
}
