// Unit tests of the shell's line reading: shortcuts, assignments and
// report commands with pprof's argument rules.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, type Config } from './config.js';
import { expandShortcuts, parseAssignment, parseLine, parseReportCommand, type ShellAction } from './shell-line.js';
import { ShellError } from './shell-settings.js';

const cfg = defaultConfig();

function report(line: string, current: Config = cfg): Extract<ShellAction, { kind: 'report' }> {
  const a = parseLine(line, current);
  assert.equal(a.kind, 'report');
  return a as Extract<ShellAction, { kind: 'report' }>;
}

function refused(line: string, message: string): void {
  assert.throws(() => parseLine(line, cfg), (e: unknown) => e instanceof ShellError && e.message === message);
}

test('shortcuts: sample types, total_/mean_ forms and ":"', () => {
  const types = ['alloc_objects', 'alloc_space'];
  assert.deepEqual(expandShortcuts('  alloc_space ', types), ['sample_index=alloc_space']);
  assert.deepEqual(expandShortcuts('total_alloc_space', types), ['mean=0', 'sample_index=alloc_space']);
  assert.deepEqual(expandShortcuts('mean_alloc_objects', types), ['mean=1', 'sample_index=alloc_objects']);
  assert.deepEqual(expandShortcuts(':', types), ['focus=', 'ignore=', 'hide=', 'tagfocus=', 'tagignore=']);
  assert.deepEqual(expandShortcuts('  top 5  ', types), ['top 5']);
});

test('assignments: name=value, comments, bare booleans and choices', () => {
  assert.deepEqual(parseAssignment('nodecount=5'), { name: 'nodecount', value: '5' });
  assert.deepEqual(parseAssignment(' focus = a b  //: was main'), { name: 'focus', value: 'a b' });
  assert.deepEqual(parseAssignment('trim'), { name: 'trim', value: '' });
  assert.deepEqual(parseAssignment('cum'), { name: 'cum', value: '' });
  assert.deepEqual(parseAssignment('tagfocus=bytes=1kb:'), { name: 'tagfocus', value: 'bytes=1kb:' });
  assert.equal(parseAssignment('top=5'), null);
  assert.equal(parseAssignment('top -focus=x'), null);
  refused('nodecount', 'please specify a value, e.g. nodecount=<val>');
  refused('focus', 'please specify a value, e.g. focus=<val>');
});

test('`name value` sets an option too', () => {
  assert.deepEqual(parseLine('nodecount 4', cfg), { kind: 'set', name: 'nodecount', value: '4' });
  assert.deepEqual(parseLine('sort cum', cfg), { kind: 'set', name: 'sort', value: 'cum' });
  assert.deepEqual(parseLine('focus main\\.(fib|walk)', cfg), { kind: 'set', name: 'focus', value: 'main\\.(fib|walk)' });
});

test("the shell's own words", () => {
  for (const w of ['o', 'options']) assert.deepEqual(parseLine(w, cfg), { kind: 'options' });
  for (const w of ['q', 'quit', 'exit']) assert.deepEqual(parseLine(w, cfg), { kind: 'quit' });
  assert.deepEqual(parseLine('help', cfg), { kind: 'help', topic: '' });
  assert.deepEqual(parseLine('help  top', cfg), { kind: 'help', topic: 'top' });
  assert.deepEqual(parseLine('   ', cfg), { kind: 'none' });
});

test('report commands: count, -cum, focus and ignore words, redirection', () => {
  const a = report('top10 -cum main. -runtime gc >out.txt');
  assert.equal(a.cmd.name, 'top');
  assert.equal(a.arg, undefined);
  assert.equal(a.config.nodecount, 10);
  assert.equal(a.config.sort, 'cum');
  assert.equal(a.config.focus, 'main.|gc');
  assert.equal(a.config.ignore, 'runtime');
  assert.equal(a.config.output, 'out.txt');
  assert.equal(report('top > f.txt').config.output, 'f.txt');
  assert.equal(report('text --cum').config.sort, 'cum');
  // A number is a count even with a sign, before "-" is read as ignore.
  assert.equal(report('top -5').config.nodecount, -5);
  assert.equal(report('top').config.nodecount, 10, 'the shell shows ten lines by default');
  assert.equal(report('top', { ...cfg, nodecount: 3 }).config.nodecount, 3);
  assert.equal(report('tree').config.nodecount, -1);
  // Settings given with a command do not change the current ones.
  assert.equal(cfg.focus, '');
  assert.equal(cfg.sort, 'flat');
});

test('tags filters tags; commands with a parameter take the first word', () => {
  const t = report('tags worker -phase');
  assert.equal(t.config.tagfocus, 'worker');
  assert.equal(t.config.tagignore, 'phase');
  assert.equal(t.config.focus, '');
  const p = report('peek main.fib runtime -gc 5');
  assert.equal(p.cmd.name, 'peek');
  assert.equal(p.arg, 'main.fib');
  assert.equal(p.config.focus, 'runtime');
  assert.equal(p.config.ignore, 'gc');
  assert.equal(p.config.nodecount, 5);
  assert.equal(report('list10').arg, '10', 'digits split off a command name become its first argument');
});

test("pprof's error lines", () => {
  refused('foo', 'unrecognized command: "foo"');
  refused('top3x', 'unrecognized command: "top3x"');
  refused('10', 'unrecognized command: "10"');
  refused('peek', 'command peek requires an argument');
  refused('top >', 'unexpected end of line after >');
  assert.throws(() => parseReportCommand(['nosuch'], cfg), /unrecognized command: "nosuch"/);
});
