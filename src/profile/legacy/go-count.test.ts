// Tests for Go count profiles (goroutine, threadcreate); expected dumps are
// pprof's output for the same input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLegacy } from './index.js';
import { lines, render, textBytes } from './testing.js';

test('goroutine profile: counts, shared locations, fake mapping', () => {
  const r = parseLegacy(textBytes('goroutine profile: total 4\n3 @ 0x1001 0x2002\n1 @ 0x1001\n'));
  assert.equal(render(r), lines(
    'PeriodType: goroutine count',
    'Period: 1',
    'Samples:',
    'goroutine/count',
    '          3: 1 2 ',
    '          1: 1 ',
    'Locations',
    '     1: 0x1000 M=1 ',
    '     2: 0x2001 M=1 ',
    'Mappings',
    '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
  assert.match(r.profile!.dropFrames, /^ProfileData::Add\|/);
});

test('leading comments are skipped and counts are read with base prefixes (010 is octal)', () => {
  assert.equal(render(parseLegacy(textBytes('# leading comment\n\nthreadcreate profile: total 2\n010 @ 0x11\n'))), lines(
    'PeriodType: threadcreate count', 'Period: 1', 'Samples:', 'threadcreate/count', '          8: 1 ',
    'Locations', '     1: 0x10 M=1 ', 'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('later sections are skipped up to the memory map; non-executable maps are ignored', () => {
  const r = parseLegacy(textBytes(lines(
    'goroutine profile: total 4',
    '1 @ 0x1001',
    '---- extra section',
    'nothing',
    '--- Memory map: ---',
    '00400000-00500000 r-xp 00000000 08:01 1234 /bin/app',
    '00500000-00600000 r--p 00100000 08:01 1234 /bin/app',
  )));
  assert.equal(render(r), lines(
    'PeriodType: goroutine count', 'Period: 1', 'Samples:', 'goroutine/count', '          1: 1 ',
    'Locations', '     1: 0x1000 M=2 ',
    'Mappings', '1: 0x400000/0x500000/0x0 /bin/app  ', '2: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('malformed sample lines are definite errors', () => {
  for (const line of ['3 @ 0x1001 0x2002 ', '09 @ 0x1001', '1 @', '1 @ 0x10000000000000001', 'x @ 0x1']) {
    assert.equal(render(parseLegacy(textBytes(`goroutine profile: total 4\n${line}\n`))),
      'ERROR malformed: malformed profile format', line);
  }
});

test('headers that are not count headers are not count profiles', () => {
  for (const text of ['goroutine profile: total x\n', ' goroutine profile: total 3\n', 'goroutine profile:', '# only a comment\n']) {
    assert.equal(render(parseLegacy(textBytes(text))), 'NOT LEGACY', text);
  }
});
