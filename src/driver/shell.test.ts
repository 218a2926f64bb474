// The shell session with a fake port: reports equal the CLI's for the same
// settings, settings persist, errors keep the prompt, files are written
// through the port, and help, options and completion come from the tables.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createFetcher } from '../fetch/fetcher.js';
import type { Profile } from '../profile/types.js';
import { firstDifferences, profilesDir, runCli } from '../testkit/run-cli.js';
import { COMMANDS, type CommandDef } from './commands.js';
import { defaultConfig, OPTIONS, type Config } from './config.js';
import { outputText, type ReportOutput } from '../report/output.js';
import { ShellSession, type ShellPort } from './shell.js';
import { goFormatFloat } from './shell-settings.js';

process.env.TZ = 'UTC';

/** FakePort records everything the shell does and feeds it lines. */
class FakePort implements ShellPort {
  stdout = '';
  messages = '';
  errors: string[] = [];
  files = new Map<string, string | Uint8Array>();
  prompts = 0;
  constructor(private readonly input: string[] = []) {}
  readLine(): Promise<string | null> {
    this.prompts++;
    return Promise.resolve(this.input.shift() ?? null);
  }
  print(text: string): void { this.stdout += text; }
  message(text: string): void { this.messages += text; }
  printErr(line: string): void { this.errors.push(line); }
  deliver(cmd: CommandDef, out: ReportOutput, output: string): Promise<void> {
    const data = out.kind === 'binary' ? out.data : outputText(out);
    if (output !== '') {
      this.printErr(`Generating report in ${output}`);
      this.files.set(output, data);
    } else if (out.kind !== 'binary') {
      this.stdout += outputText(out);
    } else {
      this.files.set(`(${cmd.name})`, data);
    }
    return Promise.resolve();
  }
  take(): string {
    const s = this.stdout;
    this.stdout = '';
    return s;
  }
}

const profiles = new Map<string, Profile>();
async function load(name: string): Promise<Profile> {
  let p = profiles.get(name);
  if (!p) {
    const f = await createFetcher({ printErr: (l) => process.stderr.write(l + '\n') }).fetch(join(profilesDir(), name), { seconds: -1, timeout: -1, maxDecompressedBytes: 2 ** 31 });
    p = f.profile;
    profiles.set(name, p);
  }
  return p;
}

async function session(name: string, config: Config = defaultConfig()): Promise<{ s: ShellSession; port: FakePort }> {
  const port = new FakePort();
  return { s: new ShellSession(await load(name), config, port), port };
}

/** sameAsCli checks that a shell line prints what `gotune pprof <flags>` prints (compact headers, as in the shell). */
async function sameAsCli(s: ShellSession, port: FakePort, line: string, flags: string[], profile: string): Promise<void> {
  assert.equal(await s.execute(line), true);
  assert.deepEqual(port.errors, [], `${line}: no error`);
  const got = port.take();
  const cli = await runCli(['pprof', '-compact_labels', ...flags, join(profilesDir(), profile)]);
  assert.equal(cli.code, 0, cli.stderr.join('\n'));
  const want = cli.stdout.toString();
  if (got !== want) assert.fail(`"${line}" differs from gotune pprof ${flags.join(' ')}\n${firstDifferences(want, got)}`);
}

test('report commands print what the CLI prints for the same settings', async () => {
  const { s, port } = await session('cpu.pb.gz');
  await sameAsCli(s, port, 'top', ['-top', '-nodecount=10'], 'cpu.pb.gz');
  await sameAsCli(s, port, 'top -cum 20 main.', ['-top', '-cum', '-nodecount=20', '-focus=main.'], 'cpu.pb.gz');
  await sameAsCli(s, port, 'top5 -runtime', ['-top', '-nodecount=5', '-ignore=runtime'], 'cpu.pb.gz');
  await sameAsCli(s, port, 'peek fib', ['-peek=fib'], 'cpu.pb.gz');
  await sameAsCli(s, port, 'tree 5 fib', ['-tree', '-nodecount=5', '-focus=fib'], 'cpu.pb.gz');
  await sameAsCli(s, port, 'traces isOdd', ['-traces', '-focus=isOdd'], 'cpu.pb.gz');
  await sameAsCli(s, port, 'tags worker', ['-tags', '-tagfocus=worker'], 'cpu.pb.gz');
  await sameAsCli(s, port, 'raw', ['-raw'], 'cpu.pb.gz');
});

test('every text report without an argument matches the CLI, as commands land in the table', async () => {
  const { s, port } = await session('cpu.pb.gz');
  // Commands named after their format print that format as is (others,
  // such as svg or web, are turned into files or opened by the CLI).
  const plain = COMMANDS.filter((c) => c.name === c.format && !c.binary && !c.notSupported && !c.hasParam);
  assert.ok(plain.length >= 5, plain.map((c) => c.name).join(' '));
  for (const c of plain) await sameAsCli(s, port, `${c.name} 4`, [`-${c.name}`, '-nodecount=4'], 'cpu.pb.gz');
});

