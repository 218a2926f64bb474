// Tests for the C++/Go contention text profiles; expected dumps are pprof's
// output for the same input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLegacy } from './index.js';
import { lines, render, textBytes } from './testing.js';

test('contentionz: attributes scale counts by the period and cycles to nanoseconds', () => {
  const r = parseLegacy(textBytes(lines(
    '--- contentionz 1 ---',
    'cycles/second = 2000000000',
    'sampling period = 100',
    'ms since reset = 1500',
    'discarded samples = 0',
    '     2000     3 @ 0x1001 0x2002',
    '      500     1 @ 0x1001',
    '--- Memory map: ---',
    '  1000-3000: /bin/app',
  )));
  assert.equal(render(r), lines(
    'PeriodType: contentions count',
    'Period: 100',
    'Duration: 1.5s',
    'Samples:',
    'contentions/count delay/nanoseconds',
    '        300     100000: 1 2 ',
    '        100      25000: 1 ',
    'Locations',
    '     1: 0x1000 M=1 ',
    '     2: 0x2001 M=1 ',
    'Mappings',
    '1: 0x1000/0x3000/0x0 /bin/app  ',
  ));
  assert.match(r.profile!.dropFrames, /^RecordLockProfileData\|/);
  assert.equal(r.profile!.keepFrames, '');
});

test('Go "--- mutex:" header; a hex clock rate; no period means no scaling', () => {
  assert.equal(render(parseLegacy(textBytes('--- mutex:\ncycles/second=0x10\n   10 1 @ 0x5\n'))), lines(
    'PeriodType: contentions count', 'Period: 1', 'Samples:', 'contentions/count delay/nanoseconds',
    '          1  625000000: 1 ', 'Locations', '     1: 0x4 M=1 ', 'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
  assert.equal(render(parseLegacy(textBytes('--- contention:\nsampling period = 0\n   7 2 @ 0x5\n'))), lines(
    'PeriodType: contentions count', 'Period: 0', 'Samples:', 'contentions/count delay/nanoseconds',
    '          2          7: 1 ', 'Locations', '     1: 0x4 M=1 ', 'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('"123 @" splits one number in two, as pprof\'s regexp does', () => {
  assert.equal(render(parseLegacy(textBytes('--- contentionz 1 ---\nsampling period = 10\n123 @ 0x1\n'))), lines(
    'PeriodType: contentions count', 'Period: 10', 'Samples:', 'contentions/count delay/nanoseconds',
    '         30         12: 1 ', 'Locations', '     1: 0x0 ', 'Mappings',
  ));
});

test('an out-of-range delay is a definite error', () => {
  assert.equal(render(parseLegacy(textBytes('--- contentionz 1 ---\n99999999999999999999 1 @ 0x1\n'))),
    'ERROR malformed: malformed sample: 99999999999999999999 1 @ 0x1: strconv.ParseInt: parsing "99999999999999999999": value out of range');
});

test('unparsable attributes and lines fall through to the Java parser', () => {
  // The C++ parser gives up; the Java parser then rejects the bad number.
  assert.equal(render(parseLegacy(textBytes('--- contentionz 1 ---\nsampling period = x\n1 1 @ 0x1\n'))),
    'ERROR malformed: failed to parse attribute sampling period = x: strconv.ParseInt: parsing "x": invalid syntax');
  // …or accepts an empty profile.
  assert.equal(render(parseLegacy(textBytes('--- contentionz 1 ---\nbogus line\n'))), lines(
    'PeriodType:  ', 'Period: 0', 'Samples:', '', 'Locations', 'Mappings',
  ));
  // A lone header is an empty (valid) contention profile.
  assert.equal(render(parseLegacy(textBytes('--- contentionz 1 ---'))), lines(
    'PeriodType: contentions count', 'Period: 1', 'Samples:', 'contentions/count delay/nanoseconds', 'Locations', 'Mappings',
  ));
});
