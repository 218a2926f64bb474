// The summary table: number formats and the rendering of a run.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureRepetition } from '../testkit/run-fixture.js';
import type { Repetition, RunJson } from '../run/run-json.js';
import { formatBytes, formatMicros, meanSd, summaryText, table } from './summary.js';

test('formats', () => {
  assert.equal(formatMicros(812), '812µs');
  assert.equal(formatMicros(3104), '3.10ms');
  assert.equal(formatMicros(21_440), '21.4ms');
  assert.equal(formatMicros(312_000), '312ms');
  assert.equal(formatMicros(1_204_000), '1.20s');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(13_000_000), '12.4 MiB');
  assert.equal(table([['A', 'BB'], ['ccc', 'd']]), 'A    BB\nccc   d\n');
  assert.deepEqual(meanSd([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, sd: Math.sqrt(32 / 7) });
});

const rep = fixtureRepetition;

test('summaryText shows a row per repetition, mean and sd, errors, and where the run is', () => {
  const run = {
    version: 1, tool: 'gotune measure', complete: true, status: 'complete', reason: null, startedAt: '', finishedAt: '',
    config: { target: 'http://127.0.0.1:8080/work', method: 'GET', headers: [], bodyBytes: 0, pprof: 'http://127.0.0.1:6060/debug/pprof',
      durationSeconds: 10, warmupSeconds: 5, concurrency: 16, rate: null, mode: 'closed-loop', repeat: 2, profiles: ['cpu'], timeoutMs: 10000 },
    environment: { machine: { hostname: 'h', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: '', memoryBytes: 0, loadAverage: [] },
      node: 'v20', gotune: '0.1.0', go: { version: 'go1.26.8', source: '/debug/vars goversion' }, targetLocal: true,
      notes: ['the service and the load generator share this machine\'s 2 cores'] },
    repetitions: [rep(1, 4812, 7800), rep(2, 4700, 8200)], warnings: [],
  } satisfies RunJson;
  const s = summaryText(run, 'runs/baseline');
  assert.equal(s.split('\n').slice(0, 8).join('\n'), [
    'gotune measure: GET http://127.0.0.1:8080/work',
    '  closed loop, 16 connections; 2 × 10s after 5s warm-up; profiles from http://127.0.0.1:6060/debug/pprof',
    '',
    'REP   REQ/S     P50     P90     P95     P99     MAX  ERRORS       CPU           HEAP INUSE  GC/S  GC P99  GOROUTINES',
    '1     4,812  1.00ms  2.00ms  3.00ms  7.80ms  9.00ms       3  1.42 71%  12.4 MiB → 12.9 MiB   8.1   312µs     21 → 21',
    '2     4,700  1.00ms  2.00ms  3.00ms  8.20ms  9.00ms       3  1.42 71%  12.4 MiB → 12.9 MiB   8.1   312µs     21 → 21',
    'mean  4,756  1.00ms  2.00ms  3.00ms  8.00ms  9.00ms       3      1.42',
    '± sd     79     0µs     0µs     0µs   283µs     0µs       0      0.00',
  ].join('\n'));
  assert.match(s, /\nErrors in repetition 1: HTTP 503 ×3\n/);
  assert.match(s, /\nNote: the service and the load generator share this machine's 2 cores\.\n/);
  assert.match(s, /\nRun: runs\/baseline — complete\nNext: gotune pprof -top runs\/baseline\/rep-1\/cpu\.pb\.gz\n$/);
  const cut = summaryText({ ...run, complete: false, status: 'interrupted', reason: 'interrupted (Ctrl-C)', repetitions: [rep(1, 10, 5, false)] }, 'r');
  assert.match(cut, /\n1\* /);
  assert.match(cut, /\* the repetition was cut short/);
  assert.match(cut, /Run: r — INCOMPLETE \(interrupted: interrupted \(Ctrl-C\)\)/);
});
