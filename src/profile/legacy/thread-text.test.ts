// Tests for threadz text profiles; expected dumps are pprof's output for the
// same input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLegacy } from './index.js';
import { lines, render, textBytes } from './testing.js';

test('threadz: stacks over several lines, "same as previous thread" bumps the count', () => {
  const r = parseLegacy(textBytes(lines(
    '--- threadz 1 ---',
    '',
    '--- Thread 1 (name: main/10) stack: ---',
    '  PC: 0x1000 0x2001 0x3001',
    '--- Thread 2 (name: worker/11) stack: ---',
    '  PC: 0x1000 0x2001',
    '      0x3001',
    '--- Thread 3 (name: worker/12) stack: ---',
    '  [same as previous thread]',
    '--- Memory map: ---',
    '  1000-4000: /bin/app',
  )));
  assert.equal(render(r), lines(
    'PeriodType: thread count',
    'Period: 1',
    'Samples:',
    'thread/count',
    '          1: 1 2 3 ',
    '          2: 1 2 3 ',
    'Locations',
    '     1: 0x1000 M=1 ',
    '     2: 0x2000 M=1 ',
    '     3: 0x3000 M=1 ',
    'Mappings',
    '1: 0x1000/0x4000/0x0 /bin/app  ',
  ));
  assert.match(r.profile!.dropFrames, /^ProfileData::Add\|/);
});

test('a bare thread header is enough; "---- no stack trace" ends the threads', () => {
  assert.equal(render(parseLegacy(textBytes(lines(
    '--- Thread 1 (name: a/1) stack: ---',
    '  PC: 0x1001 0x1000 0x2001',
    '---- no stack trace for 3 threads',
  )))), lines(
    'PeriodType: thread count', 'Period: 1', 'Samples:', 'thread/count', '          1: 1 2 3 ',
    'Locations', '     1: 0x1001 M=1 ', '     2: 0xfff M=1 ', '     3: 0x2000 M=1 ',
    'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('the leaf duplicated by the unwinder is dropped from the stack only', () => {
  const r = parseLegacy(textBytes(lines(
    '--- Thread 1 (name: a/1) stack: ---',
    '  PC: 0x1001 0x1001 0x2001',
    '--- Memory map: ---',
  )));
  assert.equal(render(r), lines(
    'PeriodType: thread count', 'Period: 1', 'Samples:', 'thread/count', '          1: 1 3 ',
    'Locations', '     1: 0x1001 M=1 ', '     2: 0x1000 M=1 ', '     3: 0x2000 M=1 ',
    'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
  // A caller that lands on the leaf address after the -1 adjustment shares its location and stays.
  assert.equal(render(parseLegacy(textBytes('--- Thread 1 (name: a/1) stack: ---\n  PC: 0x1000 0x1001 0x2001\n--- Memory map: ---\n'))), lines(
    'PeriodType: thread count', 'Period: 1', 'Samples:', 'thread/count', '          1: 1 1 2 ',
    'Locations', '     1: 0x1000 M=1 ', '     2: 0x2000 M=1 ',
    'Mappings', '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('a profile must end with the memory map or the no-stack marker', () => {
  assert.equal(render(parseLegacy(textBytes('--- threadz 1 ---\n--- Thread 1 (name: main/10) stack: ---\n  PC: 0x1000\n'))), 'NOT LEGACY');
  assert.equal(render(parseLegacy(textBytes('--- threadz 1 ---\n'))), 'NOT LEGACY');
});

test('an address wider than 64 bits is a definite error', () => {
  assert.equal(render(parseLegacy(textBytes(lines(
    '--- threadz 1 ---',
    '--- Thread 1 (name: main/10) stack: ---',
    '  PC: 0x473add693e639c6f0',
    '--- Memory map: ---',
  )))), 'ERROR malformed: malformed sample: PC: 0x473add693e639c6f0: failed to parse as hex 64-bit number: 0x473add693e639c6f0');
});
