// compressProfile (the -proto writer's gzip): in parts or whole, the bytes
// come back unchanged through every reader gotune and pprof use, and the
// file, whole, is within 10% of zlib's default level.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { profilesDir } from '../testkit/run-cli.js';
import { readMaybeGzip } from './gunzip-file.js';
import { compressProfile, inflateBounded } from './gzip.js';

const tmp = mkdtempSync(join(tmpdir(), 'gotune-gz-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const raw = gunzipSync(readFileSync(join(profilesDir(), 'cpu.pb.gz')));

// Gzip members start with the magic bytes 1f 8b 08 right after the
// previous member's trailer; count them by walking with zlib itself.
function members(gz: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < gz.length; i++) if (gz[i] === 0x1f && gz[i + 1] === 0x8b && gz[i + 2] === 8) n++;
  return n;
}

for (const [what, partBytes] of [['whole', 1 << 30], ['in parts', 1024]] as [string, number][]) {
  test(`compressProfile ${what}: every reader gets the bytes back`, async () => {
    const gz = await compressProfile(raw, partBytes);
    if (partBytes < raw.length / 2) assert.ok(members(gz) >= 2, 'several members');
    assert.ok(Buffer.from(gunzipSync(gz)).equals(raw), 'zlib');
    assert.ok(Buffer.from(inflateBounded(gz, 1 << 30)).equals(raw), 'inflateBounded');
    const file = join(tmp, `cpu-${partBytes}.pb.gz`);
    writeFileSync(file, gz);
    assert.ok(Buffer.from(await readMaybeGzip(file, 1 << 30)).equals(raw), 'readMaybeGzip');
    // Parts of a small file compress worse (each starts with an empty window).
    if (members(gz) === 1) assert.ok(gz.length <= gzipSync(raw).length * 1.1, `size ${gz.length}`);
  });
}

test('go tool pprof reads a profile compressed in parts as the original', async (t) => {
  if (spawnSync('go', ['version']).status !== 0) return t.skip('go not installed');
  const file = join(tmp, 'parts.pb.gz');
  writeFileSync(file, await compressProfile(raw, 1024));
  const dump = (f: string) => spawnSync('go', ['tool', 'pprof', '-raw', f], { encoding: 'utf8' });
  const a = dump(file);
  const b = dump(join(profilesDir(), 'cpu.pb.gz'));
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
});
