// Go text/tabwriter emulation used by -tags.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabwrite } from './tabwriter.js';

test('right-aligned blocks', () => {
  const text = 'key:\t Total 10\n \t5 (50%):\t a\n \t10 (100%):\t bb\n\nk2:\t x\n';
  // Column 0 is as wide as "key:" plus padding; column 1 only spans the value lines.
  const want = ' key: Total 10\n        5 (50%): a\n      10 (100%): bb\n\n k2: x\n';
  assert.equal(tabwrite(text, { minWidth: 0, padding: 1, alignRight: true }), want);
});

test('no tabs passes through', () => {
  assert.equal(tabwrite('a\nb\n', { minWidth: 0, padding: 1, alignRight: true }), 'a\nb\n');
});
