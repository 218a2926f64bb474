// Saving a copy of a profile fetched over the network, as pprof does:
// in $PPROF_TMPDIR, else $HOME/pprof, else the system temporary folder,
// named pprof.<binary>.<sample types>.NNN.pb.gz.

import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { encodeProfile } from '../profile/encode.js';
import type { Profile } from '../profile/types.js';
import { gzip } from './gzip.js';

/** saveDirs lists where pprof tries to save fetched profiles, in order. */
export function saveDirs(env: Record<string, string | undefined>): string[] {
  const dirs: string[] = [];
  if (env.PPROF_TMPDIR) dirs.push(env.PPROF_TMPDIR);
  if (env.HOME) dirs.push(join(env.HOME, 'pprof'));
  dirs.push(tmpdir());
  return dirs;
}

/** savedPrefix is pprof's file name prefix: pprof.<base of mapping[0].file>.<type>.<type>…. */
export function savedPrefix(p: Profile): string {
  let prefix = 'pprof.';
  if (p.mappings.length > 0 && p.mappings[0].file !== '') prefix += basename(p.mappings[0].file) + '.';
  for (const st of p.sampleTypes) prefix += st.type + '.';
  return prefix;
}

/**
 * createNumbered creates dir/prefixNNNsuffix with the first free number
 * from 001 (pprof's newTempFile) and returns its path and descriptor.
 */
function createNumbered(dir: string, prefix: string, suffix: string): { path: string; fd: number } {
  for (let i = 1; i < 10000; i++) {
    const path = join(dir, `${prefix}${String(i).padStart(3, '0')}${suffix}`);
    try {
      return { path, fd: openSync(path, 'wx', 0o666) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`could not create file of the form ${prefix}001${suffix}`);
}

/**
 * saveFetchedProfile writes p gzipped into the first usable directory and
 * returns the path; messages (a directory that could not be used, a
 * failure) go to printErr as pprof words them. Returns null on failure.
 */
export function saveFetchedProfile(p: Profile, printErr: (line: string) => void,
  env: Record<string, string | undefined> = process.env): string | null {
  let dir: string | null = null;
  for (const d of saveDirs(env)) {
    try {
      mkdirSync(d, { recursive: true, mode: 0o755 });
      dir = d;
      break;
    } catch (e) {
      printErr(`Could not use temp dir ${d}: ${(e as Error).message}`);
    }
  }
  if (dir === null) {
    printErr('Could not save profile: failed to identify temp dir');
    return null;
  }
  try {
    const { path, fd } = createNumbered(dir, savedPrefix(p), '.pb.gz');
    try {
      writeSync(fd, gzip(encodeProfile(p)));
    } finally {
      closeSync(fd);
    }
    printErr(`Saved profile in ${path}`);
    return path;
  } catch (e) {
    printErr(`Could not save profile: ${(e as Error).message}`);
    return null;
  }
}
