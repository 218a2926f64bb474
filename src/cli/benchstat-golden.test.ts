// `gotune benchstat` against Go's benchstat: every case of
// testdata/benchstat/cases.json, run in-process in testdata/benchstat (so
// the file labels are the bare names benchstat saw), must print exactly
// the recorded golden on stdout and the recorded warnings on stderr.
// Regenerate with `npm run regen:benchstat` (needs Go's benchstat).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { firstDifferences, repoRoot, runCli } from '../testkit/run-cli.js';

const DATA = join(repoRoot(), 'testdata', 'benchstat');
const cases = JSON.parse(readFileSync(join(DATA, 'cases.json'), 'utf8')) as { name: string; args: string[] }[];
process.chdir(DATA);

test('the cases cover the required comparisons', () => {
  assert.ok(cases.length >= 30);
  for (const want of ['one-file', 'old-new', 'three-files', 'alpha=0.01', 'confidence=0.99', 'format=csv', 'col=format', 'row=.name', 'std', 'few.1+3']) {
    assert.ok(cases.some((c) => c.name === want), want);
  }
});

for (const c of cases) {
  test(`golden ${c.name}: benchstat ${c.args.join(' ')}`, async () => {
    const want = readFileSync(join(DATA, 'golden', `${c.name}.txt`), 'utf8');
    const errFile = join(DATA, 'golden', `${c.name}.stderr`);
    const wantErr = existsSync(errFile) ? readFileSync(errFile, 'utf8') : '';
    const r = await runCli(['benchstat', ...c.args]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const got = r.stdout.toString();
    assert.ok(got === want, `stdout differs from Go's benchstat:\n${firstDifferences(want, got)}`);
    const gotErr = r.stderr.map((l) => `${l}\n`).join('');
    assert.ok(gotErr === wantErr, `stderr differs from Go's benchstat:\n${firstDifferences(wantErr, gotErr)}`);
  });
}
