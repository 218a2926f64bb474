// The pieces of the -callgrind writer; whole reports are compared with
// `go tool pprof -callgrind` by the golden suite.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Node } from '../graph/graph.js';
import type { NodeInfo } from '../graph/node-info.js';
import { callgrindAddress, callgrindName, disambiguatedNames } from './callgrind.js';

function info(name: string, address = 0n, objfile = ''): NodeInfo {
  return { name, origName: '', address, file: '/src/a.go', startLine: 0, lineno: 0, columnno: 0, objfile };
}

test('callgrindAddress: absolute first, then relative when shorter, "*" when equal', () => {
  assert.equal(callgrindAddress(null, 0x401000n), '0x401000');
  assert.equal(callgrindAddress(null, 0n), '0x0');
  assert.equal(callgrindAddress(info('f', 0x401000n), 0x401000n), '*');
  assert.equal(callgrindAddress(info('f', 0x401000n), 0x401010n), '+16');
  assert.equal(callgrindAddress(info('f', 0x401010n), 0x401000n), '-16');
  assert.equal(callgrindAddress(info('f', 0x10n), 0x7f0000001000n), '0x7f0000001000');
  // uint64 arithmetic: one past the top wraps to +1.
  assert.equal(callgrindAddress(info('f', 0xffffffffffffffffn), 0n), '+1');
  assert.equal(callgrindAddress(info('f', 0xfffffffffffffff0n), 0x10n), '+32');
});

test('callgrindName: "(id) name" once, then "(id)"; empty stays empty', () => {
  const ids = new Map<string, number>();
  assert.equal(callgrindName(ids, 'main.f'), '(1) main.f');
  assert.equal(callgrindName(ids, 'main.g'), '(2) main.g');
  assert.equal(callgrindName(ids, 'main.f'), '(1)');
  assert.equal(callgrindName(ids, ''), '');
});

test('disambiguatedNames: functions sharing file and name get [i/n]', () => {
  const fa = new Node(info('main.f', 0n, '/bin/a'), 'fa');
  const fb = new Node(info('main.f', 0n, '/bin/b'), 'fb');
  const a1 = new Node(info('main.f', 0x10n, '/bin/a'), 'a1');
  a1.fn = fa;
  const b1 = new Node(info('main.f', 0x20n, '/bin/b'), 'b1');
  b1.fn = fb;
  const a2 = new Node(info('main.f', 0x30n, '/bin/a'), 'a2');
  a2.fn = fa;
  const g = new Node(info('main.g', 0x40n), 'g');
  const names = disambiguatedNames({ nodes: [a1, b1, a2, g] });
  assert.deepEqual([a1, b1, a2, g].map((n) => names.get(n)), ['main.f [1/2]', 'main.f [2/2]', 'main.f [1/2]', 'main.g']);
});
