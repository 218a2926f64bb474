// `gotune benchstat` as a command: bad input is one line and exit 2 with
// nothing on stdout, -h prints the usage, "-" reads standard input,
// label=path names a column, and malformed lines are warnings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { main } from './main.js';
import { repoRoot, runCli } from '../testkit/run-cli.js';

const DATA = join(repoRoot(), 'testdata', 'benchstat');
const OLD = join(DATA, 'old.txt');
const NEW = join(DATA, 'new.txt');
const tmp = mkdtempSync(join(tmpdir(), 'gotune-benchstat-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const put = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

test('bad input: one line naming what is wrong, exit 2, nothing on stdout', async () => {
  const empty = put('empty.txt', 'goos: linux\nPASS\n');
  mkdirSync(join(tmp, 'dir'));
  const cases: [string[], RegExp][] = [
    [[], /no input files given/],
    [[join(tmp, 'missing.txt')], /open .*missing\.txt: no such file or directory$/],
    [[join(tmp, 'dir')], /read .*dir: is a directory$/],
    [[empty], /no benchmark results in .*empty\.txt/],
    [[OLD, empty], /no benchmark results in .*empty\.txt/],
    [['-bogus', OLD], /flag provided but not defined: -bogus/],
    [['-alpha'], /flag needs an argument: -alpha/],
    [['-alpha', 'x', OLD], /invalid value "x" for flag -alpha: parse error/],
    [['-alpha', '2', OLD], /-alpha must be in range \[0, 1\]/],
    [['-confidence=-0.1', OLD], /-confidence must be in range \[0, 1\]/],
    [['-format', 'json', OLD], /-format must be text or csv/],
    [['-filter', 'a b', OLD], /parsing -filter: syntax error: expected key:value \(at column 1 of "a b"\)/],
    [['-filter', '.config:x', OLD], /parsing -filter: syntax error: \.config is only allowed in projections/],
    [['-table', '.unit', OLD], /parsing -table: syntax error: \.unit is only allowed in filters/],
    [['-row', '.name@backwards', OLD], /parsing -row: syntax error: unknown order "backwards"/],
    [['-col', '/size@(', OLD], /parsing -col: syntax error: missing \)/],
    [['-filter', '.name:/[/', OLD], /parsing -filter: syntax error: (missing close "\/"|error parsing regexp)/],
    // As Go's flag package: the first file ends the flags, so this -alpha is a file.
    [[OLD, '-alpha', '0.1'], /open -alpha: no such file or directory/],
  ];
  for (const [args, want] of cases) {
    const r = await runCli(['benchstat', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr.join('\n')}`);
    assert.equal(r.stdout.length, 0, args.join(' '));
    assert.equal(r.stderr.length, 1, `${args.join(' ')}: ${r.stderr.join('\n')}`);
    assert.match(r.stderr[0], /^gotune benchstat: /);
    assert.match(r.stderr[0], want);
  }
});

test('-h prints the usage with every flag, exit 0', async () => {
  for (const h of ['-h', '--help', '-help']) {
    const r = await runCli(['benchstat', h]);
    assert.equal(r.code, 0);
    const text = r.stderr.join('\n');
    assert.match(text, /^usage: gotune benchstat \[flags\] old\.txt/);
    for (const f of ['alpha', 'col', 'confidence', 'filter', 'format', 'ignore', 'row', 'table']) assert.match(text, new RegExp(`^  -${f} `, 'm'));
  }
});

test('-name=value, --name value and -- all work as in Go', async () => {
  const a = await runCli(['benchstat', '-alpha=0.01', OLD, NEW]);
  const b = await runCli(['benchstat', '--alpha', '0.01', '--', OLD, NEW]);
  assert.equal(a.code, 0);
  assert.equal(a.stdout.toString(), b.stdout.toString());
  assert.match(a.stdout.toString(), /│ +sec\/op +│ +sec\/op +vs base +│/);
});

test('"-" reads standard input, once, and label=path names the column', async () => {
  const out: Buffer[] = [];
  const err: string[] = [];
  const code = await main(['benchstat', 'before=-', `after=${NEW}`], {
    stdout: (d) => { out.push(Buffer.from(d)); },
    stderr: (l) => err.push(l),
    isTerminal: false,
    terminal: { stdin: Readable.from([readFileSync(OLD)]), stderr: process.stderr },
  });
  assert.equal(code, 0, err.join('\n'));
  const text = Buffer.concat(out).toString();
  assert.match(text, /│ +before +│ +after +│/);
  const direct = await runCli(['benchstat', `before=${OLD}`, `after=${NEW}`]);
  assert.equal(text, direct.stdout.toString());
});

test('malformed lines are warnings on stderr; the tables still print', async () => {
  const f = put('warn.txt', 'BenchmarkA-8 10 100 ns/op\nBenchmarkA-8 10\nBenchmarkA-8 x 1 ns/op\nBenchmarkA-8 10 102 ns/op\n');
  const r = await runCli(['benchstat', f]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.stderr, [`${f}:2: missing measurements`, `${f}:3: parsing iteration count: invalid syntax`]);
  assert.match(r.stdout.toString(), /^A-8 +101\.0n ± ∞ ¹$/m);
  assert.match(r.stdout.toString(), /^¹ need >= 6 samples for confidence interval at level 0\.95$/m);
});

test('gotune help lists benchstat', async () => {
  const r = await runCli(['help']);
  assert.match(r.stdout.toString(), /^ {2}benchstat +a drop-in for Go's benchstat/m);
});
