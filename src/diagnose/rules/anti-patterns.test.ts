// Tests of the anti-pattern rule: each pattern from its frame.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpu, inputs } from '../testing.test.js';
import { antiPatterns } from './anti-patterns.js';

const cases: Array<[string, string[]]> = [
  ['string-concat-in-loop', ['runtime.memmove', 'runtime.concatstrings', 'runtime.concatstring2']],
  ['fmt-on-hot-path', ['fmt.(*pp).doPrintf', 'fmt.Sprintf']],
  ['regexp-compile-on-hot-path', ['regexp/syntax.Parse', 'regexp.compile', 'regexp.MustCompile']],
  ['map-growth', ['runtime.hashGrow', 'runtime.mapassign_faststr']],
  ['slice-growth', ['runtime.memmove', 'runtime.growslice']],
  ['defer-in-loop', ['runtime.mallocgc', 'runtime.newdefer', 'runtime.deferprocStack']],
  ['reflection-json', ['reflect.Value.Field', 'encoding/json.(*encodeState).reflectValue', 'encoding/json.Marshal']],
];

for (const [pattern, frames] of cases) {
  test(`anti-pattern ${pattern} is found at the calling user function`, () => {
    const f = antiPatterns(inputs({ cpu: cpu([[[...frames, 'main.hot'], 30], [['main.work'], 70]]) })).filter((x) => x.pattern === pattern);
    assert.equal(f.length, 1);
    assert.equal(f[0].where?.function, 'main.hot');
    assert.equal(f[0].severity, 'high');
  });
}

test('anti-patterns below 5% of CPU are not reported', () => {
  assert.deepEqual(antiPatterns(inputs({ cpu: cpu([[['runtime.growslice', 'main.hot'], 4], [['main.work'], 96]]) })), []);
});
