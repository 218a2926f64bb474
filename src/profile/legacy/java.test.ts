// Tests for the Java legacy profiles (text heapz/contentionz and binary CPU);
// expected dumps are pprof's output for the same input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLegacy } from './index.js';
import { pathBase } from './java-symbols.js';
import { lines, render, textBytes, wordBytes } from './testing.js';

test('Java heapz: unsampled at 512 KiB, symbols with files, lines and library paths', () => {
  const r = parseLegacy(textBytes(lines(
    '--- heapz 1 ---',
    'format = java',
    'resolution = bytes',
    '   1000   2 @ 0x0a 0x0b',
    '    300   1 @ 0x0c',
    '',
    ' 0x0a com.example.Foo.bar (Foo.java:12)',
    ' 0x0b com.example.Main.main (Main.java:-1)',
    ' 0x0c libjvm_alloc (/usr/lib/jvm/libjvm.so)',
  )));
  assert.equal(render(r), lines(
    'PeriodType:  ',
    'Period: 0',
    'Samples:',
    'inuse_objects/count inuse_space/bytes',
    '       2098    1049076: 1 2 ',
    '                bytes:[500]',
    '       1748     524438: 3 ',
    '                bytes:[300]',
    'Locations',
    '     1: 0x0 com.example.Foo.bar Foo.java:12:0 s=0',
    '     2: 0x0 com.example.Main.main Main.java:0:0 s=0',
    '     3: 0x0 libjvm_alloc libjvm.so:0:0 s=0',
    'Mappings',
  ));
  assert.match(r.profile!.dropFrames, /^calloc\|/);
});

test('Java contentionz: period scales both values; agent states and stubs', () => {
  assert.equal(render(parseLegacy(textBytes([
    '--- contentionz 1 ---',
    'format = java',
    'resolution = microseconds',
    'sampling period = 100',
    'ms since reset = 2000',
    '  50  2 @ 0x1 0x2',
    '  10  1 @ 0x3',
    ' 0x1 com.A.lock (A.java:5)',
    ' 0x2 GC',
    ' 0x3 stub (generated stub/JIT)', // no final newline: still read
  ].join('\n')))), lines(
    'PeriodType: contentions count',
    'Period: 100',
    'Duration: 2s',
    'Samples:',
    'contentions/count delay/microseconds',
    '        200       5000: 1 2 ',
    '        100       1000: 3 ',
    'Locations',
    '     1: 0x0 com.A.lock A.java:5:0 s=0',
    '     2: 0x0 GC :0:0 s=0',
    '     3: 0x0 stub JIT:0:0 s=0',
    'Mappings',
  ));
});

test('functions are shared by name; a repeated address takes the last symbol', () => {
  assert.equal(render(parseLegacy(textBytes(lines(
    '--- heapz 1 ---',
    'format = java',
    'resolution = bytes',
    '  10  1 @ 0x1 0x2',
    ' 0x1 f (F.java:1)',
    ' 0x1 g (G.java:2)',
    ' 0x2 f (Other.java:9)',
  )))), lines(
    'PeriodType:  ', 'Period: 0', 'Samples:', 'inuse_objects/count inuse_space/bytes',
    '      52429     524293: 1 2 ', '                bytes:[10]',
    'Locations', '     1: 0x0 g G.java:2:0 s=0', '     2: 0x0 f F.java:9:0 s=0', 'Mappings',
  ));
});

test('Java CPU (binary, Java flag): symbolised, unnamed addresses get a fake mapping', () => {
  const data = wordBytes(4, true, [0, 3, 1, 10000, 0, 3, 2, 1, 2, 1, 1, 3, 1, 2, 7, 2, 0, 1, 0],
    ' 0x1 com.A.run (A.java:10)\n 0x2 com.B.main (B.java:3)\n 0x3 VM\n');
  assert.equal(render(parseLegacy(data)), lines(
    'PeriodType: cpu nanoseconds',
    'Period: 10000000',
    'Samples:',
    'samples/count cpu/nanoseconds',
    '          3   30000000: 1 2 ',
    '          1   10000000: 3 ',
    '          1   10000000: 4 2 ',
    'Locations',
    '     1: 0x0 com.A.run A.java:10:0 s=0',
    '     2: 0x0 com.B.main B.java:3:0 s=0',
    '     3: 0x0 VM :0:0 s=0',
    '     4: 0x0 M=1 ',
    'Mappings',
    '1: 0x0/0xffffffffffffffff/0x0   ',
  ));
});

test('Java errors: zero heap count, bad numbers, missing resolution, wrong format', () => {
  assert.equal(render(parseLegacy(textBytes('--- heapz 1 ---\nformat = java\nresolution = bytes\n  10  0 @ 0x1\n'))),
    'ERROR malformed: parsing sample 10  0 @ 0x1: second value must be non-zero');
  assert.equal(render(parseLegacy(textBytes('--- contentionz 1 ---\nformat = java\nresolution = microseconds\n  08  1 @ 0x1\n'))),
    'ERROR malformed: parsing sample 08  1 @ 0x1: strconv.ParseInt: parsing "08": invalid syntax');
  assert.equal(render(parseLegacy(textBytes('--- heapz 1 ---\nformat = java\n  10  1 @ 0x1\n 0x1 f (F.java:1)\n'))),
    'ERROR invalid: missing sample type information');
  assert.equal(render(parseLegacy(textBytes('--- heapz 1 ---\nformat = cpp\n'))), 'NOT LEGACY');
  assert.equal(render(parseLegacy(textBytes('--- heapz 1 ---'))), 'NOT LEGACY');
});

test('pathBase is filepath.Base', () => {
  assert.equal(pathBase('/usr/lib/libjvm.so'), 'libjvm.so');
  assert.equal(pathBase('dir/'), 'dir');
  assert.equal(pathBase('///'), '/');
  assert.equal(pathBase(''), '.');
  assert.equal(pathBase('plain'), 'plain');
});
