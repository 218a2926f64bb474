// The parity suite: every case in testdata/golden/cases.json run through
// `gotune pprof` must print what `go tool pprof` printed (the golden).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { WorkerPool } from '../node/parallel-pool.js';
import { firstDifferences, profilesDir, repoRoot, runCli, stripBuildId } from '../testkit/run-cli.js';

process.env.TZ = 'UTC';

interface Case {
  name: string;
  args: string[];
  output?: string;
  readback?: boolean;
}

const goldenDir = join(repoRoot(), 'testdata', 'golden');
const cases = JSON.parse(readFileSync(join(goldenDir, 'cases.json'), 'utf8')) as Case[];
const tmp = mkdtempSync(join(tmpdir(), 'gotune-golden-'));
process.chdir(profilesDir());

const goAvailable = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

function check(name: string, want: string, got: string): void {
  const w = stripBuildId(want);
  const g = stripBuildId(got);
  if (w !== g) assert.fail(`${name}: output differs from go tool pprof\n${firstDifferences(w, g)}`);
}

for (const c of cases) {
  test(`golden ${c.name}`, async () => {
    const want = readFileSync(join(goldenDir, c.name + '.txt'), 'utf8');
    if (c.readback) {
      const out = join(tmp, c.name + '.pb.gz');
      const r = await runCli(['pprof', `-output=${out}`, ...c.args]);
      assert.equal(r.code, 0, r.stderr.join('\n'));
      const raw = await runCli(['pprof', '-raw', out]);
      assert.equal(raw.code, 0, raw.stderr.join('\n'));
      check(c.name, want, raw.stdout.toString('utf8'));
      if (goAvailable) {
        // pprof itself must read our proto back to the same dump.
        const g = spawnSync('go', ['tool', 'pprof', '-raw', out], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
        assert.equal(g.status, 0, g.stderr);
        check(c.name + ' (read by go tool pprof)', want, g.stdout);
      }
      return;
    }
    if (c.output) {
      const out = join(tmp, c.output);
      writeFileSync(out, '');
      const r = await runCli(['pprof', `-output=${out}`, ...c.args]);
      assert.equal(r.code, 0, r.stderr.join('\n'));
      assert.equal(r.stdout.length, 0);
      check(c.name, want, readFileSync(out, 'utf8'));
      return;
    }
    const r = await runCli(['pprof', ...c.args]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    check(c.name, want, r.stdout.toString('utf8'));
  });
}

// The same cases with decoding and graph building split between two
// threads, as they are for large profiles: the split must not change a byte.
const pool = new WorkerPool({ minWork: 0 });
after(() => pool.close());
for (const c of cases.filter((c) => !c.readback && !c.output)) {
  test(`golden (two threads) ${c.name}`, async () => {
    const want = readFileSync(join(goldenDir, c.name + '.txt'), 'utf8');
    const r = await runCli(['pprof', ...c.args], { parallel: pool });
    assert.equal(r.code, 0, r.stderr.join('\n'));
    check(c.name, want, r.stdout.toString('utf8'));
  });
}
