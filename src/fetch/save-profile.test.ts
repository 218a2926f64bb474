// Saving fetched profiles where and as pprof does.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ProfileBuilder } from '../profile/builder.js';
import { readProfileFile } from './file.js';
import { saveDirs, saveFetchedProfile, savedPrefix } from './save-profile.js';

const work = mkdtempSync(join(tmpdir(), 'gotune-save-'));
after(() => rmSync(work, { recursive: true, force: true }));

function profile(file: string) {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
  const m = b.addMapping({ file, start: 0x400000n, limit: 0x500000n, hasFunctions: true });
  const loc = b.addLocation(0x401000n, m, [{ fn: b.fn('main.work'), line: 3, column: 0 }]);
  b.addSample([loc], [1, 10_000_000]);
  return b.build({ periodType: { type: 'cpu', unit: 'nanoseconds' }, period: 10_000_000 });
}

test('the prefix names the binary and the sample types', () => {
  assert.equal(savedPrefix(profile('/srv/bin/api')), 'pprof.api.samples.cpu.');
  assert.equal(savedPrefix(profile('')), 'pprof.samples.cpu.');
});

test('profiles go to $PPROF_TMPDIR (else $HOME/pprof), numbered from 001', async () => {
  const lines: string[] = [];
  const env = { PPROF_TMPDIR: join(work, 'pp'), HOME: join(work, 'home') };
  const p = profile('/srv/bin/api');
  const a = saveFetchedProfile(p, (l) => lines.push(l), env);
  const b = saveFetchedProfile(p, (l) => lines.push(l), env);
  assert.equal(a, join(work, 'pp', 'pprof.api.samples.cpu.001.pb.gz'));
  assert.equal(b, join(work, 'pp', 'pprof.api.samples.cpu.002.pb.gz'));
  assert.deepEqual(lines, [`Saved profile in ${a}`, `Saved profile in ${b}`]);
  const back = await readProfileFile(a!, 1 << 20);
  assert.equal(back.samples.count, 1);
  assert.equal(back.mappings[0].file, '/srv/bin/api');
  assert.deepEqual(saveDirs({ HOME: '/h' }).slice(0, 1), ['/h/pprof']);
  // Without PPROF_TMPDIR: $HOME/pprof.
  const c = saveFetchedProfile(p, () => {}, { HOME: join(work, 'home') });
  assert.equal(c, join(work, 'home', 'pprof', 'pprof.api.samples.cpu.001.pb.gz'));
});

test('an unusable directory is reported and the next one is used', () => {
  const blocker = join(work, 'file');
  writeFileSync(blocker, 'x');
  const lines: string[] = [];
  const saved = saveFetchedProfile(profile(''), (l) => lines.push(l), { PPROF_TMPDIR: join(blocker, 'sub'), HOME: join(work, 'h2') });
  assert.match(lines[0], /^Could not use temp dir .*file\/sub: /);
  assert.equal(saved, join(work, 'h2', 'pprof', 'pprof.samples.cpu.001.pb.gz'));
  assert.deepEqual(readdirSync(join(work, 'h2', 'pprof')), ['pprof.samples.cpu.001.pb.gz']);
});
