// RunFiles on the local file system: a run directory's files, read only
// from inside it (a run.json that names ../../etc/passwd reads nothing).

import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fsMessage } from '../fetch/file.js';
import type { RunFiles } from '../ports.js';

function inside(root: string, path: string): string | null {
  const full = resolve(root, path);
  const rel = relative(root, full);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : full;
}

function read<T>(root: string, path: string, get: (p: string) => T): T | null {
  const full = inside(root, path);
  if (full === null) throw new Error(`${path}: outside the run directory`);
  try {
    return get(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${path}: ${fsMessage(e)}`);
  }
}

/** localRunFiles reads the files of the run directory dir. */
export function localRunFiles(dir: string): RunFiles {
  const root = resolve(dir);
  return {
    dir,
    readText: (p) => read(root, p, (f) => readFileSync(f, 'utf8')),
    readBytes: (p) => read(root, p, (f) => new Uint8Array(readFileSync(f))),
  };
}
