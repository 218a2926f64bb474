// Run directories: created fresh, never reused when not empty; run.json replaced atomically.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultRunDir, RunDir, RunDirError } from './run-dir.js';

const work = mkdtempSync(join(tmpdir(), 'gotune-rundir-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('create, write, writeJson; an empty directory may be reused, a full one may not', () => {
  const d = RunDir.create(join(work, 'a', 'b'));
  assert.equal(d.write('rep-1/cpu.pb.gz', new Uint8Array([1, 2, 3])), 3);
  d.writeJson('run.json', { version: 1 });
  d.writeJson('run.json', { version: 1, complete: true });
  assert.deepEqual(readdirSync(d.path).sort(), ['rep-1', 'run.json']);
  assert.deepEqual(JSON.parse(readFileSync(join(d.path, 'run.json'), 'utf8')), { version: 1, complete: true });
  assert.throws(() => RunDir.create(join(work, 'a', 'b')), (e: Error) => e instanceof RunDirError && /already exists and is not empty/.test(e.message));
  mkdirSync(join(work, 'empty'));
  RunDir.create(join(work, 'empty'));
  writeFileSync(join(work, 'file'), 'x');
  assert.throws(() => RunDir.create(join(work, 'file')), /exists and is not a directory/);
  assert.equal(d.shown(work), join('a', 'b'));
});

test('defaultRunDir is runs/<date>-<time>', () => {
  assert.equal(defaultRunDir(new Date(2026, 0, 2, 3, 4, 5), '/w'), '/w/runs/20260102-030405');
});