test('settings persist until changed; sample types are commands', async () => {
  const { s, port } = await session('heap2.pb.gz');
  for (const l of ['alloc_space', 'nodecount=4', 'granularity=lines', 'cum']) await s.execute(l);
  await sameAsCli(s, port, 'top', ['-top', '-sample_index=alloc_space', '-nodecount=4', '-lines', '-cum'], 'heap2.pb.gz');
  for (const l of ['sample_index=1', 'functions', 'flat=true', 'trim=false', 'focus=main']) await s.execute(l);
  await sameAsCli(s, port, 'top3', ['-top', '-sample_index=alloc_space', '-nodecount=3', '-trim=false', '-focus=main'], 'heap2.pb.gz');
  for (const l of [':', 'mean_alloc_space', 'unit=kb']) await s.execute(l);
  await sameAsCli(s, port, 'tree 3', ['-tree', '-mean', '-sample_index=alloc_space', '-nodecount=3', '-trim=false', '-unit=kb'], 'heap2.pb.gz');
});

test('settings from the command line are the starting point', async () => {
  const { s, port } = await session('cpu.pb.gz', { ...defaultConfig(), sort: 'cum', nodecount: 7 });
  await sameAsCli(s, port, 'top', ['-top', '-cum', '-nodecount=7'], 'cpu.pb.gz');
});

test('errors print one line and the shell goes on', async () => {
  const { s, port } = await session('cpu.pb.gz');
  const cases: [string, string][] = [
    ['foo', 'unrecognized command: "foo"'],
    ['nodecount=abc', 'strconv.Atoi: parsing "abc": invalid syntax'],
    ['nodefraction=x', 'strconv.ParseFloat: parsing "x": invalid syntax'],
    ['trim=maybe', 'illegal value "maybe" for bool variable'],
    ['granularity=bogus', 'invalid "granularity" value "bogus"'],
    ['cum=false', 'unknown config field "cum"'],
    ['sample_index=5', 'sample_index 5 is outside the range [0..1]'],
    ['sample_index=bogus', 'sample_index "bogus" must be one of: [samples cpu]'],
    ['help nosuch', 'Unknown command: nosuch'],
  ];
  for (const [line, message] of cases) {
    assert.equal(await s.execute(line), true, line);
    assert.deepEqual(port.errors.splice(0), [message], line);
  }
  await s.execute('focus=(');
  assert.deepEqual(port.errors, [], 'a regexp is checked when a report uses it');
  await s.execute('top');
  assert.equal(port.errors.length, 1);
  assert.match(port.errors.splice(0)[0], /focus regexp/);
  assert.equal(port.take(), '');
  await s.execute(':');
  await sameAsCli(s, port, 'top', ['-top', '-nodecount=10'], 'cpu.pb.gz');
});

test('commands gotune cannot run yet say so and keep the shell running', async () => {
  const missing = COMMANDS.filter((c) => c.notSupported);
  const { s, port } = await session('cpu.pb.gz');
  for (const c of missing) {
    assert.equal(await s.execute(c.hasParam ? `${c.name} fib` : c.name), true);
    assert.deepEqual(port.errors.splice(0), [`${c.name} is not supported yet (${c.notSupported})`]);
  }
  await sameAsCli(s, port, 'top2', ['-top', '-nodecount=2'], 'cpu.pb.gz');
});

test('> file and output= send the report to a file; binary reports are delivered as data', async () => {
  const { s, port } = await session('cpu.pb.gz');
  await s.execute('top3 > out.txt');
  assert.deepEqual(port.errors.splice(0), ['Generating report in out.txt']);
  const cli = await runCli(['pprof', '-top', '-compact_labels', '-nodecount=3', join(profilesDir(), 'cpu.pb.gz')]);
  assert.equal(port.files.get('out.txt'), cli.stdout.toString());
  assert.equal(port.take(), '');
  await s.execute('output=saved.txt');
  await s.execute('peek fib');
  assert.deepEqual(port.errors.splice(0), ['Generating report in saved.txt']);
  await s.execute('output=');
  await s.execute('proto');
  assert.ok(port.files.get('(proto)') instanceof Uint8Array);
  assert.equal(port.take(), '', 'nothing binary on the screen');
});

test('the banner is the profile header over the whole profile', async () => {
  const { s, port } = await session('cpu.pb.gz', { ...defaultConfig(), focus: 'fib' });
  s.greet();
  assert.equal(port.messages, [
    'File: cpu',
    'Build ID: 41dd67bd06525822f2a998448381d40dcebd8a1c',
    'Type: cpu',
    'Time: 2026-11-28 03:14:36 UTC',
    'Duration: 4s, Total samples = 7.84s (195.85%)',
    'Entering interactive mode (type "help" for commands, "o" for options)',
    '',
  ].join('\n'));
});

