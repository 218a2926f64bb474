// Transcript tests of the shell on a real pseudo-terminal: tmux runs
// `gotune pprof <profile>`, send-keys types real keystrokes (Tab, Up,
// Ctrl-D, Ctrl-C) and capture-pane reads the screen. Each test has its own
// tmux server (a socket in a temporary folder) and its own history file.
// Skipped, saying why, when tmux is not installed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { COMMANDS } from '../driver/commands.js';
import { Pty, PTY_SKIP as SKIP, shq, tmuxMissing } from '../testkit/pty.js';
import { profilesDir, repoRoot, runCli } from '../testkit/run-cli.js';

const PROMPT = '(pprof) ';

function gotune(profile: string): string {
  return `${shq(process.execPath)} ${shq(join(repoRoot(), 'bin', 'gotune.js'))} pprof ${profile}`;
}

/** cliLines is what `gotune pprof` prints for flags (compact headers, as in the shell), as screen lines. */
async function cliLines(profile: string, ...flags: string[]): Promise<string[]> {
  const r = await runCli(['pprof', '-compact_labels', ...flags, join(profilesDir(), profile)]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  return r.stdout.toString().replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
}

async function withPty(t: TestContext, profile: string, body: (p: Pty, state: string) => Promise<void>): Promise<void> {
  if (tmuxMissing) return t.skip(SKIP);
  const state = mkdtempSync(join(tmpdir(), 'gotune-state-'));
  const p = new Pty(gotune(profile), { XDG_STATE_HOME: state }, profilesDir(), PROMPT);
  try {
    await body(p, state);
  } finally {
    p.close();
    rmSync(state, { recursive: true, force: true });
  }
}

test('pty: banner, Tab-completed commands and functions, reports as the CLI prints them, Ctrl-D', async (t) => {
  await withPty(t, 'cpu.pb.gz', async (p) => {
    const banner = await p.waitLast(PROMPT.trimEnd());
    assert.deepEqual(banner.slice(-3), [
      'Duration: 4s, Total samples = 7.84s (195.85%)',
      'Entering interactive mode (type "help" for commands, "o" for options)',
      '(pprof)',
    ]);
    // "to" + Tab: top and topproto share "top".
    const start = p.screen().length;
    p.type('to');
    p.press('Tab');
    await p.waitLast(PROMPT + 'top');
    p.type('5');
    p.press('Enter');
    assert.deepEqual(await p.outputSince(start - 1, PROMPT + 'top5'), await cliLines('cpu.pb.gz', '-top', '-nodecount=5'));
    // A substring of a function name completes to the one function containing it.
    const at = p.screen().length;
    p.type('peek fib');
    p.press('Tab');
    await p.waitLast(PROMPT + 'peek main.fib');
    p.press('Enter');
    assert.deepEqual(await p.outputSince(at - 1, PROMPT + 'peek main.fib'), await cliLines('cpu.pb.gz', '-peek=main.fib'));
    // Errors keep the prompt.
    assert.deepEqual(await p.run('nosuch'), ['unrecognized command: "nosuch"']);
    p.press('C-d');
    await p.waitFor('the shell to end', (l) => l[l.length - 1] === '[exited 0]');
  });
});

test('pty: Up recalls earlier lines, and the history file keeps them for the next session', async (t) => {
  await withPty(t, 'cpu.pb.gz', async (p, state) => {
    await p.waitLast(PROMPT.trimEnd());
    assert.deepEqual(await p.run('nodecount=2'), []);
    const first = await p.run('top');
    assert.deepEqual(first, await cliLines('cpu.pb.gz', '-top', '-nodecount=2'));
    p.press('Up');
    await p.waitLast(PROMPT + 'top');
    p.press('Up');
    await p.waitLast(PROMPT + 'nodecount=2');
    p.press('Down');
    await p.waitLast(PROMPT + 'top');
    const before = p.screen().length;
    p.press('Enter');
    assert.deepEqual(await p.outputSince(before - 1, PROMPT + 'top'), first);
    p.type('quit');
    p.press('Enter');
    await p.waitFor('the shell to end', (l) => l[l.length - 1] === '[exited 0]');
    const file = join(state, 'gotune', 'pprof_history');
    assert.equal(readFileSync(file, 'utf8'), 'nodecount=2\ntop\nquit\n');

    // A new session starts with that history.
    const q = new Pty(gotune('cpu.pb.gz'), { XDG_STATE_HOME: state }, profilesDir(), PROMPT);
    try {
      await q.waitLast(PROMPT.trimEnd());
      q.press('Up');
      await q.waitLast(PROMPT + 'quit');
      q.press('Up');
      await q.waitLast(PROMPT + 'top');
      const from = q.screen().length;
      q.press('Enter');
      assert.deepEqual(await q.outputSince(from - 1, PROMPT + 'top'), await cliLines('cpu.pb.gz', '-top', '-nodecount=10'));
      q.press('C-c');
      await q.waitFor('Ctrl-C to end the shell', (l) => l[l.length - 1] === '[exited 0]');
    } finally {
      q.close();
    }
  });
});

test('pty: option and sample-type completion, settings, > file, o and help', async (t) => {
  await withPty(t, 'heap2.pb.gz', async (p) => {
    await p.waitLast(PROMPT.trimEnd());
    p.type('alloc_sp');
    p.press('Tab');
    await p.waitLast(PROMPT + 'alloc_space');
    p.press('Enter');
    await p.waitLast(PROMPT.trimEnd());
    p.type('granularity=li');
    p.press('Tab');
    await p.waitLast(PROMPT + 'granularity=lines');
    p.press('Enter');
    await p.waitLast(PROMPT.trimEnd());
    const want = await cliLines('heap2.pb.gz', '-top', '-sample_index=alloc_space', '-lines', '-nodecount=3');
    assert.deepEqual(await p.run('top3'), want);
    const saved = join(p.dir, 'out.txt');
    assert.deepEqual(await p.run(`top3 > ${saved}`), [`Generating report in ${saved}`]);
    assert.deepEqual(readFileSync(saved, 'utf8').replace(/\n$/, '').split('\n').map((l) => l.trimEnd()), want);
    const options = await p.run('o');
    assert.ok(options.includes('  sample_index              = alloc_space          //: [alloc_objects | alloc_space | inuse_objects | inuse_space]'), options.join('\n'));
    assert.ok(options.includes('  granularity               = lines                //: [addresses | filefunctions | files | functions | lines]'));
    const help = await p.run('help nodecount');
    assert.deepEqual(help, ['Max number of nodes to show', 'Uses heuristics to limit the number of locations to be displayed.',
      'On graphs, dotted edges represent paths through nodes that have been removed.', '']);
    const missing = COMMANDS.find((c) => c.notSupported);
    if (missing) {
      const line = missing.hasParam ? `${missing.name} main` : missing.name;
      assert.deepEqual(await p.run(line), [`${missing.name} is not supported yet (${missing.notSupported})`]);
    }
    p.type('exit');
    p.press('Enter');
    await p.waitFor('the shell to end', (l) => l[l.length - 1] === '[exited 0]');
  });
});
