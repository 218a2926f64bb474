// The environment in which the tools that record or time `go tool pprof`
// run it, so that its output does not depend on the machine's set-up.

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * isolatedPprofEnv is the current environment without PPROF_* variables,
 * in UTC, with HOME, PPROF_TMPDIR and PPROF_BINARY_PATH pointing at fresh
 * folders under scratch (no saved profiles, no local binaries found).
 */
export function isolatedPprofEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PPROF_')) env[k] = v;
  for (const d of ['home', 'binaries', 'tmp']) fs.mkdirSync(path.join(scratch, d), { recursive: true });
  env['TZ'] = 'UTC';
  env['HOME'] = path.join(scratch, 'home');
  env['PPROF_TMPDIR'] = path.join(scratch, 'tmp');
  env['PPROF_BINARY_PATH'] = path.join(scratch, 'binaries');
  return env;
}
