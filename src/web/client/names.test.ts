// The UI's small string rules: a refine action's regexp matches exactly
// the name it came from, in Go's regexp syntax too; a label value's filter
// is pprof's tagfocus syntax; a graph node's function comes from its tooltip.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGoRegexp } from '../../driver/goregexp.js';
import { nodeFunction } from './graph-view.js';
import { tagFilter } from './labels-panel.js';
import { quoteRegexp } from './url-state.js';

test('quoteRegexp matches exactly its name, as a Go regexp too', () => {
  for (const name of ['main.(*T).Get', 'sort.pdqsort[go.shape.int]', 'a|b', 'x+y?', '^$\\{}', 'main.main']) {
    const re = quoteRegexp(name);
    assert.ok(new RegExp(re).test(name), name);
    assert.ok(compileGoRegexp(re, 'test').test(name), name);
    assert.ok(!compileGoRegexp(re, 'test').test(name + 'x'), name);
  }
});

test('tagFilter writes key=regexp for strings and a one-value range for numbers', () => {
  assert.equal(tagFilter('worker', 'a.b', false), 'worker=^a\\.b$');
  assert.equal(tagFilter('bytes', '2kB', true), 'bytes=2kB:2kB');
});

test('nodeFunction drops the value from a graph node\'s tooltip', () => {
  assert.equal(nodeFunction('main.runGarbage.func1 (490.79MB)'), 'main.runGarbage.func1');
  assert.equal(nodeFunction('main.f (x) (1s)'), 'main.f (x)');
});
