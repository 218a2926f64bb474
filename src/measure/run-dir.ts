// The run directory: where a measurement keeps its profiles and run.json.
// Every capture is written as soon as it arrives and run.json is rewritten
// (atomically) after each step, so nothing captured is lost when the
// service dies, the run is interrupted, or gotune itself is killed.

import { UserError } from '../user-error.js';
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** RunDirError is a run directory that cannot be used. */
export class RunDirError extends UserError {}

/** defaultRunDir is runs/<YYYYMMDD-HHMMSS> (local time) under cwd. */
export function defaultRunDir(now: Date, cwd: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return join(cwd, 'runs', stamp);
}

/** RunDir writes files under one run directory. */
export class RunDir {
  private constructor(readonly path: string) {}

  /**
   * create makes the directory (and its parents). An existing directory
   * must be empty: a run never overwrites another run's files.
   */
  static create(path: string): RunDir {
    const abs = resolve(path);
    let exists = false;
    try {
      const st = statSync(abs);
      if (!st.isDirectory()) throw new RunDirError(`${path}: exists and is not a directory`);
      exists = true;
    } catch (e) {
      if (e instanceof RunDirError) throw e;
    }
    if (exists && readdirSync(abs).length > 0) {
      throw new RunDirError(`${path}: already exists and is not empty (choose another --out, or remove it)`);
    }
    try {
      mkdirSync(abs, { recursive: true });
    } catch (e) {
      throw new RunDirError(`${path}: cannot create the run directory: ${(e as Error).message}`);
    }
    return new RunDir(abs);
  }

  /** write stores data at rel (a path inside the run) and returns its size. */
  write(rel: string, data: Uint8Array | string): number {
    const full = join(this.path, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  }

  /** writeJson replaces rel atomically with value as indented JSON. */
  writeJson(rel: string, value: unknown): void {
    const full = join(this.path, rel);
    const tmp = `${full}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
    renameSync(tmp, full);
  }

  /** shown is the directory as the user should see it (relative to cwd when inside it). */
  shown(cwd = process.cwd()): string {
    const rel = relative(cwd, this.path);
    return rel !== '' && !rel.startsWith('..') ? rel : this.path;
  }
}