test('run reads until quit or the end of input', async () => {
  const port = new FakePort(['top1', 'q', 'top2']);
  await new ShellSession(await load('cpu.pb.gz'), defaultConfig(), port).run();
  assert.equal(port.prompts, 2, 'nothing is read after q');
  const eof = new FakePort(['top1']);
  await new ShellSession(await load('cpu.pb.gz'), defaultConfig(), eof).run();
  assert.equal(eof.prompts, 2, 'the end of input (Ctrl-D) ends the shell');
});

test('o lists every option with its current value, in pprof layout', async () => {
  const { s, port } = await session('heap2.pb.gz');
  await s.execute('nodefraction=0.00001');
  await s.execute('focus=main');
  await s.execute('o');
  const rows = port.messages.split('\n').filter((r) => r !== '');
  assert.equal(rows.length, OPTIONS.length - 1, 'all but source_path');
  assert.ok(rows.includes('  nodefraction              = 1e-05                '));
  assert.ok(rows.includes('  focus                     = main                 '));
  assert.ok(rows.includes('  compact_labels            = true                 '));
  assert.ok(rows.includes('  nodecount                 = -1                   //: default'));
  assert.ok(rows.includes('  sample_index              = inuse_space          //: [alloc_objects | alloc_space | inuse_objects | inuse_space]'));
  assert.ok(rows.includes('  granularity               = (default)            //: [addresses | filefunctions | files | functions | lines]'));
  assert.deepEqual([...rows].sort(), rows, 'sorted');
});

test('help lists every command and option; help <topic> explains one', async () => {
  const { s, port } = await session('heap2.pb.gz');
  await s.execute('help');
  for (const c of COMMANDS) assert.match(port.messages, new RegExp(`\\n {4}${c.name} +${c.description.replace(/[()]/g, '\\$&')}`));
  for (const o of OPTIONS) assert.ok(port.messages.includes(`    ${o.name} `), o.name);
  port.messages = '';
  await s.execute('help top');
  assert.equal(port.messages, [
    'Outputs top entries in text form',
    '  Usage:',
    '    top [n] [focus_regex]* [-ignore_regex]* [-cum] >f',
    '    Include up to n samples',
    '    Include samples matching focus_regex, and exclude ignore_regex.',
    '    -cum sorts the output by cumulative weight',
    '    Optionally save the report on the file f',
    '', ''].join('\n'));
  port.messages = '';
  await s.execute('help sample_index');
  assert.match(port.messages, /Or use sample_index=name, with name in \[alloc_objects alloc_space inuse_objects inuse_space\]\.\n\n$/);
});

test('completion: commands, options, values and function names', async () => {
  const { s } = await session('cpu.pb.gz');
  const c = (line: string) => s.complete(line);
  assert.deepEqual(c('to'), { candidates: ['top', 'topproto'], token: 'to' });
  assert.deepEqual(c('sample_in').candidates, ['sample_index']);
  assert.deepEqual(c('granularity=li'), { candidates: ['lines'], token: 'li' });
  assert.deepEqual(c('sort=').candidates, ['cum', 'flat']);
  assert.deepEqual(c('sample_index=').candidates, ['samples', 'cpu']);
  assert.deepEqual(c('trim=f').candidates, ['false']);
  assert.deepEqual(c('cp').candidates, ['cpu'], 'sample types are commands');
  assert.deepEqual(c('help nodef').candidates, ['nodefraction']);
  assert.deepEqual(c('peek fib'), { candidates: ['main.fib'], token: 'fib' }, 'a substring finds a function');
  assert.deepEqual(c('top10 -main.isO'), { candidates: ['-main.isOdd'], token: '-main.isO' });
  assert.deepEqual(c('focus=main.isO').candidates, ['main.isOdd']);
  assert.deepEqual(c('list main.worker').candidates.slice(0, 2), ['main.workerA', 'main.workerA.func1']);
  assert.deepEqual(c('tags ph').candidates, [], 'tags take tag names, not functions');
  assert.deepEqual(c('nosuch x').candidates, []);
});

test('goFormatFloat prints like Go %v', () => {
  const cases: [number, string][] = [[0.005, '0.005'], [1e-5, '1e-05'], [1e6, '1e+06'], [123456, '123456'], [1, '1'], [0.0001, '0.0001'], [1.5e21, '1.5e+21'], [-2.5e-7, '-2.5e-07']];
  for (const [x, want] of cases) assert.equal(goFormatFloat(x), want);
});

test('a profile decoded once is not changed by the shell', async () => {
  const p = await load('cpu.pb.gz');
  const before = p.samples.count;
  const { s } = await session('cpu.pb.gz');
  await s.execute('focus=fib');
  await s.execute('top');
  await s.execute('proto');
  assert.equal(p.samples.count, before);
});
