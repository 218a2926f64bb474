// Tests for GoRegExp: the Pike VM agrees with the native engine, and hostile
// inputs take linear time.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoRegExp } from './linear-regexp.js';

// The patterns the parsers use (or close relatives).
const PATTERNS = [
  '(-?[0-9]+): *(-?[0-9]+) *\\[ *([0-9]+): *([0-9]+) *\\] @([ x0-9a-f]*)',
  '([0-9]+) *([0-9]+) @([ x0-9a-f]*)',
  ' *([0-9]+) +([0-9]+) +@ +([ x0-9a-f]*)',
  '([0-9A-Za-z_ ]+)=([0-9A-Za-z_ ]+)',
  '^([0-9]+) @((?: 0x[0-9a-f]+)+)$',
  '^([^\\n]*)[\\t\\n\\f\\r ]+\\(([^\\n]+):(-?[0-9]+)\\)$',
  '^[\\t\\n\\f\\r ]*(?:0x)?([0-9A-Fa-f]+)[\\t\\n\\f\\r -]?[\\t\\n\\f\\r ]*(?:0x)?([0-9A-Fa-f]+):?(?:[\\t\\n\\f\\r ]+([-rwxp]+))?(?:[\\t\\n\\f\\r ]+([^\\t\\n\\f\\r ]+))?(?:[\\t\\n\\f\\r ]+\\(@([0-9A-Fa-f]+)\\))?',
  'a|ab|(c)?d',
];

function randomText(rand: () => number, alphabet: string, max: number): string {
  let s = '';
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

test('the Pike VM finds the same submatches as the native engine', () => {
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const alphabet = '0123456789 :[]@x-abcdf()_=/.rwp\t';
  for (const p of PATTERNS) {
    const re = new GoRegExp(p);
    const native = new RegExp(p);
    for (let i = 0; i < 3000; i++) {
      const s = randomText(rand, alphabet, 40);
      const want = native.exec(s);
      assert.deepEqual(re.pike(s), want ? [...want] : null, `${p} on ${JSON.stringify(s)}`);
    }
  }
});

test('hostile long lines stay fast', () => {
  const started = Date.now();
  const digits = '1'.repeat(60000);
  assert.equal(new GoRegExp(PATTERNS[0]).exec(digits), null);
  assert.equal(new GoRegExp(PATTERNS[1]).exec(digits), null);
  assert.equal(new GoRegExp(PATTERNS[2]).exec(digits), null);
  assert.equal(new GoRegExp(PATTERNS[3]).exec('w'.repeat(60000)), null);
  assert.equal(new GoRegExp(PATTERNS[5]).exec('f (x '.repeat(12000)), null);
  assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
});

test('unsupported syntax is refused rather than misread', () => {
  assert.throws(() => new GoRegExp('a.b'));
  assert.throws(() => new GoRegExp('\\d+'));
  assert.throws(() => new GoRegExp('a+?'));
});
