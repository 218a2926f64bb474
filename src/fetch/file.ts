// Reading profiles from local files: size checks, bounded gunzip, parsing.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ProfileError } from '../profile/errors.js';
import { WARM_FILE_BYTES, type Parallel } from '../profile/parallel.js';
import { parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { FetchError } from './errors.js';
import { inflateBounded } from './gzip.js';
import { readMaybeGzip } from './gunzip-file.js';
import { takePrefetched } from './prefetch.js';

/** readProfileFile reads and parses a profile file; stacks false leaves its stacks empty (ParseOptions.stacks). */
export async function readProfileFile(path: string, maxDecompressedBytes: number, parallel?: Parallel, stacks = true): Promise<Profile> {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new FetchError('is a directory, not a profile');
    // The helper thread starts while the file is read and gunzipped.
    if (st.size >= WARM_FILE_BYTES) parallel?.warm?.();
  } catch (e) {
    if (e instanceof FetchError) throw e;
    throw new FetchError(fsMessage(e));
  }
  let data: Uint8Array;
  try {
    data = await (takePrefetched(path, maxDecompressedBytes) ?? readMaybeGzip(path, maxDecompressedBytes));
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new FetchError(fsMessage(e));
  }
  return parseProfile(data, { inflate: inflateBounded, maxDecompressedBytes, parallel, stacks });
}

/** fileExists tells whether path names an existing file system entry. */
export function fileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** isObjectFile sniffs ELF, Mach-O and PE headers. */
export function isObjectFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const b = Buffer.alloc(4);
    if (readSync(fd, b, 0, 4, 0) < 4) return false;
    const w = b.readUInt32BE(0);
    if (w === 0x7f454c46) return true; // \x7fELF
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(w)) return true;
    return b[0] === 0x4d && b[1] === 0x5a; // MZ
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** fsMessage turns a Node file-system error into a short phrase. */
export function fsMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a profile';
    default: return err.message ?? String(e);
  }
}
