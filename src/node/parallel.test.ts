// The helper thread's contract: a failing or absent helper never changes a
// report (the caller does the helper's share), and a helper error in the
// data surfaces as the same one-line error.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Parallel } from '../profile/parallel.js';
import { profilesDir, repoRoot, runCli, stripBuildId } from '../testkit/run-cli.js';
import { WorkerPool } from './parallel-pool.js';

process.env.TZ = 'UTC';
process.chdir(profilesDir());
const goldenDir = join(repoRoot(), 'testdata', 'golden');

// A helper that accepts every task and then fails to deliver any.
const failing: Parallel = { minWork: 0, start: () => ({ wait: () => null }) };

for (const [name, args] of [
  ['cpu.top', ['-top', 'cpu.pb.gz']],
  ['cpu.peek.fib', ['-peek', 'fib', 'cpu.pb.gz']],
  ['heap2.tags', ['-tags', 'heap2.pb.gz']],
  ['cpu.traces.focus=walkTree', ['-traces', '-focus=walkTree', 'cpu.pb.gz']],
] as [string, string[]][]) {
  test(`a helper that fails leaves ${name} unchanged`, async () => {
    const r = await runCli(['pprof', ...args], { parallel: failing });
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const want = readFileSync(join(goldenDir, name + '.txt'), 'utf8');
    assert.equal(stripBuildId(r.stdout.toString()), stripBuildId(want));
  });
}

const pool = new WorkerPool({ minWork: 0 });
after(() => pool.close());

test('a corrupt second half is reported as the one-line error it is', async () => {
  // Break a location id late in the file: that part is decoded by the helper.
  const raw = gunzipSync(readFileSync(join(profilesDir(), 'cpu.pb.gz')));
  const tmp = mkdtempSync(join(tmpdir(), 'gotune-par-'));
  // The samples come first; replace the ids of a sample three quarters in
  // by a location id that does not exist (0x7f is far beyond the table).
  const bad = Buffer.from(raw);
  let samplesSeen = 0;
  let pos = 0;
  let patched = false;
  while (pos < bad.length && !patched) {
    const tag = bad[pos];
    let len = 0;
    let shift = 0;
    let p = pos + 1;
    let b: number;
    do {
      b = bad[p++];
      len += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b >= 0x80);
    if ((tag & 7) === 0) {
      pos = p; // a varint field (Go writes time_nanos first): len was its value
      continue;
    }
    if (tag === 0x12) {
      samplesSeen++;
      if (samplesSeen > 600) {
        // Inside the sample, find the packed location ids (field 1) and set
        // a one-byte id to 0, an id no location has.
        for (let q = p; q < p + len;) {
          const t = bad[q];
          if (t === 0x0a) {
            const first = q + 2; // a short list: one length byte
            if (bad[q + 1] < 0x80 && bad[first] < 0x80) {
              bad[first] = 0;
              patched = true;
            }
            break;
          }
          if ((t & 7) !== 0) break;
          q++;
          while (bad[q] >= 0x80) q++;
          q++;
        }
      }
    }
    pos = p + len;
  }
  assert.ok(patched, 'test setup: found a sample to break');
  const file = join(tmp, 'bad.pb');
  writeFileSync(file, bad);
  const r = await runCli(['pprof', '-top', file], { parallel: pool });
  assert.equal(r.code, 2);
  assert.equal(r.stderr.length, 1, r.stderr.join('\n'));
  assert.match(r.stderr[0], /bad\.pb/);
  const single = await runCli(['pprof', '-top', file], { parallel: failing });
  assert.equal(single.stderr[0], r.stderr[0]);
});

test("the bundled CLI's helper thread (dist/cli/) does its share and changes no report", async (t) => {
  const workerUrl = new URL('../../cli/parallel-worker.js', import.meta.url);
  if (!existsSync(workerUrl)) return t.skip('dist/cli/ is not built (npm run build)');
  const bundled = new WorkerPool({ minWork: 0, workerUrl });
  let delivered = 0;
  const counting: Parallel = {
    minWork: 0,
    start: <T>(task: string, input: unknown) => {
      const pending = bundled.start<T>(task, input);
      return { wait: () => { const r = pending.wait(); if (r !== null) delivered++; return r; } };
    },
  };
  try {
    for (const name of ['cpu.top', 'cpu.traces.focus=walkTree']) {
      const args = name === 'cpu.top' ? ['-top', 'cpu.pb.gz'] : ['-traces', '-focus=walkTree', 'cpu.pb.gz'];
      const r = await runCli(['pprof', ...args], { parallel: counting });
      assert.equal(r.code, 0, r.stderr.join('\n'));
      assert.equal(stripBuildId(r.stdout.toString()), stripBuildId(readFileSync(join(goldenDir, name + '.txt'), 'utf8')));
    }
  } finally {
    bundled.close();
  }
  assert.ok(delivered > 0, 'the bundled helper answered no task');
});
