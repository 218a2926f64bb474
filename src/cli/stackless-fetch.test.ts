// Which reports fetch their profile without stacks: -tags and -comments
// with no stack filter and one source; every other report, and those under
// a filter that reads frames or over a merge, get the stacks they read.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFetcher } from '../fetch/fetcher.js';
import type { Fetcher } from '../ports.js';
import { profilesDir } from '../testkit/run-cli.js';
import { main } from './main.js';

process.chdir(profilesDir());

async function stacksAsked(args: string[]): Promise<(boolean | undefined)[]> {
  const inner = createFetcher({ printErr: () => {} });
  const asked: (boolean | undefined)[] = [];
  const fetcher: Fetcher = {
    fetch: async (source, opts) => {
      asked.push(opts.stacks);
      const f = await inner.fetch(source, opts);
      if (opts.stacks === false) assert.equal(f.profile.samples.locs.length, 0, 'a file read without stacks has none');
      return f;
    },
  };
  const err: string[] = [];
  const code = await main(['pprof', ...args], { stdout: () => {}, stderr: (l) => err.push(l), isTerminal: false, fetcher });
  assert.equal(code, 0, err.join('\n'));
  return asked;
}

for (const [args, want] of [
  [['-tags', 'cpu.pb.gz'], [false]],
  [['-comments', 'cpu.pb.gz'], [false]],
  [['-tags', '-tagfocus=worker', 'cpu.pb.gz'], [false]],
  [['-tags', '-focus=fib', 'cpu.pb.gz'], [true]],
  [['-tags', '-hide=fib', 'cpu.pb.gz'], [true]],
  [['-tags', '-prune_from=fib', 'cpu.pb.gz'], [true]],
  [['-tags', 'cpu.pb.gz', 'cpu2.pb.gz'], [true, true]],
  [['-tags', '-base=cpu2.pb.gz', 'cpu.pb.gz'], [true, true]],
  [['-top', 'cpu.pb.gz'], [true]],
  [['-traces', 'cpu.pb.gz'], [true]],
] as [string[], boolean[]][]) {
  test(`${args.join(' ')} fetches ${want[0] ? 'with' : 'without'} stacks`, async () => {
    const asked = await stacksAsked(args);
    assert.deepEqual(asked.map((s) => s !== false), want);
  });
}
