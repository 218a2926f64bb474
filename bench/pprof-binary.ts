// Where go tool pprof's binary is: the bench runs it directly, because
// `go tool pprof` under the bench's fresh $HOME has an empty Go build cache
// and would rebuild pprof (about 20 s) before every run it times.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** findPprof returns the pprof binary that `go tool pprof` runs and `go version`'s line, or throws saying why not. */
export function findPprof(): { exe: string; goVersion: string } {
  // Builds it into the caller's (warm) cache first, where it is not there yet.
  const warm = spawnSync('go', ['tool', 'pprof', '-h'], { encoding: 'utf8' });
  if (warm.error) throw new Error(`cannot run go: ${warm.error.message}`);
  const r = spawnSync('go', ['tool', '-n', 'pprof'], { encoding: 'utf8' });
  const exe = r.stdout.trim();
  if (r.status !== 0 || exe === '' || !existsSync(exe)) throw new Error(`cannot locate pprof with 'go tool -n pprof': ${r.stderr || r.stdout}`);
  const v = spawnSync('go', ['version'], { encoding: 'utf8' });
  return { exe, goVersion: v.stdout.trim() };
}
