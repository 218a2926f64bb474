// `gotune measure` flags: defaults, every flag, and a clear message for each bad value.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROFILE_KINDS } from '../measure/options.js';
import { parseDurationFlag } from '../units/duration.js';
import { HelpRequested, UsageError } from '../user-error.js';
import { parseGnuFlags } from './gnu-flags.js';
import { measureCommand, measureOptions } from './measure.js';

function parseMeasureArgs(argv: string[]) {
  const { values, args } = parseGnuFlags(argv, measureCommand.flags);
  return measureOptions(values, args);
}

test('defaults', () => {
  const o = parseMeasureArgs(['--target', '127.0.0.1:8080/work']);
  assert.equal(o.target, 'http://127.0.0.1:8080/work');
  assert.equal(o.durationSeconds, 30);
  assert.equal(o.warmupSeconds, 5);
  assert.equal(o.concurrency, 16);
  assert.equal(o.rate, 0);
  assert.equal(o.repeat, 1);
  assert.deepEqual(o.profiles, [...PROFILE_KINDS]);
  assert.equal(o.timeoutMs, 10_000);
  assert.equal(o.pprof, '');
});

test('every flag, in both spellings', () => {
  const o = parseMeasureArgs(['--target=http://h:1/w?x=2', '--pprof', 'h:2', '--duration', '1m', '--warmup=0', '-c', '4',
    '--rate', '500', '--repeat=3', '--profiles', 'mutex,cpu,profile', '--out', 'runs/x', '--timeout', '500ms',
    '--method', 'post', '-H', 'X-A: b: c', '--body', 'hi', '--insecure']);
  assert.equal(o.durationSeconds, 60);
  assert.equal(o.warmupSeconds, 0);
  assert.equal(o.concurrency, 4);
  assert.equal(o.rate, 500);
  assert.equal(o.repeat, 3);
  assert.deepEqual(o.profiles, ['cpu', 'mutex']);
  assert.equal(o.out, 'runs/x');
  assert.equal(o.timeoutMs, 500);
  assert.equal(o.method, 'POST');
  assert.deepEqual(o.headers, [['X-A', 'b: c']]);
  assert.equal(o.body?.toString(), 'hi');
  assert.equal(o.insecure, true);
  assert.deepEqual(parseMeasureArgs(['--target', 'h:1', '--pprof', 'h:2', '--profiles', 'none']).profiles, []);
});

test('bad command lines', () => {
  const bad: [string[], RegExp][] = [
    [[], /--target is required/],
    [['--target', 'ftp://x/'], /the scheme must be http or https/],
    [['--target', 'http://[bad'], /not a URL/],
    [['--target', 'h:1', '--duration', '2.5s'], /whole seconds, at least 1s/],
    [['--target', 'h:1', '--duration', 'soon'], /want a duration such as 30s/],
    [['--target', 'h:1', '-c', '0'], /want a whole number of at least 1/],
    [['--target', 'h:1', '--rate', '-5'], /invalid value "-5" for --rate/],
    [['--target', 'h:1', '--concurrency=x'], /invalid value "x" for --concurrency/],
    [['--target', 'h:1', '--profiles', 'cpu,tracing'], /unknown profile "tracing"/],
    [['--target', 'h:1', '--trace'], /--trace needs --pprof/],
    [['--target', 'h:1', '--profiles', 'cpu'], /--profiles needs --pprof/],
    [['--target', 'h:1', '--bogus', '1'], /unknown flag --bogus/],
    [['--target'], /flag --target needs a value/],
    [['--target', 'h:1', 'extra'], /unexpected argument "extra"/],
    [['--target', 'h:1', '-H', 'novalue'], /want 'Name: value'/],
    [['--target', 'h:1', '--body', '@/nonexistent/file'], /--body @\/nonexistent\/file: /],
    [['--target', 'h:1', '--timeout', '0s'], /positive duration/],
  ];
  for (const [argv, re] of bad) assert.throws(() => parseMeasureArgs(argv), (e: Error) => e instanceof UsageError && re.test(e.message), argv.join(' '));
  assert.throws(() => parseMeasureArgs(['-h']), HelpRequested);
});

test('durations are Go durations, or a bare number of seconds', () => {
  assert.equal(parseDurationFlag('30s'), 30);
  assert.equal(parseDurationFlag('1m30s'), 90);
  assert.equal(parseDurationFlag('250ms'), 0.25);
  assert.equal(parseDurationFlag('2'), 2);
  assert.equal(parseDurationFlag('1h'), 3600);
  assert.equal(parseDurationFlag(''), null);
  assert.equal(parseDurationFlag('5x'), null);
});

test('a mistyped flag gets a suggestion', () => {
  assert.throws(() => parseMeasureArgs(['--target', 'h:1', '--duraton', '5s']), /unknown flag --duraton \(did you mean --duration\?\)/);
  assert.throws(() => parseMeasureArgs(['--target', 'h:1', '--xyzzy', '5s']), (e: Error) => e.message === 'unknown flag --xyzzy');
});
