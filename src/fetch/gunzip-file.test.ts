// readMaybeGzip on both of its paths (a small file in one call, a large one
// as a stream) and across them: a small file whose gzip trailer understates
// its output must still come out whole, and the limit must hold on each.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ProfileError } from '../profile/errors.js';
import { readMaybeGzip } from './gunzip-file.js';

const dir = mkdtempSync(join(tmpdir(), 'gotune-gunzip-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Uint8Array): string {
  const f = join(dir, name);
  writeFileSync(f, data);
  return f;
}

/** bytes is n pseudo-random but compressible bytes. */
function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (Math.imul(i >> 3, 2654435761 + seed) >>> 27) & 0xff;
  return b;
}

const cases: [string, Uint8Array[]][] = [
  ['small, one member', [bytes(50_000, 1)]],
  ['large output, small file', [bytes(5 << 20, 2)]],
  ['two members, the last one small (its trailer understates the whole)', [bytes(4 << 20, 3), bytes(1000, 4)]],
  ['plain bytes', []],
];

for (const [name, members] of cases) {
  test(`readMaybeGzip: ${name}`, async () => {
    const plain = members.length === 0 ? bytes(70_000, 5) : null;
    const data = plain ?? Buffer.concat(members.map((m) => gzipSync(m)));
    const want = plain ?? Buffer.concat(members);
    const f = file(`${name.length}.gz`, data);
    assert.ok(Buffer.from(await readMaybeGzip(f, 1 << 30)).equals(Buffer.from(want)));
    // Just under the output's size: refused, whichever path is taken.
    await assert.rejects(readMaybeGzip(f, want.length - 1), (e: unknown) => e instanceof ProfileError && e.kind === 'too-large');
  });
}

test('readMaybeGzip: a truncated small file is corrupt gzip data', async () => {
  const gz = gzipSync(bytes(100_000, 6));
  const f = file('trunc.gz', gz.subarray(0, gz.length >> 1));
  await assert.rejects(readMaybeGzip(f, 1 << 30), (e: unknown) => e instanceof ProfileError && e.kind === 'malformed' && /corrupt gzip data/.test(e.message));
});
