// -traces hands its text over in reused chunks of bytes: output spanning
// many chunks, a sample larger than a chunk and characters cut by a chunk's
// end must come out as go tool pprof prints them, to a consumer that copies
// each chunk as it comes (the stream's contract) and through outputText.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { encodeRawProfile, type RawProfile } from '../testkit/raw-profile.js';
import { rng } from '../testkit/random-profile.js';
import { firstDifferences, runCli, stripBuildId } from '../testkit/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gotune-traces-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// 40 functions with names of 1-, 2-, 3- and 4-byte characters, long
// stacks (one of 12000 frames, over 256 KB of text alone) and labels.
function bigTraces(): RawProfile {
  const r = rng(11);
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds', 'main.go', 'handler', '/api/é', '/api/b'];
  const functions = [];
  const locations = [];
  const alphabet = ['a', 'é', '函', '😀'];
  for (let f = 1; f <= 40; f++) {
    strings.push(`main.${alphabet[f % 4].repeat(1 + (f % 7))}${f}`);
    functions.push({ id: f, name: strings.length - 1, filename: 5 });
    locations.push({ id: f, mappingId: 1, address: BigInt(0x1000 + f), lines: [{ functionId: f, line: f }] });
  }
  const samples = [];
  for (let i = 0; i < 2000; i++) {
    const depth = i === 450 ? 12000 : 1 + Math.floor(r() * 60);
    const ids = Array.from({ length: depth }, () => 1 + Math.floor(r() * 40));
    samples.push({ locationIds: ids, values: [1 + (i % 5), (1 + (i % 5)) * 10_000_000], labels: i % 3 === 0 ? [{ key: 6, str: 7 + (i % 2) }] : undefined });
  }
  return {
    sampleTypes: [[1, 2], [3, 4]], samples, locations, functions, strings,
    mappings: [{ id: 1, start: 0x1000n, limit: 0x2000n, file: 5 }], periodType: [3, 4], period: 10_000_000,
  };
}

test('-traces over many chunks prints what go tool pprof prints', async (t) => {
  if (spawnSync('go', ['version']).status !== 0) return t.skip('go not installed');
  const file = join(tmp, 'big.pb.gz');
  writeFileSync(file, gzipSync(encodeRawProfile(bigTraces())));
  const want = spawnSync('go', ['tool', 'pprof', '-traces', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(want.status, 0, want.stderr);
  assert.ok(Buffer.byteLength(want.stdout) > 1 << 20, "spans many chunks");
  const got = await runCli(['pprof', '-traces', file]);
  assert.equal(got.code, 0, got.stderr.join('\n'));
  const text = got.stdout.toString('utf8');
  assert.equal(stripBuildId(text), stripBuildId(want.stdout), firstDifferences(stripBuildId(want.stdout), stripBuildId(text)));
});
