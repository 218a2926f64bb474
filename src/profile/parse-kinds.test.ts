// The kind of a ProfileError from parseProfile must say why the input was
// refused (errors.ts): callers such as a web UI may pick words or status
// codes by kind, so a proto profile that breaks a rule must not come back
// as "not a profile at all".

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { inflateBounded } from '../fetch/gzip.js';
import { encodeRawProfile, smallCpuProfile, type RawProfile } from '../testkit/raw-profile.js';
import { ProfileError, type ProfileErrorKind } from './errors.js';
import { parseProfile } from './parse.js';

function kindOf(data: Uint8Array, maxDecompressedBytes = 1 << 20): ProfileErrorKind | 'none' {
  try {
    parseProfile(data, { inflate: inflateBounded, maxDecompressedBytes });
    return 'none';
  } catch (e) {
    assert.ok(e instanceof ProfileError, `want a ProfileError, got ${String(e)}`);
    return e.kind;
  }
}

function broken(change: (p: RawProfile) => void): Uint8Array {
  const p = smallCpuProfile();
  change(p);
  return encodeRawProfile(p);
}

const good = encodeRawProfile(smallCpuProfile());

test('the unbroken small profile parses', () => {
  assert.equal(kindOf(good), 'none');
});

test('zero bytes are "empty"', () => {
  assert.equal(kindOf(new Uint8Array(0)), 'empty');
});

test('a cut inside a field is "truncated"', () => {
  assert.equal(kindOf(good.subarray(0, good.length - 3)), 'truncated');
});

test('a corrupt gzip stream is "malformed"', () => {
  const gz = gzipSync(good);
  gz[gz.length >> 1] ^= 0xff;
  gz[(gz.length >> 1) + 1] ^= 0xff;
  assert.equal(kindOf(gz), 'malformed');
});

test('inflating past the limit is "too-large"', () => {
  assert.equal(kindOf(gzipSync(new Uint8Array(4 << 20)), 1 << 20), 'too-large');
});

test('plain text that no parser knows is "unrecognized"', () => {
  assert.equal(kindOf(new TextEncoder().encode('hello, world\n')), 'unrecognized');
});

const KIND_TODO = 'parse.ts rethrows every non-truncated proto error of binary data as kind "unrecognized" ("not a valid profile: ..."), losing the decoder\'s "invalid"/"malformed"';

test('a sample pointing at a missing location is "invalid"', () => {
  assert.equal(kindOf(broken((p) => { p.samples[0].locationIds = [42]; })), 'invalid');
});

test('a sample with the wrong number of values is "invalid"', () => {
  assert.equal(kindOf(broken((p) => { p.samples[0].values = [1]; })), 'invalid');
});

test('a string index past the table is "malformed"', () => {
  assert.equal(kindOf(broken((p) => { p.functions[0].name = 99; })), 'malformed');
});
