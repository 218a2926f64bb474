// Go quoted strings and label maps as runtime/pprof and the runtime print them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLabelMap, readGoQuoted } from './goquote.js';

test('readGoQuoted decodes Go escapes', () => {
  const cases: [string, string][] = [
    ['"plain"', 'plain'],
    ['"a\\tb\\nc\\\\d\\"e"', 'a\tb\nc\\d"e'],
    ['"\\x00\\x1b"', '\x00\x1b'],
    ['"\\u1234\\u03a3"', '\u1234Σ'],
    ['"\\U00045678boop"', '\u{45678}boop'],
    ['"\\a\\b\\f\\v\\\'"', "\x07\b\f\v'"],
    ['"\\101"', 'A'],
    ['"\\xff"', '\uFFFD'],
  ];
  for (const [q, want] of cases) assert.deepEqual(readGoQuoted(q, 0), { value: want, end: q.length }, q);
  for (const bad of ['"open', 'noquote', '"\\q"', '"\\x4"', '"\\U00110000"', '"\\ud800"', '"\\']) {
    assert.equal(readGoQuoted(bad, 0), null, bad);
  }
});

test('parseLabelMap reads both spacings and rejects other text', () => {
  assert.deepEqual(parseLabelMap('{"role":"consumer", "shard":"0"}'), { labels: [['role', 'consumer'], ['shard', '0']], end: 32 });
  assert.deepEqual(parseLabelMap('x {"k": "v\\n"}', 2)?.labels, [['k', 'v\n']]);
  assert.deepEqual(parseLabelMap('{}'), { labels: [], end: 2 });
  for (const bad of ['{"k"}', '{"k":v}', '{"k":"v"', '{"k":"v";"a":"b"}', 'nope']) assert.equal(parseLabelMap(bad), null, bad);
});
