// Unit tests of the -folded report (collapsed stacks) on profiles built in
// code, and its totals against -top on the committed real profiles.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { commandByName } from '../driver/commands.js';
import { defaultConfig, type Config } from '../driver/config.js';
import { makeReport } from '../driver/pipeline.js';
import { generate } from './generate.js';
import { outputText } from './output.js';
import type { Ui } from '../ports.js';
import { ProfileBuilder } from '../profile/builder.js';
import type { Profile } from '../profile/types.js';
import { profilesDir, runCli } from '../testkit/run-cli.js';
import { foldedFrameName } from './folded-names.js';

const ui: Ui = { print: () => {}, printErr: () => {}, isTerminal: () => false };

function profile(): Profile {
  const b = new ProfileBuilder([{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' }]);
  const m = b.addMapping({ start: 0x1000n, limit: 0x9000n, file: '/bin/app', hasFunctions: true });
  const main = b.fn('main.main', '/src/a.go', 1);
  const run = b.fn('main.run', '/src/a.go', 10);
  const inl = b.fn('main.small', '/src/a.go', 20);
  const odd = b.fn('weird;name\nwith break', '/src/b.go', 1);
  const lMain = b.addLocation(0x1010n, m, [{ fn: main, line: 3, column: 0 }]);
  // main.small inlined into main.run: one location, two frames (innermost first).
  const lRun = b.addLocation(0x1020n, m, [{ fn: inl, line: 21, column: 0 }, { fn: run, line: 12, column: 0 }]);
  const lRun2 = b.addLocation(0x1030n, m, [{ fn: run, line: 14, column: 0 }]);
  const lOdd = b.addLocation(0x1040n, m, [{ fn: odd, line: 2, column: 0 }]);
  b.addSample([lRun, lMain], [1, 100], { str: { worker: ['a'] } });
  b.addSample([lRun, lMain], [2, 200], { str: { worker: ['b'] } });
  b.addSample([lRun2, lMain], [4, 400], { str: { worker: ['a'] } });
  b.addSample([lOdd, lMain], [8, 800]);
  b.addSample([lMain], [0, 0]);
  return b.build();
}

function folded(p: Profile, cfg: Partial<Config> = {}): string {
  const rpt = makeReport(p, { cmd: commandByName('folded')! }, { ...defaultConfig(), ...cfg }, ui);
  const out = generate('folded', rpt);
  assert.equal(out.kind, 'stream');
  return outputText(out);
}

test('folded: one sorted line per stack, root first, inline frames expanded, equal stacks summed', () => {
  assert.equal(folded(profile()), [
    'main.main;main.run 400',
    'main.main;main.run;main.small 300',
    'main.main;weird:name with break 800',
    '',
  ].join('\n'));
});

test('folded: the sample index, granularity and filters apply', () => {
  assert.equal(folded(profile(), { sample_index: 'alloc_objects', focus: 'small' }), 'main.main;main.run;main.small 3\n');
  assert.equal(folded(profile(), { tagfocus: 'worker=a', granularity: 'lines' }), [
    'main.main /src/a.go:3;main.run /src/a.go:12;main.small /src/a.go:21 100',
    'main.main /src/a.go:3;main.run /src/a.go:14 400',
    '',
  ].join('\n'));
  // Hiding a frame keeps the sample, under its caller.
  assert.equal(folded(profile(), { hide: 'small|weird' }), 'main.main 800\nmain.main;main.run 700\n');
});

test('folded: frame names never break the format', () => {
  assert.equal(foldedFrameName('a;b\nc\r\nd'), 'a:b c d');
});

/** Sums a folded report the way flame-graph tools read it: the value after the last space. */
function foldedTotal(text: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const at = line.lastIndexOf(' ');
    assert.ok(at > 0 && /^-?\d+$/.test(line.slice(at + 1)), `bad line ${JSON.stringify(line)}`);
    assert.ok(!line.slice(0, at).split(';').includes(''), `empty frame in ${JSON.stringify(line)}`);
    total += Number(line.slice(at + 1));
  }
  return total;
}

for (const [file, unit, args] of [
  ['cpu.pb.gz', 'ns', []],
  ['cpu.pb.gz', 'ns', ['-lines', '-tagfocus=worker=b']],
  ['cpu.pb.gz', 'ns', ['-focus=fib']],
  ['heap2.pb.gz', 'b', ['-sample_index=alloc_space']],
  ['block.pb.gz', 'ns', ['-noinlines']],
] as [string, string, string[]][]) {
  test(`folded ${file} ${args.join(' ')}: the stacks add up to -top's total`, async () => {
    const path = join(profilesDir(), file);
    const f = await runCli(['pprof', '-folded', ...args, path]);
    assert.equal(f.code, 0, f.stderr.join('\n'));
    // -relative_percentages makes the total that of the filtered profile.
    const t = await runCli(['pprof', '-top', '-relative_percentages', `-unit=${unit}`, ...args, path]);
    assert.equal(t.code, 0, t.stderr.join('\n'));
    const m = /of (-?\d+)[A-Za-z]+ total/.exec(t.stdout.toString('utf8'));
    assert.ok(m, 'no total in -top');
    assert.equal(foldedTotal(f.stdout.toString('utf8')), Number(m[1]));
  });
}
