// Tests for the legacy binary CPU profile; expected dumps are pprof's output
// for the same input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCpuHeader } from './cpu-binary.js';
import { parseLegacy } from './index.js';
import { lines, render, wordBytes } from './testing.js';

// Three samples whose second frame (0x9001, a signal-handler frame) is the
// same everywhere, and whose first has the leaf repeated by the unwinder.
const SAMPLES = [
  2, 4, 0x401000, 0x9001, 0x401000, 0x402001,
  1, 3, 0x401100, 0x9001, 0x402001,
  1, 4, 0x401200, 0x9001, 0x402101, 0x402001,
];
const END = [0, 1, 0];
const MAP = '00400000-00500000 r-xp 00000000 08:01 1 /bin/app\n';
const EXPECTED = lines(
  'PeriodType: cpu nanoseconds',
  'Period: 10000000',
  'Samples:',
  'samples/count cpu/nanoseconds',
  '          2   20000000: 1 3 ',
  '          1   10000000: 4 3 ',
  '          1   10000000: 5 6 3 ',
  'Locations',
  '     1: 0x401000 M=1 ',
  '     2: 0x400fff M=1 ',
  '     3: 0x402000 M=1 ',
  '     4: 0x401100 M=1 ',
  '     5: 0x401200 M=1 ',
  '     6: 0x402100 M=1 ',
  'Mappings',
  '1: 0x400000/0x500000/0x0 /bin/app  ',
);

test('all four word formats parse to the same profile', () => {
  for (const size of [4, 8] as const) {
    for (const little of [true, false]) {
      const data = wordBytes(size, little, [0, 3, 0, 10000, 0, ...SAMPLES, ...END], MAP);
      const r = parseLegacy(data);
      assert.equal(render(r), EXPECTED, `${size * 8}-bit ${little ? 'little' : 'big'}-endian`);
      assert.match(r.profile!.dropFrames, /^ProfileData::Add\|/);
    }
  }
});

test('readCpuHeader picks the format and the C++/Java flag', () => {
  const h = readCpuHeader(wordBytes(8, false, [0, 3, 1, 250, 0]));
  assert.ok(h);
  assert.deepEqual([h.java, h.periodMicros, h.reader.format.bytes, h.reader.format.littleEndian], [true, 250n, 8, false]);
  assert.equal(readCpuHeader(wordBytes(4, true, [0, 3, 0, 0, 0])), null, 'zero period');
  assert.equal(readCpuHeader(wordBytes(4, true, [0, 3, 2, 100, 0])), null, 'unknown language');
  assert.equal(readCpuHeader(wordBytes(4, true, [0, 3, 0, 100])), null, 'truncated header');
});

test('a header alone is an empty profile', () => {
  assert.equal(render(parseLegacy(wordBytes(4, true, [0, 3, 0, 100, 0]))), lines(
    'PeriodType: cpu nanoseconds', 'Period: 100000', 'Samples:', 'samples/count cpu/nanoseconds', 'Locations', 'Mappings',
  ));
});

test('stacks deeper than the data, or cut inside a record, are not CPU profiles', () => {
  assert.equal(render(parseLegacy(wordBytes(8, true, [0, 3, 0, 10000, 0, 1, 99, 0x401000]))), 'NOT LEGACY');
  assert.equal(render(parseLegacy(wordBytes(8, false, [0, 3, 0, 1, 0, 5, 2, 0x10, 0x20, 1]))), 'NOT LEGACY');
});

test('without the end marker the samples run to the end of the data', () => {
  const data = wordBytes(4, true, [0, 3, 0, 1, 0, 1, 2, 0x10, 0x20, 2, 1, 0x30]);
  assert.equal(render(parseLegacy(data)), lines(
    'PeriodType: cpu nanoseconds', 'Period: 1000', 'Samples:', 'samples/count cpu/nanoseconds',
    '          1       1000: 1 2 ', '          2       2000: 3 ',
    'Locations', '     1: 0x10 M=1 ', '     2: 0x1f M=1 ', '     3: 0x30 M=1 ',
    'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('a last record cut short reads missing words as 0; a lone sample loses its second frame', () => {
  // 64-bit words: the depth check allows 2 frames in 8 bytes; the missing
  // one reads as 0 (0xffff… after adjustment), then counts as a signal frame.
  const data = wordBytes(8, true, [0, 3, 0, 1, 0, 1, 2, 0x10]);
  assert.equal(render(parseLegacy(data)), lines(
    'PeriodType: cpu nanoseconds', 'Period: 1000', 'Samples:', 'samples/count cpu/nanoseconds',
    '          1       1000: 1 ', 'Locations', '     1: 0x10 M=1 ', 'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
});
