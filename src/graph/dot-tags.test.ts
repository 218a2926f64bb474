// Nodelets: label-set boxes and numeric tags collapsed into ranges.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapsedTags, nodeletLines, sortTags } from './dot-tags.js';
import { Node, type Tag } from './graph.js';

function tag(name: string, value: number, flat: number, cum = flat): Tag {
  return { name, unit: 'bytes', value, flat, flatDiv: 0, cum, cumDiv: 0 };
}

test('sortTags: by cum (unless flat), then flat, then name', () => {
  const ts = [tag('b', 0, 1, 5), tag('a', 0, 1, 5), tag('c', 0, 3, 4)];
  assert.deepEqual(sortTags([...ts], false).map((t) => t.name), ['a', 'b', 'c']);
  assert.deepEqual(sortTags([...ts], true).map((t) => t.name), ['c', 'a', 'b']);
});

test('collapsedTags: more than four sizes join the group of the nearest of the heaviest four', () => {
  const ts = [tag('8B', 8, 50), tag('16B', 16, 40), tag('1kB', 1024, 30), tag('2kB', 2048, 20), tag('64kB', 65536, 10), tag('1MB', 1 << 20, 5)];
  const got = collapsedTags(ts, 4, true).map((t) => `${t.name}=${t.flat}`);
  assert.deepEqual(got, ['8B=50', '16B=40', '2kB..1MB=35', '1kB=30']);
  assert.deepEqual(collapsedTags(ts.slice(0, 3), 4, true).map((t) => t.name), ['8B', '16B', '1kB']);
});

test('nodeletLines: at most four label sets, zero weights skipped but numbered', () => {
  const n = new Node({ name: 'f', origName: '', address: 0n, file: '', startLine: 0, lineno: 0, columnno: 0, objfile: '' }, 'f');
  // k:b sorts second by its sum but its mean (8/16) prints as 0; k:e is the fifth.
  for (const [name, cum, cumDiv] of [['k:a', 9, 0], ['k:b', 8, 16], ['k:c', 7, 0], ['k:d', 6, 0], ['k:e', 5, 0]] as [string, number, number][]) {
    n.labelTags.set(name, { name, unit: '', value: 0, flat: 0, flatDiv: 0, cum, cumDiv });
  }
  // A leaf (no callees) shows cumulative weights.
  const lines = nodeletLines(n, 7, (v) => `${v}`).split('\n').filter((l) => l.startsWith('N7_'));
  assert.deepEqual(lines.map((l) => l.slice(0, 4)), ['N7_0', 'N7_2', 'N7_3']);
  assert.match(lines[0], /label = "k:a"/);
  assert.match(lines[2], /label = "k:d"/);
  assert.equal(nodeletLines(new Node(n.info, 'g'), 1, String), '');
});
