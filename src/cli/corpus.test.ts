// The public pprof corpus through `gotune pprof -top` and `-raw`: where
// go tool pprof succeeds our output must be identical; where it fails we
// must fail too, with one clear line.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpusDir, firstDifferences, repoRoot, runCli, stripBuildId } from '../testkit/run-cli.js';

process.env.TZ = 'UTC';

interface CorpusResult {
  name: string;
  file: string;
  args: string[];
  exitCode: number;
  stderrFirstLine: string;
}

const goldenDir = join(repoRoot(), 'testdata', 'golden', 'corpus');
const results = JSON.parse(readFileSync(join(goldenDir, 'results.json'), 'utf8')) as CorpusResult[];
const corpus = corpusDir();

for (const c of results) {
  test(`corpus ${c.name}`, async (t) => {
    if (!corpus) return t.skip('corpus absent: ../shared/corpus/google-pprof (read-only data shared beside the repo)');
    const file = join(repoRoot(), c.file);
    const r = await runCli(['pprof', ...c.args, file]);
    if (c.exitCode !== 0) {
      assert.notEqual(r.code, 0, `go tool pprof failed (${c.stderrFirstLine}) but gotune printed:\n${r.stdout.toString().slice(0, 400)}`);
      assert.equal(r.stderr.length, 1, r.stderr.join('\n'));
      assert.ok(r.stderr[0].includes(file), r.stderr[0]);
      assert.equal(r.stdout.length, 0);
      return;
    }
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const want = stripBuildId(readFileSync(join(goldenDir, c.name + '.txt'), 'utf8'));
    const got = stripBuildId(r.stdout.toString('utf8'));
    if (want !== got) assert.fail(`${c.name}: output differs from go tool pprof\n${firstDifferences(want, got)}`);
  });
}
