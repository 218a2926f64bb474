// The top-level scan's fast loop over runs of samples, locations and
// functions (decode.ts scanRun) must read what the general loop reads:
// payload lengths of one, two and three or more bytes, and cuts anywhere
// in a run reported as the general loop reports them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanFields } from '../testkit/mutate.js';
import { encodeRawProfile, smallCpuProfile, type RawProfile } from '../testkit/raw-profile.js';
import { decodeProfile } from './decode.js';
import { ProfileError } from './errors.js';

// Samples whose messages are 1..~20000 bytes long: stacks of 0..9000 ids
// of two-byte varints (location 200 and up) around the length-prefix
// boundaries 127/128 and 16383/16384.
function longStacks(): RawProfile {
  const p = smallCpuProfile();
  for (let id = 200; id < 300; id++) p.locations.push({ id, mappingId: 1, address: BigInt(0x404000 + id), lines: [{ functionId: 1, line: id }] });
  const sizes = [0, 1, 50, 58, 59, 60, 61, 62, 63, 64, 65, 8000, 8185, 8186, 8187, 8188, 8189, 8190, 9000];
  p.samples = sizes.map((n, i) => ({ locationIds: Array.from({ length: n }, (_, k) => 200 + ((k * 7 + i) % 100)), values: [i + 1, 1000 * (i + 1)] }));
  return p;
}

test('samples of every length-prefix size decode to their own stacks', () => {
  const raw = longStacks();
  const p = decodeProfile(encodeRawProfile(raw));
  const s = p.samples;
  assert.equal(s.count, raw.samples.length);
  for (let i = 0; i < s.count; i++) {
    const ids = Array.from(s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]), (li) => p.locations[li].id);
    assert.deepEqual(ids, raw.samples[i].locationIds, `sample ${i}`);
    assert.equal(s.values[i * 2], i + 1);
  }
});

test('a cut inside a run of samples is "truncated", at a message boundary the missing table is named', () => {
  const buf = encodeRawProfile(longStacks());
  const fields = scanFields(buf);
  assert.equal(fields[fields.length - 1].end, buf.length, 'test setup: every top-level field found');
  const starts = fields.map((f) => f.start);
  const samples = fields.filter((f) => f.field === 2).map((f) => f.start);
  const last = samples[samples.length - 1];
  const cuts = new Set<number>();
  for (const s of samples) for (const d of [1, 2, 3, 4, 100]) cuts.add(s + d);
  for (let c = last; c < last + 300; c++) cuts.add(c);
  for (const cut of cuts) {
    const boundary = starts.includes(cut);
    assert.throws(() => decodeProfile(buf.subarray(0, cut)), (e: unknown) => {
      assert.ok(e instanceof ProfileError, String(e));
      assert.equal(e.kind, boundary ? 'malformed' : 'truncated', `cut at ${cut}: ${e.message}`);
      return true;
    });
  }
});
