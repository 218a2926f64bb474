// Go-style flag parsing and Go regexp translation.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFlags, parseGoInt } from './goflags.js';
import { HelpRequested, UsageError } from '../user-error.js';
import { compileGoRegexp, RegexpError } from './goregexp.js';
import { parsePprofArgs } from './pprof-args.js';

const defs = [
  { name: 'top', kind: 'bool' as const, help: '' },
  { name: 'nodecount', kind: 'int' as const, help: '' },
  { name: 'focus', kind: 'string' as const, help: '' },
];

test('flag syntax', () => {
  const r = parseFlags(['--top', '-nodecount', '5', '-focus=a=b', 'x.pb', '-top'], defs);
  assert.equal(r.values.get('top'), true);
  assert.equal(r.values.get('nodecount'), 5);
  assert.equal(r.values.get('focus'), 'a=b');
  assert.deepEqual(r.args, ['x.pb', '-top']);
  assert.deepEqual(parseFlags(['-top=false', '--', '-x'], defs).args, ['-x']);
  assert.throws(() => parseFlags(['-nope'], defs), UsageError);
  assert.throws(() => parseFlags(['-nodecount'], defs), /needs an argument/);
  assert.throws(() => parseFlags(['-nodecount=x'], defs), /invalid value/);
  assert.throws(() => parseFlags(['-h'], defs), HelpRequested);
  assert.equal(parseGoInt('0x10'), 16);
  assert.equal(parseGoInt('010'), 8);
  assert.equal(parseGoInt('1_000'), 1000);
});

test('pprof args: shorthands, conflicts, binary detection', () => {
  const a = parsePprofArgs(['-top', '-alloc_space', 'bin', 'heap.pb.gz'], (p) => p === 'bin', () => null);
  assert.equal(a.config.sample_index, 'alloc_space');
  assert.equal(a.spec.execName, 'bin');
  assert.deepEqual(a.spec.sources, ['heap.pb.gz']);
  assert.throws(() => parsePprofArgs(['-top', '-traces', 'x'], () => false, () => null), /at most one output format/);
  assert.throws(() => parsePprofArgs(['-cum', '-flat', '-top', 'x'], () => false, () => null), /conflicting options/);
  assert.throws(() => parsePprofArgs(['-top'], () => false, () => null), /no profile source/);
  const p = parsePprofArgs(['-peek', 'main\\.', '-diff_base=a', 'b'], () => false, () => null);
  assert.equal(p.command?.arg, 'main\\.');
  assert.equal(p.spec.diffBase, true);
});

test('Go regexps', () => {
  assert.ok(compileGoRegexp('(?i)MAIN').test('main.foo'));
  assert.ok(compileGoRegexp('[[:digit:]]+x').test('12x'));
  assert.ok(compileGoRegexp('\\Qa.b\\E').test('a.b'));
  assert.ok(!compileGoRegexp('\\Qa.b\\E').test('axb'));
  assert.ok(compileGoRegexp('(?P<n>foo)').test('foo'));
  assert.ok(compileGoRegexp('foo\\z').test('xfoo'));
  assert.throws(() => compileGoRegexp('(abc', 'focus regexp'), RegexpError);
  assert.throws(() => compileGoRegexp('(?i:x)'), RegexpError);
});
