// The process entry: a reader that closes the pipe early ends gotune
// quietly, as it ends a Go program.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { profilesDir } from '../testkit/run-cli.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), 'bin.js');

test('a closed output pipe ends the report without a stack trace', async () => {
  // -traces on the CPU profile is long enough to outlast one read.
  const child = spawn(process.execPath, [BIN, 'pprof', '-traces', join(profilesDir(), 'cpu.pb.gz')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GOTUNE_THREADS: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Read one chunk, then close our end, as `| head -1` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
