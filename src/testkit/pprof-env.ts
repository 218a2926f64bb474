// The environment in which the tools that record or time `go tool pprof`
// run it, so that its output does not depend on the machine's set-up, and
// where its binary is.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The machine's Go build cache, asked of `go env` once (null: no go, or no answer). */
let goCache: string | null | undefined;

function realGoCache(): string | null {
  if (goCache === undefined) {
    const r = spawnSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' });
    const dir = r.status === 0 ? r.stdout.trim() : '';
    goCache = dir !== '' && dir !== 'off' ? dir : null;
  }
  return goCache;
}

/**
 * isolatedPprofEnv is the current environment without PPROF_* variables,
 * in UTC, with HOME, PPROF_TMPDIR and PPROF_BINARY_PATH pointing at fresh
 * folders under scratch (no saved profiles, no local binaries found).
 *
 * GOCACHE stays the machine's: Go's default cache is under $HOME, and with
 * a fresh one `go tool pprof` would rebuild pprof (about 20 s) before its
 * first run. The cache holds builds only, never pprof's settings.
 */
export function isolatedPprofEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PPROF_')) env[k] = v;
  for (const d of ['home', 'binaries', 'tmp']) fs.mkdirSync(path.join(scratch, d), { recursive: true });
  const cache = env['GOCACHE'] ?? realGoCache();
  if (cache !== null) env['GOCACHE'] = cache;
  env['TZ'] = 'UTC';
  env['HOME'] = path.join(scratch, 'home');
  env['PPROF_TMPDIR'] = path.join(scratch, 'tmp');
  env['PPROF_BINARY_PATH'] = path.join(scratch, 'binaries');
  return env;
}

/**
 * findPprof returns the pprof executable that `go tool pprof` runs (built
 * into the Go cache on first use) and `go version`'s line; it throws saying
 * why when there is none. Timing or recording that binary leaves out the
 * `go` command's own start.
 */
export function findPprof(): { exe: string; goVersion: string } {
  const warm = spawnSync('go', ['tool', 'pprof', '-h'], { encoding: 'utf8' });
  if (warm.error) throw new Error(`cannot run go: ${warm.error.message}`);
  const r = spawnSync('go', ['tool', '-n', 'pprof'], { encoding: 'utf8' });
  const exe = r.stdout.trim();
  if (r.status !== 0 || exe === '' || !fs.existsSync(exe)) throw new Error(`cannot locate pprof with 'go tool -n pprof': ${r.stderr || r.stdout}`);
  const v = spawnSync('go', ['version'], { encoding: 'utf8' });
  return { exe, goVersion: v.stdout.trim() };
}
