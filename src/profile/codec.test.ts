// Codec tests: every committed profile round-trips, profiles written by
// pprof's own encoder re-encode to the same bytes, and edge-case varints.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { corpusDir, profilesDir } from '../testkit/run-cli.js';
import { spawnSync } from 'node:child_process';
import { decodeProfile } from './decode.js';
import { parseProfile } from './parse.js';
import { encodeProfile } from './encode.js';
import { ProfileError } from './errors.js';
import { profileToText } from './text.js';
import { Reader, Writer } from './wire.js';

process.env.TZ = 'UTC';

const profiles = readdirSync(profilesDir()).filter((f) => f.endsWith('.pb.gz'));

for (const f of profiles) {
  test(`round trip ${f}`, () => {
    const raw = gunzipSync(readFileSync(join(profilesDir(), f)));
    const p = decodeProfile(raw);
    const again = decodeProfile(encodeProfile(p));
    assert.equal(profileToText(again), profileToText(p));
    assert.equal(again.samples.count, p.samples.count);
    assert.deepEqual([...again.samples.values], [...p.samples.values]);
  });
}

// pprof's encoder (as used by `go tool pprof -proto`) and ours lay out a
// profile identically: decoding its output and re-encoding gives the same bytes.
test('pprof-identical encoding', (t) => {
  if (spawnSync('go', ['version']).status !== 0) return t.skip('go not installed');
  for (const f of ['cpu.pb.gz', 'heap2.pb.gz', 'synth.pb.gz']) {
    const r = spawnSync('go', ['tool', 'pprof', '-proto', join(profilesDir(), f)], { maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, String(r.stderr));
    const raw = gunzipSync(r.stdout);
    assert.ok(Buffer.from(encodeProfile(decodeProfile(raw))).equals(raw), f);
  }
});

test('corpus proto profiles round-trip', (t) => {
  const dir = corpusDir();
  if (!dir) return t.skip('corpus absent: ../shared/corpus/google-pprof');
  for (const f of readdirSync(join(dir, 'fuzz')).filter((f) => f.endsWith('.pb'))) {
    const p = parseProfile(readFileSync(join(dir, 'fuzz', f)));
    assert.equal(profileToText(decodeProfile(encodeProfile(p))), profileToText(p), f);
  }
});

test('varints: negative int64, 2^53 bound, uint64 addresses', () => {
  const w = new Writer(16);
  w.varint(-5);
  w.varint(2 ** 53 - 1);
  w.varintBig(0xffffffffffffffffn);
  w.varintBig(2n ** 60n);
  const r = new Reader(w.finish());
  assert.equal(r.int64(), -5);
  assert.equal(r.int64(), 2 ** 53 - 1);
  assert.equal(r.uint64(), 0xffffffffffffffffn);
  assert.throws(() => r.int64(), (e: unknown) => e instanceof ProfileError && e.kind === 'too-large');
});

test('varints: truncated and overlong', () => {
  assert.throws(() => new Reader(new Uint8Array([0x80, 0x80])).uint(), ProfileError);
  const overlong = new Uint8Array(11).fill(0x80);
  assert.throws(() => new Reader(overlong).uint64(), ProfileError);
});

test('empty input', () => {
  assert.throws(() => decodeProfile(new Uint8Array(0)), (e: unknown) => e instanceof ProfileError && e.kind === 'empty');
});
