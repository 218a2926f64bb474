// Where Go keeps sources: GOROOT, the module cache (with its escaping of
// upper-case letters) and the module around a directory (its go.mod).

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** GoDirs are Go's source locations; null when unknown. */
export interface GoDirs {
  goroot: string | null;
  modcache: string | null;
}

/** GoEnvRunner asks `go env` for variables; returns their values in order, or null without Go. */
export type GoEnvRunner = (names: string[]) => string[] | null;

/** runGoEnv runs `go env NAME...` (null when go is missing or fails). */
export const runGoEnv: GoEnvRunner = (names) => {
  const r = spawnSync('go', ['env', ...names], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) return null;
  const lines = r.stdout.split('\n');
  return names.map((_, i) => (lines[i] ?? '').trim());
};

/**
 * goDirs finds GOROOT ($GOROOT, else `go env GOROOT`) and the module cache
 * ($GOMODCACHE, else `go env GOMODCACHE`, else $GOPATH/pkg/mod, else
 * ~/go/pkg/mod). It runs `go env` at most once, and only when needed.
 */
export function goDirs(env: NodeJS.ProcessEnv, run: GoEnvRunner = runGoEnv): GoDirs {
  let goroot = env.GOROOT || null;
  let modcache = env.GOMODCACHE || null;
  if (goroot === null || modcache === null) {
    const vals = run(['GOROOT', 'GOMODCACHE']);
    if (vals) {
      goroot ??= vals[0] || null;
      modcache ??= vals[1] || null;
    }
  }
  if (modcache === null) {
    const gopath = (env.GOPATH ?? '').split(':').find((p) => p !== '');
    modcache = join(gopath ?? join(env.HOME || homedir(), 'go'), 'pkg', 'mod');
  }
  return { goroot, modcache };
}

/**
 * escapeModulePath escapes a module path or version for the module cache:
 * each upper-case letter becomes "!" and its lower case (golang.org/x/mod/module).
 */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** ModuleRoot is a directory holding a go.mod and the module path it declares. */
export interface ModuleRoot {
  dir: string;
  path: string;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** moduleDirective reads the module path from go.mod text ("" when absent). */
export function moduleDirective(gomod: string): string {
  for (const raw of gomod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const m = /^module\s+(?:"([^"]+)"|`([^`]+)`|(\S+))$/.exec(line);
    if (m) return m[1] ?? m[2] ?? m[3];
  }
  return '';
}

/** findModuleRoot walks up from dir to the nearest go.mod (as the go command does). */
export function findModuleRoot(dir: string): ModuleRoot | null {
  for (let d = dir; ; d = dirname(d)) {
    const gomod = join(d, 'go.mod');
    if (isFile(gomod)) {
      try {
        const path = moduleDirective(readFileSync(gomod, 'utf8'));
        return path === '' ? null : { dir: d, path };
      } catch {
        return null;
      }
    }
    if (dirname(d) === d) return null;
  }
}
