// Reading ahead the files named on the command line: the right arguments
// are read, with the right limit, once, and a read nobody takes stops.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { profilesDir } from '../testkit/run-cli.js';
import { readMaybeGzip } from './gunzip-file.js';
import { dropPrefetched, prefetchPprofFiles, takePrefetched } from './prefetch.js';

const cpu = join(profilesDir(), 'cpu.pb.gz');
const cpu2 = join(profilesDir(), 'cpu2.pb.gz');
const heap = join(profilesDir(), 'heap1.pb.gz');
const text = join(profilesDir(), 'goroutine.debug1.txt');
const LIMIT = 1 << 30;

test('sources and -base= are read ahead, -output and plain files are not, each taken once', async () => {
  prefetchPprofFiles(['-top', '-output', heap, `-base=${cpu2}`, text, cpu], LIMIT);
  try {
    assert.equal(takePrefetched(heap, LIMIT), undefined, 'the -output file');
    assert.equal(takePrefetched(text, LIMIT), undefined, 'not gzipped: nothing to gain');
    assert.equal(takePrefetched(cpu, LIMIT / 2), undefined, 'another limit');
    const ahead = takePrefetched(cpu, LIMIT);
    assert.ok(ahead);
    assert.deepEqual(await ahead, await readMaybeGzip(cpu, LIMIT));
    assert.equal(takePrefetched(cpu, LIMIT), undefined, 'taken once');
    assert.deepEqual(await takePrefetched(cpu2, LIMIT), await readMaybeGzip(cpu2, LIMIT));
  } finally {
    dropPrefetched();
  }
});

test('-max_decompressed_size turns reading ahead off; dropped reads are gone', () => {
  prefetchPprofFiles(['-max_decompressed_size=1mb', '-top', cpu], LIMIT);
  assert.equal(takePrefetched(cpu, LIMIT), undefined);
  prefetchPprofFiles(['-top', cpu], LIMIT);
  dropPrefetched();
  assert.equal(takePrefetched(cpu, LIMIT), undefined);
});

test('an aborted read rejects rather than returning part of the file', async () => {
  const abort = new AbortController();
  const data = readMaybeGzip(cpu, LIMIT, abort.signal);
  abort.abort();
  await assert.rejects(data);
});
