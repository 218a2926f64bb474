// Tests for the bufio.Scanner-compatible line reader and Go's TrimSpace.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goTrimSpace, isSpaceOrComment, LineScanner, MAX_LINE_BYTES } from './lines.js';
import { textBytes } from './testing.js';

function allLines(s: LineScanner): string[] {
  const out: string[] = [];
  while (s.scan()) out.push(s.text);
  return out;
}

test('LineScanner splits like bufio.ScanLines', () => {
  assert.deepEqual(allLines(new LineScanner(textBytes('a\r\nb\n\nc'))), ['a', 'b', '', 'c']);
  assert.deepEqual(allLines(new LineScanner(textBytes('a\n'))), ['a']);
  assert.deepEqual(allLines(new LineScanner(textBytes(''))), []);
  assert.deepEqual(allLines(new LineScanner(textBytes('x\ny\n'), 2)), ['y']);
  const s = new LineScanner(textBytes('one'));
  assert.ok(s.scan());
  assert.ok(!s.scan());
  assert.equal(s.text, '', 'text is empty after the end');
  assert.equal(s.err, null);
});

test('LineScanner fails on lines of 64 KiB or more', () => {
  const ok = 'x'.repeat(MAX_LINE_BYTES - 1);
  assert.deepEqual(allLines(new LineScanner(textBytes(`${ok}\n${ok}`))).map((l) => l.length), [ok.length, ok.length]);
  const s = new LineScanner(textBytes(`short\n${'x'.repeat(MAX_LINE_BYTES)}\nafter\n`));
  assert.deepEqual(allLines(s), ['short']);
  assert.equal(s.err?.message, 'bufio.Scanner: token too long');
  assert.ok(!s.scan(), 'stays failed');
});

test('goTrimSpace trims Go white space only', () => {
  assert.equal(goTrimSpace(' \t\v\f\r\n x \u00a0\u2003'), 'x');
  assert.equal(goTrimSpace('\ufeffx'), '\ufeffx');
  assert.ok(isSpaceOrComment('  # note'));
  assert.ok(isSpaceOrComment(' \t'));
  assert.ok(!isSpaceOrComment(' x # note'));
});
