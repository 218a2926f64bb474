// Reading run directories: a good run, and each way one can be bad (no
// run.json, not JSON, a newer version, a missing or mistyped field), plus
// a run.json that points outside its directory.

import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { localRunFiles } from '../node/run-files.js';
import { fixtureRun } from '../testkit/run-fixture.js';
import { readRun, RunError } from './read-run.js';

function runDir(doc: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'gotune-run-'));
  writeFileSync(join(dir, 'run.json'), typeof doc === 'string' ? doc : JSON.stringify(doc));
  return dir;
}

test('readRun reads a run and lists its kept captures', () => {
  const dir = runDir(fixtureRun());
  mkdirSync(join(dir, 'rep-1'));
  writeFileSync(join(dir, 'rep-1', 'cpu.pb.gz'), 'x');
  const run = readRun(localRunFiles(dir));
  assert.equal(run.json.repetitions.length, 2);
  assert.deepEqual(run.captures.map((c) => [c.repetition, c.file]), [[1, 'rep-1/cpu.pb.gz'], [2, 'rep-2/cpu.pb.gz']]);
  const files = localRunFiles(dir);
  assert.deepEqual(files.readBytes('rep-1/cpu.pb.gz'), new Uint8Array([0x78]));
  assert.equal(files.readBytes('rep-2/cpu.pb.gz'), null);
  assert.throws(() => files.readText('../../etc/passwd'), /outside the run directory/);
});

test('a bad run directory is one clear RunError', () => {
  const empty = mkdtempSync(join(tmpdir(), 'gotune-run-'));
  const cases: [string, RegExp][] = [
    [empty, /no run\.json here: not a run directory of gotune measure$/],
    [runDir('{"version": 1,'), /run\.json: not JSON \(/],
    [runDir({ ...fixtureRun(), version: 9 }), /written by a newer gotune \(run\.json version 9; this gotune reads version 1\)/],
    [runDir({ ...fixtureRun(), repetitions: 'none' }), /not a gotune run: run\.json\.repetitions: want an array, found a string$/],
    [runDir((() => { const r = fixtureRun(); delete (r.repetitions[1].kpis.load as Partial<typeof r.repetitions[1]['kpis']['load']>).throughputRps; return r; })()),
      /run\.json\.repetitions\[1\]\.kpis\.load\.throughputRps: missing$/],
    [runDir(null), /run\.json: want an object, found null$/],
  ];
  for (const [dir, re] of cases) {
    assert.throws(() => readRun(localRunFiles(dir)), (e: Error) => e instanceof RunError && re.test(e.message), dir);
  }
});
