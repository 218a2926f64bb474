// Tests for the text heap formats; expected dumps are pprof's output for
// the same input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scaleHeapSample } from './heap-scale.js';
import { readHeapHeader } from './heap-text.js';
import { parseLegacy } from './index.js';
import { lines, render, textBytes } from './testing.js';

const FAKE_MAPPING = '1: 0x0/0xffffffffffffffff/0x0   ';

test('heapz_v2 with alloc totals: four values, Poisson unsampling, memory map', () => {
  const r = parseLegacy(textBytes(lines(
    'heap profile:   2:   300 [   5:  1000] @ heapz_v2/524288',
    '     1:   100 [     3:   600] @ 0x1001 0x2002',
    '     1:   200 [     2:   400] @ 0x3003 0x2002',
    '--- Memory map: ---',
    '  00001000-00004000: /bin/app',
  )));
  assert.equal(render(r), lines(
    'PeriodType: space bytes',
    'Period: 524288',
    'Samples:',
    'alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes',
    '       7865    1573164       5243     524338: 1 2 ',
    '                bytes:[100]',
    '       5243    1048776       2621     524388: 3 2 ',
    '                bytes:[200]',
    'Locations',
    '     1: 0x1000 M=1 ',
    '     2: 0x2001 M=1 ',
    '     3: 0x3002 M=1 ',
    'Mappings',
    '1: 0x1000/0x4000/0x0 /bin/app  ',
  ));
  assert.match(r.profile!.dropFrames, /^calloc\|cfree\|malloc\|/);
  assert.equal(r.profile!.keepFrames, 'runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*');
});

test('Go heap profile: rate is half the header number, MemStats comments skipped', () => {
  const r = parseLegacy(textBytes(lines(
    'heap profile: 1: 4096 [1: 4096] @ heap/1048576',
    '1: 4096 [1: 4096] @ 0x401001 0x402002',
    '',
    '# runtime.MemStats',
    '# Alloc = 1234',
  )));
  assert.equal(render(r), lines(
    'PeriodType: space bytes',
    'Period: 524288',
    'Samples:',
    'objects/count space/bytes',
    '        128     526338: 1 2 ',
    '                bytes:[4096]',
    'Locations',
    '     1: 0x401000 M=1 ',
    '     2: 0x402001 M=1 ',
    'Mappings',
    FAKE_MAPPING,
  ));
});

test('growthz, fragmentationz and heapprofile are not unsampled', () => {
  assert.equal(render(parseLegacy(textBytes('heap profile: 3: 3000 [3: 3000] @ growthz\n3: 3000 [3: 3000] @ 0x10 0x20\n'))), lines(
    'PeriodType: space bytes', 'Period: 1', 'Samples:', 'objects/count space/bytes',
    '          3       3000: 1 2 ', '                bytes:[1000]',
    'Locations', '     1: 0xf M=1 ', '     2: 0x1f M=1 ', 'Mappings', FAKE_MAPPING,
  ));
  assert.equal(render(parseLegacy(textBytes('heap profile: 1: 2 [3: 4] @ fragmentationz\n1: 2 [3: 4] @ 0x5\n'))), lines(
    'PeriodType: space bytes', 'Period: 1', 'Samples:', 'objects/count space/bytes',
    '          1          2: 1 ', '                bytes:[2]',
    'Locations', '     1: 0x4 M=1 ', 'Mappings', FAKE_MAPPING,
  ));
  assert.equal(render(parseLegacy(textBytes('heap profile: 1: 10 [1: 10] @ heapprofile\n1: 10 [1: 10] @ 0x10\n'))), lines(
    'PeriodType: space bytes', 'Period: 1', 'Samples:', 'objects/count space/bytes',
    '          1         10: 1 ', '                bytes:[10]',
    'Locations', '     1: 0xf M=1 ', 'Mappings', FAKE_MAPPING,
  ));
});

test('readHeapHeader recognises the variants and rejects others', () => {
  assert.deepEqual(readHeapHeader('heap profile: 1: 2 [1: 2] @ heap_v2/100'), { rate: 100n, poisson: true, hasAlloc: false });
  assert.deepEqual(readHeapHeader('heap profile: 1: 2 [0: 0] @ heapz_v2/7'), { rate: 7n, poisson: true, hasAlloc: false });
  assert.deepEqual(readHeapHeader('heap profile: 1: 2 [3: 2] @ heap/9'), { rate: 4n, poisson: true, hasAlloc: true });
  assert.deepEqual(readHeapHeader('heap profile: 1: 2 [1: 2] @ growth'), { rate: 1n, poisson: false, hasAlloc: false });
  for (const bad of ['heap profile: 1: 2 [1: 2] @ heap_other/2', 'heap profile: x', 'goroutine profile: total 1', '']) {
    assert.throws(() => readHeapHeader(bad), { name: 'ProfileError', message: 'unrecognized profile format' });
  }
});

test('scaleHeapSample follows 1/(1-exp(-avg/rate))', () => {
  assert.deepEqual(scaleHeapSample(0n, 10n, 524288n), [0n, 0n]);
  assert.deepEqual(scaleHeapSample(3n, 30n, 1n), [3n, 30n]);
  assert.deepEqual(scaleHeapSample(3n, 30n, 0n), [3n, 30n]);
  assert.deepEqual(scaleHeapSample(1n, 4096n, 524288n), [128n, 526338n]);
});

test('malformed heap samples are definite errors', () => {
  const header = 'heap profile: 1: 10 [1: 10] @ heapz_v2/524288\n';
  const cases: [string, string][] = [
    ['0: 10 [0: 10] @ 0x10', 'inuse count was 0 but inuse bytes was 10'],
    ['1: 99999999999999999999 [1: 10] @ 0x10',
      'malformed sample: 1: 99999999999999999999 [1: 10] @ 0x10: strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    ['this is not a sample', 'unexpected number of sample values: got 0, want 6'],
    ['1: 10 [1: 10] @ 0x10000000000000000',
      'malformed sample: 1: 10 [1: 10] @ 0x10000000000000000: failed to parse as hex 64-bit number: 0x10000000000000000'],
  ];
  for (const [line, message] of cases) {
    assert.equal(render(parseLegacy(textBytes(header + line + '\n'))), `ERROR malformed: ${message}`);
  }
});

test('unknown heap variants and truncated headers are not heap profiles', () => {
  assert.equal(render(parseLegacy(textBytes('heap profile: 1: 10 [1: 10] @ heap_other/2\n1: 10 [1: 10] @ 0x10\n'))), 'NOT LEGACY');
  assert.equal(render(parseLegacy(textBytes('heap profile: 1: 10 [1:'))), 'NOT LEGACY');
});
