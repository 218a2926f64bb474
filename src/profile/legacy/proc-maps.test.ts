// Tests for memory-map parsing and pprof's mapping heuristics; expected
// dumps are pprof's output for the same input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLegacy } from './index.js';
import { isMemoryMapSentinel, parseMappingLine } from './proc-maps.js';
import { lines, render, textBytes } from './testing.js';

function mapping(start: bigint, limit: bigint, offset = 0n, file = '', buildId = '') {
  return { start, limit, offset, file, buildId };
}

test('parseMappingLine reads /proc maps and brief lines', () => {
  assert.deepEqual(parseMappingLine('7f10a000-7f10c000 r-xp 00002000 fd:01 42    /usr/lib/libz.so.1'),
    mapping(0x7f10a000n, 0x7f10c000n, 0x2000n, '/usr/lib/libz.so.1'));
  assert.deepEqual(parseMappingLine('00400000-00500000 r-xp 00000000 00:00 0'), mapping(0x400000n, 0x500000n));
  assert.deepEqual(parseMappingLine('  00400000-00500000: /bin/app (@1000) f00d'), mapping(0x400000n, 0x500000n, 0x1000n, '/bin/app', 'f00d'));
  assert.deepEqual(parseMappingLine('0x1000 0x2000 r-xp prog 1234abcd'), mapping(0x1000n, 0x2000n, 0n, 'prog', '1234abcd'));
  assert.deepEqual(parseMappingLine('  1000-2000: /bin/x (deleted)'), mapping(0x1000n, 0x2000n, 0n, '/bin/x'));
  assert.equal(parseMappingLine('7f10a000-7f10c000 rw-p 00000000 fd:01 42 /data'), null, 'not executable');
  assert.equal(parseMappingLine('src=/home/me'), undefined);
  assert.equal(parseMappingLine('1ffffffffffffffff-2 r-xp 0 0:0 0'), undefined, 'start beyond 64 bits');
});

test('isMemoryMapSentinel', () => {
  assert.ok(isMemoryMapSentinel('--- Memory map: ---'));
  assert.ok(isMemoryMapSentinel('I0102 logger.cc:1] MAPPED_LIBRARIES:'));
  assert.ok(!isMemoryMapSentinel('--- Memory map ---'));
});

test('split mappings merge, the main binary goes first, non-executable ranges drop out', () => {
  assert.equal(render(parseLegacy(textBytes(lines(
    'goroutine profile: total 3',
    '1 @ 0x7f0000001001 0x401001',
    '1 @ 0x410001 0x600001',
    '--- Memory map: ---',
    '7f0000000000-7f0000010000 r-xp 00000000 08:01 77 /lib/libc.so.6',
    '00400000-00410000 r-xp 00000000 08:01 55 /bin/app',
    '00410000-00420000 r-xp 00010000 08:01 55 /bin/app',
    '00600000-00601000 rw-p 00000000 08:01 55 /bin/app',
  )))), lines(
    'PeriodType: goroutine count', 'Period: 1', 'Samples:', 'goroutine/count', '          1: 1 2 ', '          1: 3 4 ',
    'Locations', '     1: 0x7f0000001000 M=2 ', '     2: 0x401000 M=1 ', '     3: 0x410000 M=1 ', '     4: 0x600000 M=3 ',
    'Mappings',
    '1: 0x400000/0x420000/0x0 /bin/app  ',
    '2: 0x7f0000000000/0x7f0000010000/0x0 /lib/libc.so.6  ',
    '3: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('a leading /anon_hugepage piece goes; a mapping grows down over its unlisted start', () => {
  assert.equal(render(parseLegacy(textBytes(lines(
    'goroutine profile: total 1',
    '1 @ 0x2001 0x5001',
    '--- Memory map: ---',
    '  /anon_hugepage',
    '  1000-4000: /anon_hugepage',
    '  4000-8000: /bin/app (@3000)',
  )))), lines(
    'PeriodType: goroutine count', 'Period: 1', 'Samples:', 'goroutine/count', '          1: 1 2 ',
    'Locations', '     1: 0x2000 M=1 ', '     2: 0x5000 M=1 ', 'Mappings', '1: 0x1000/0x8000/0x0 /bin/app  ',
  ));
});

test('a main binary whose start minus offset is 0x400000 is snapped there', () => {
  assert.equal(render(parseLegacy(textBytes(lines(
    'goroutine profile: total 1',
    '1 @ 0x402001 0x3001',
    '--- Memory map: ---',
    '  00400000-00500000: [vdso]',
    '  00404000-00405000: /bin/app (@4000)',
  )))), lines(
    'PeriodType: goroutine count', 'Period: 1', 'Samples:', 'goroutine/count', '          1: 1 2 ',
    'Locations', '     1: 0x402000 M=1 ', '     2: 0x3000 M=3 ',
    'Mappings', '1: 0x400000/0x405000/0x0 /bin/app  ', '2: 0x400000/0x500000/0x0 [vdso]  ', '3: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('"name=value" lines define $name; glog prefixes are stripped', () => {
  assert.equal(render(parseLegacy(textBytes(lines(
    'goroutine profile: total 1',
    '1 @ 0x40001 0x100001',
    '--- Memory map: ---',
    'root=/opt/build',
    'W1220 15:07:15.201776    8272 logger.cc:12033]   0x40000-0x80000 $root/bin      (@FF00)            abc123456',
    '0x100000 0x200000 r-xp $root/lib.so 9999',
  )))), lines(
    'PeriodType: goroutine count', 'Period: 1', 'Samples:', 'goroutine/count', '          1: 1 2 ',
    'Locations', '     1: 0x40000 M=1 ', '     2: 0x100000 M=2 ',
    'Mappings', '1: 0x40000/0x80000/0xff00 /opt/build/bin abc123456 ', '2: 0x100000/0x200000/0x0 /opt/build/lib.so 9999 ',
  ));
});
