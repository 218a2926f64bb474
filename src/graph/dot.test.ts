// The DOT writer on small graphs built in code: colours (checked against
// pprof's function run in Go), escaping, labels, nodelets and edges. The
// golden suite compares whole reports with `go tool pprof -dot`.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeDot, dotColor, escapeForDot, multilinePrintableName } from './dot.js';
import { Node, type Edge, type Tag } from './graph.js';
import type { NodeInfo } from './node-info.js';

test('dotColor: grey at 0, red for positive, green for negative scores', () => {
  const want: [number, string, string][] = [
    [-1, '#00b200', '#d5edd5'], [-0.5, '#21b200', '#d9edd5'], [-0.1, '#85b259', '#e7ede1'],
    [0, '#b2b2b2', '#ededed'], [0.0123, '#b2afa7', '#edeceb'], [0.05, '#b2a085', '#edeae7'],
    [0.19, '#b24b08', '#eddfd6'], [0.2, '#b24400', '#edded5'], [0.5, '#b22100', '#edd9d5'],
    [0.75, '#b20e00', '#edd7d5'], [1, '#b20000', '#edd5d5'], [2, '#b20000', '#edd5d5'],
  ];
  for (const [score, fg, bg] of want) {
    assert.equal(dotColor(score, false), fg, `fg ${score}`);
    assert.equal(dotColor(score, true), bg, `bg ${score}`);
  }
  assert.equal(dotColor(NaN, false), '#b20000'); // a zero total: NaN channels read as 0, as on amd64
});

test('escapeForDot escapes quotes and backslashes and left-justifies line breaks', () => {
  assert.equal(escapeForDot('a "b" \\c\nd'), 'a \\"b\\" \\\\c\\ld');
});

function info(name: string, extra: Partial<NodeInfo> = {}): NodeInfo {
  return { name, origName: '', address: 0n, file: '', startLine: 0, lineno: 0, columnno: 0, objfile: '', ...extra };
}

function node(name: string, flat: number, cum: number, extra: Partial<NodeInfo> = {}): Node {
  const n = new Node(info(name, extra), name);
  n.flat = flat;
  n.cum = cum;
  return n;
}

function link(src: Node, dest: Node, weight: number, more: Partial<Edge> = {}): void {
  const e: Edge = { src, dest, weight, weightDiv: 0, residual: false, inline: false, ...more };
  src.out.set(dest, e);
  dest.in.set(src, e);
}

function tag(name: string, flat: number, cum: number, value = 0, unit = ''): Tag {
  return { name, unit, value, flat, flatDiv: 0, cum, cumDiv: 0 };
}

test('multilinePrintableName breaks the short name at dots and keeps the file base name', () => {
  const n = node('github.com/x/y/v2/pkg.(*T).Run[...]', 0, 0, { file: '/src/y/t.go', lineno: 12 });
  assert.equal(multilinePrintableName(n), 'pkg\\n(*T)\\nRun[…]\\nt.go:12\\n');
  assert.equal(multilinePrintableName(node('ns::Cls::m', 0, 0)), 'Cls\\nm\\n');
});

test('composeDot: legend, nodes by size and colour, nodelets, edges heaviest first', () => {
  const a = node('main.main', 0, 100);
  const b = node('main.work', 60, 90);
  const c = node('main.leaf', 30, 30);
  link(a, b, 90);
  link(b, c, 20, { inline: true });
  link(a, c, 10, { residual: true });
  b.labelTags.set('worker:x', tag('worker:x', 60, 90));
  b.numericTags.set('worker:x', new Map([['1kB', tag('1kB', 60, 90, 1024, 'bytes')]]));
  c.numericTags.set('', new Map([['64B', tag('64B', 0, 30, 64, 'bytes')]]));
  const dot = composeDot({ nodes: [a, b, c] }, {
    title: 'app', labels: ['File: app', 'Type: "cpu"'], formatValue: (v) => `${v}ms`, total: 100,
  });
  assert.equal(dot, [
    'digraph "app" {',
    'node [style=filled fillcolor="#f8f8f8"]',
    'subgraph cluster_L { "File: app" [shape=box fontsize=16 label="File: app\\lType: \\"cpu\\"\\l" tooltip="app"] }',
    'N1 [label="main\\nmain\\n0 of 100ms (100%)" id="node1" fontsize=8 shape=box tooltip="main.main (100ms)" color="#b20000" fillcolor="#edd5d5"]',
    'N2 [label="main\\nwork\\n60ms (60.00%)\\nof 90ms (90.00%)" id="node2" fontsize=24 shape=box tooltip="main.work (90ms)" color="#b20500" fillcolor="#edd6d5"]',
    'N2_0 [label = "worker:x" id="N2_0" fontsize=8 shape=box3d tooltip="60ms"]',
    'N2 -> N2_0 [label=" 60ms" weight=100 tooltip="60ms" labeltooltip="60ms"]',
    'NN2_0_0 [label = "1kB" id="NN2_0_0" fontsize=8 shape=box3d tooltip="60ms"]',
    'N2_0 -> NN2_0_0 [label=" 60ms" weight=100 tooltip="60ms" labeltooltip="60ms"]',
    'N3 [label="main\\nleaf\\n30ms (30.00%)" id="node3" fontsize=20 shape=box tooltip="main.leaf (30ms)" color="#b23600" fillcolor="#eddcd5"]',
    'NN3_0 [label = "64B" id="NN3_0" fontsize=8 shape=box3d tooltip="30ms"]',
    'N3 -> NN3_0 [label=" 30ms" weight=100 tooltip="30ms" labeltooltip="30ms" style="dotted"]',
    'N1 -> N2 [label=" 90ms" weight=91 penwidth=5 color="#b20500" tooltip="main.main -> main.work (90ms)" labeltooltip="main.main -> main.work (90ms)"]',
    'N2 -> N3 [label=" 20ms\\n (inline)" weight=21 penwidth=2 color="#b24400" tooltip="main.work -> main.leaf (20ms)" labeltooltip="main.work -> main.leaf (20ms)" minlen=2]',
    'N1 -> N3 [label=" 10ms" weight=11 color="#b28559" tooltip="main.main ... main.leaf (10ms)" labeltooltip="main.main ... main.leaf (10ms)" style="dotted"]',
    '}',
    '',
  ].join('\n'));
});

test('composeDot: an empty graph still has its legend', () => {
  assert.equal(composeDot({ nodes: [] }, { title: '', labels: [], formatValue: String, total: 0 }),
    'digraph "unnamed" {\nnode [style=filled fillcolor="#f8f8f8"]\n}\n');
});
