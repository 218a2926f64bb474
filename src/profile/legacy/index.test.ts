// Tests for parseLegacy's contract: a profile, a ProfileError, or {} —
// never another exception, never a hang — and its use by parseProfile.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProfileError } from '../errors.js';
import { parseProfile } from '../parse.js';
import { parseLegacy } from './index.js';
import { render, textBytes, wordBytes } from './testing.js';

test('text that is no legacy format gives {}', () => {
  for (const s of ['', 'hello\n', 'garbage text', '--- something else ---\n', '{"json": true}']) {
    assert.deepEqual(parseLegacy(textBytes(s)), {}, JSON.stringify(s));
  }
});

test('a first line of 64 KiB or more is an error, as in pprof', () => {
  const r = parseLegacy(textBytes('x'.repeat(70000) + '\n'));
  assert.equal(render(r), 'ERROR too-large: bufio.Scanner: token too long');
});

test('numbers past 2^53 are refused rather than rounded (pprof would keep them)', () => {
  const data = wordBytes(8, true, [0n, 3n, 0n, 10000n, 0n, (1n << 53n) + 1n, 1n, 0x401000n, 0n, 1n, 0n]);
  assert.equal(render(parseLegacy(data)), 'ERROR too-large: value 9007199254740993 exceeds 2^53, which gotune cannot represent exactly');
  const heap = textBytes('heap profile: 1: 2 [1: 2] @ heapprofile\n1: 9007199254740992 [1: 1] @ 0x1\n');
  assert.equal(render(parseLegacy(heap)), 'ERROR too-large: value 9007199254740992 exceeds 2^53, which gotune cannot represent exactly');
});

test('error messages stay one line when they quote the input', () => {
  const r = parseLegacy(textBytes('--- heapz 1 ---\n0 0 @ 0x1\r\x1b[2J\n'));
  assert.equal(r.error?.message, 'parsing sample 0 0 @ 0x1\\r\\x1b[2J: second value must be non-zero');
});

test('parseProfile falls back to the legacy parsers', () => {
  const p = parseProfile(textBytes('goroutine profile: total 1\n1 @ 0x1001\n'));
  assert.deepEqual(p.sampleTypes, [{ type: 'goroutine', unit: 'count' }]);
  assert.throws(() => parseProfile(textBytes('heap profile: 1: 10 [1: 10] @ heapz_v2/524288\nnot a sample\n')),
    (e: unknown) => e instanceof ProfileError && e.message === 'unexpected number of sample values: got 0, want 6');
});

test('hostile long lines parse in linear time', () => {
  const started = Date.now();
  const digits = '7'.repeat(60000);
  // The regexp splits the run into 59999 digits (out of range) and "7".
  assert.match(render(parseLegacy(textBytes(`--- contentionz 1 ---\n${digits} @ 0x1\n`))),
    /^ERROR malformed: malformed sample: 7{60000} @ 0x1: strconv\.ParseInt: parsing "7{59999}": value out of range$/);
  assert.match(render(parseLegacy(textBytes(`heap profile: 1: 2 [1: 2] @ heapprofile\n${digits}\n`))), /^ERROR malformed: unexpected number/);
  // Neither an attribute nor a sample: an empty Java heap profile.
  assert.match(render(parseLegacy(textBytes(`--- heapz 1 ---\n${'w'.repeat(200000)}=\n`))), /^PeriodType:  \nPeriod: 0\n/);
  assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
});

test('random and truncated inputs never throw and always finish', () => {
  let seed = 7;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const seeds = [
    textBytes('heap profile: 2: 300 [5: 1000] @ heapz_v2/524288\n1: 100 [3: 600] @ 0x1001 0x2002\n--- Memory map: ---\n  1000-4000: /bin/app\n'),
    textBytes('--- contentionz 1 ---\ncycles/second = 2000000000\nsampling period = 100\n 2000 3 @ 0x1001 0x2002\n--- Memory map: ---\n'),
    textBytes('--- threadz 1 ---\n--- Thread 1 (name: main/10) stack: ---\n  PC: 0x1000 0x2001\n--- Memory map: ---\n'),
    textBytes('--- heapz 1 ---\nformat = java\nresolution = bytes\n 1000 2 @ 0x0a\n 0x0a f (F.java:1)\n'),
    textBytes('goroutine profile: total 1\n1 @ 0x1001\n'),
    wordBytes(8, true, [0, 3, 0, 10000, 0, 2, 2, 0x401000, 0x402001, 0, 1, 0], '00400000-00500000 r-xp 0 0:0 0 /a\n'),
    wordBytes(4, false, [0, 3, 1, 100, 0, 1, 1, 1, 0, 1, 0], ' 0x1 GC\n'),
  ];
  const pokes = [0x0a, 0x20, 0x30, 0x39, 0x2d, 0x78, 0x3a, 0x40, 0x00, 0xff, 0x5b, 0x5d, 0x3d];
  for (let i = 0; i < 4000; i++) {
    const base = seeds[i % seeds.length];
    let data = base.slice(0, Math.floor(rand() * (base.length + 1)) || base.length);
    if (rand() < 0.7) {
      data = data.slice();
      for (let k = 0; k < 1 + Math.floor(rand() * 4) && data.length > 0; k++) {
        data[Math.floor(rand() * data.length)] = pokes[Math.floor(rand() * pokes.length)];
      }
    }
    let r;
    assert.doesNotThrow(() => {
      r = parseLegacy(data);
    });
    assert.ok(r !== undefined);
    const result = r as ReturnType<typeof parseLegacy>;
    if (result.error) assert.ok(result.error instanceof ProfileError);
    assert.ok(!(result.profile && result.error));
  }
});
