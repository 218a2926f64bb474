// Ctrl-C during `gotune measure` on a real terminal (tmux): the status
// line is erased before the one "interrupted" line, the cut repetition
// keeps its start snapshots and takes its end snapshots, and the exit
// status is 130. Needs tmux and Go (for the example service).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunJson } from '../run/run-json.js';
import { goMissing, startExample } from '../testkit/examples.js';
import { Pty, PTY_SKIP, shq, tmuxMissing } from '../testkit/pty.js';
import { repoRoot } from '../testkit/run-cli.js';

test('pty: Ctrl-C clears the status line, says so once, keeps the run and exits 130', { timeout: 180_000 }, async (t) => {
  if (tmuxMissing) return t.skip(PTY_SKIP);
  const noGo = goMissing();
  if (noGo) return t.skip(noGo);
  const svc = await startExample('hello');
  const dir = mkdtempSync(join(tmpdir(), 'gotune-measure-pty-'));
  const out = join(dir, 'run');
  const cmd = [process.execPath, join(repoRoot(), 'bin', 'gotune.js'), 'measure', '--target', svc.target, '--pprof', svc.pprof,
    '--duration', '30s', '--warmup', '0', '-c', '2', '--out', out].map(shq).join(' ');
  const p = new Pty(cmd, {}, dir);
  try {
    await p.waitFor('the status line of repetition 1', (l) => l.some((x) => /repetition 1\/1 \d+\/30s · [\d,]+ responses/.test(x)), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    p.press('C-c');
    const screen = await p.waitFor('the exit status', (l) => l.some((x) => /^\[exited \d+\]$/.test(x)), 60_000);
    const text = screen.join('\n');
    assert.ok(screen.includes('[exited 130]'), text);
    // Erased, not overwritten in part: no status text is left on the screen.
    assert.ok(!screen.some((x) => / responses · /.test(x)), `a status line was left on the screen:\n${text}`);
    assert.equal(screen.filter((x) => /interrupted/.test(x) && x.startsWith('gotune measure:')).length, 1, text);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunJson;
    assert.equal(run.status, 'interrupted');
    const rep = run.repetitions[0];
    assert.equal(rep.complete, false);
    for (const name of ['heap.start', 'goroutine.start', 'heap.end', 'goroutine.end', 'memstats.end']) {
      assert.equal(rep.captures.find((c) => c.name === name)?.ok, true, `${name}: ${JSON.stringify(rep.captures.find((c) => c.name === name))}`);
    }
  } finally {
    p.close();
    await svc.stop();
  }
});
