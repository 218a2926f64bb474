// Decoding without stacks (for -tags and -comments): every sample keeps
// its values and labels, every stack is empty, and a bad location id is
// still the error it is with stacks, on one thread and split over two.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { WorkerPool } from '../node/parallel-pool.js';
import { encodeRawProfile, type RawProfile } from '../testkit/raw-profile.js';
import { randomProfile, rng } from '../testkit/random-profile.js';
import { profilesDir } from '../testkit/run-cli.js';
import { decodeProfile } from './decode.js';
import type { Parallel } from './parallel.js';
import type { Profile } from './types.js';

const pool = new WorkerPool({ minWork: 0 });
after(() => pool.close());

function assertSameButStacks(full: Profile, bare: Profile, what: string): void {
  const a = full.samples;
  const b = bare.samples;
  assert.equal(b.count, a.count, what);
  assert.equal(b.locs.length, 0, `${what}: no location id is kept`);
  assert.ok(b.stackStart.every((x) => x === 0), `${what}: every stack is empty`);
  assert.deepEqual(b.values, a.values, `${what}: values`);
  assert.deepEqual(b.labels, a.labels, `${what}: label set of each sample`);
  assert.deepEqual(b.labelSets, a.labelSets, `${what}: label sets`);
  assert.deepEqual(bare.locations, full.locations, `${what}: locations`);
}

// Labels on some samples, as pprof.Do writes them, so that the label
// interning of both modes is compared too.
function withLabels(p: RawProfile, seed: number): RawProfile {
  const r = rng(seed);
  const k = p.strings.length;
  p.strings.push('handler', '/a', '/b', 'bytes');
  for (const s of p.samples) {
    const x = r();
    if (x < 0.3) s.labels = [{ key: k, str: k + 1 }];
    else if (x < 0.5) s.labels = [{ key: k, str: k + 2 }, { key: k + 3, num: Math.floor(r() * 4096) }];
  }
  return p;
}

const threads: [string, Parallel | undefined][] = [['one thread', undefined], ['two threads', pool]];

// The helper reads the bytes in place, so the split needs them in shared memory.
function shared(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(b.length));
  out.set(b);
  return out;
}

for (const [how, parallel] of threads) {
  test(`without stacks, random profiles keep every value and label (${how})`, () => {
    for (let seed = 1; seed <= 30; seed++) {
      const buf = shared(encodeRawProfile(withLabels(randomProfile(seed, 50 + seed * 20), seed)));
      assertSameButStacks(decodeProfile(buf, parallel), decodeProfile(buf, parallel, false), `seed ${seed}`);
    }
  });

  test(`without stacks, the committed profiles keep every value and label (${how})`, () => {
    const dir = profilesDir();
    const files = readdirSync(dir).filter((f) => f.endsWith('.pb.gz'));
    assert.ok(files.length > 5);
    for (const f of files) {
      const buf = shared(gunzipSync(readFileSync(join(dir, f))));
      assertSameButStacks(decodeProfile(buf, parallel), decodeProfile(buf, parallel, false), f);
    }
  });

  test(`without stacks, a missing location is still an error (${how})`, () => {
    for (let seed = 1; seed <= 10; seed++) {
      const p = randomProfile(seed, 200);
      // A late sample, so that on two threads the helper meets it.
      const s = p.samples[p.samples.length - 1 - seed];
      s.locationIds[s.locationIds.length - 1] = 9999;
      const buf = shared(encodeRawProfile(p));
      assert.throws(() => decodeProfile(buf, parallel), /location/, `seed ${seed}, with stacks`);
      const want = (() => {
        try {
          decodeProfile(buf, parallel);
        } catch (e) {
          return (e as Error).message;
        }
        return '';
      })();
      assert.throws(() => decodeProfile(buf, parallel, false), (e: Error) => e.message === want, `seed ${seed}`);
    }
  });
}
