// DumpParser over the hand-made fixtures in testdata/goroutine/handmade (formats
// of Go 1.19–1.26 written from runtime/traceback.go, since only Go 1.26 runs
// here; see that folder's README) and over small inline texts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../testkit/run-cli.js';
import { DumpParser, parseDump } from './parser.js';
import type { DumpInfo, GoroutineRecord } from './types.js';

const handmade = join(repoRoot(), 'testdata', 'goroutine', 'handmade');

async function parse(text: string): Promise<{ info: DumpInfo; recs: GoroutineRecord[] }> {
  const recs: GoroutineRecord[] = [];
  const info = await parseDump(text, (r) => recs.push(r));
  return { info, recs };
}

async function fixture(name: string): Promise<{ info: DumpInfo; recs: GoroutineRecord[] }> {
  return parse(readFileSync(join(handmade, name), 'utf8'));
}

test('Go 1.19 debug=2: created by without goroutine id, semacquire, additional frames elided', async () => {
  const { info, recs } = await fixture('go1.19.debug2.txt');
  assert.equal(info.format, 'debug=2');
  assert.deepEqual(info.warnings, []);
  assert.equal(recs.length, 7);
  const six = recs[1];
  assert.equal(six.id, 6);
  assert.equal(six.state, 'chan receive');
  assert.equal(six.waitMinutes, 12);
  assert.deepEqual(six.frames, [{ func: 'main.consume', args: '0xc00001c0c0', file: '/app/main.go', line: 14, offset: 0x2d, pc: '' }]);
  assert.deepEqual(six.createdBy, { func: 'main.main', file: '/app/main.go', line: 30, offset: 0x8f, goid: -1 });
  const mutex = recs[3];
  assert.equal(mutex.state, 'semacquire');
  assert.equal(mutex.frames[2].func, 'sync.(*Mutex).Lock');
  assert.equal(mutex.frames[2].args, '...');
  assert.equal(mutex.frames[2].offset, -1);
  const pinned = recs[4];
  assert.equal(pinned.lockedToThread, true);
  assert.equal(pinned.state, 'select');
  assert.equal(pinned.frames[3].func, 'runtime.goexit');
  assert.equal(recs[5].waitMinutes, 61);
  const deep = recs[6];
  assert.equal(deep.elided, -1);
  assert.equal(deep.elidedAt, 4);
  assert.equal(deep.createdBy?.line, 36);
});

test('Go 1.20 panic: headline, exit status, goroutines after the panicking one', async () => {
  const { info, recs } = await fixture('go1.20.panic.txt');
  assert.equal(info.headline, 'panic: runtime error: index out of range [5] with length 3');
  assert.deepEqual(info.warnings, []);
  assert.deepEqual(recs.map((r) => [r.id, r.state, r.waitMinutes]), [
    [1, 'running', 0], [18, 'chan send', 2], [19, 'chan send', 2], [20, 'sync.Cond.Wait', 0]]);
  assert.equal(recs[3].frames.length, 3);
});

test('fatal error: runtime stack skipped, stack unavailable, cgo frames, ancestors', async () => {
  const { info, recs } = await fixture('go1.22.crash.txt');
  assert.equal(info.headline, 'fatal error: concurrent map writes');
  assert.deepEqual(info.warnings, []);
  assert.deepEqual(recs.map((r) => r.id), [21, 1, 22, 23, 24]);
  assert.equal(recs[0].frames[0].args, '...');
  assert.equal(recs[0].createdBy?.goid, 1);
  const other = recs[2];
  assert.equal(other.stackUnavailable, true);
  assert.equal(other.frames.length, 0);
  assert.equal(other.truncated, false);
  const cgo = recs[3];
  assert.equal(cgo.state, 'syscall');
  assert.equal(cgo.waitMinutes, 4);
  assert.deepEqual(cgo.frames.slice(0, 2).map((f) => [f.func, f.pc]), [['non-Go function', '0x7f3a2c0d1e2b'], ['non-Go function', '0x7f3a2c0a51c4']]);
  assert.equal(cgo.frames[3].file, '_cgo_gotypes.go');
  const child = recs[4];
  assert.deepEqual(child.ancestors, [7, 1]);
  assert.equal(child.frames.length, 1);
  assert.equal(child.createdBy?.func, 'main.parent');
});

test('Go 1.26 header details: leaked, durable, bubble, scan, gp/m, labels with escapes, fp/sp/pc', async () => {
  const { info, recs } = await fixture('go1.26.states.txt');
  assert.deepEqual(info.warnings, []);
  assert.equal(recs[0].state, 'chan send (leaked)');
  assert.equal(recs[0].waitMinutes, 2);
  assert.equal(recs[1].state, 'chan receive (durable)');
  assert.equal(recs[1].createdBy?.func, 'testing/synctest.Test');
  const labelled = recs[2];
  assert.equal(labelled.state, 'select');
  assert.equal(labelled.waitMinutes, 7);
  assert.equal(labelled.lockedToThread, true);
  assert.deepEqual(labelled.labels, [['path', '/api/v1'], ['note', 'line\nbreak "quoted" é']]);
  assert.equal(labelled.frames[0].func, 'main.serve[...]');
  const scanned = recs[3];
  assert.equal(scanned.id, 34);
  assert.equal(scanned.state, 'sync.WaitGroup.Wait');
  assert.equal(scanned.waitMinutes, 1);
  assert.equal(scanned.frames[0].offset, 0x60);
});

test('interleaved log lines are skipped and counted, the goroutines around them kept', async () => {
  const { info, recs } = await fixture('interleaved.txt');
  assert.deepEqual(recs.map((r) => [r.id, r.frames.length, r.createdBy?.func ?? '']), [
    [1, 1, ''], [6, 2, 'main.main'], [7, 2, 'main.main']]);
  assert.equal(recs[1].frames[0].file, '/usr/local/go/src/runtime/netpoll.go');
  assert.deepEqual(info.warnings, [
    'skipped 4 lines that are not part of a goroutine dump (first at line 1: "2025/01/02 15:04:05 server listening on :8080")']);
});

test('a dump cut off mid-frame keeps what it has and says where it broke', async () => {
  const { info, recs } = await fixture('truncated.txt');
  assert.deepEqual(recs.map((r) => [r.id, r.frames.length, r.truncated]), [[1, 1, false], [6, 1, false], [7, 1, false]]);
  assert.deepEqual(info.warnings, ['skipped 1 line that is not part of a goroutine dump (first at line 14: "main.wor")']);

  const cut = await parse('goroutine 9 [select]:\nmain.loop(0xc000012345)\n');
  assert.equal(cut.recs[0].truncated, true);
  assert.equal(cut.recs[0].frames[0].func, 'main.loop');
  assert.deepEqual(cut.info.warnings, [
    '1 stack is incomplete: the dump breaks off inside (first: goroutine 9 at line 1); the frames before the break are kept']);
});

test('unknown states and header details are kept, with a warning naming them', async () => {
  const { info, recs } = await fixture('unknown-state.txt');
  assert.deepEqual(recs.map((r) => [r.state, r.waitMinutes]), [['running', 0], ['frobnicating', 9], ['frobnicating', 0], ['chan receive', 2]]);
  assert.deepEqual(info.warnings, [
    '2 goroutines are in a state gotune does not know ("frobnicating" ×2, first at line 5); they are kept with that state',
    'ignored 1 unknown detail in goroutine headers ("quantum entangled" ×1, first at line 17)',
  ]);
});

test('debug=1: header, counts, labels, frames; bare PCs when there are no symbols', async () => {
  const text = [
    'goroutine profile: total 7',
    '4 @ 0x4843ee 0x464cf2 0x5237f7 0x48b5c1',
    '# labels: {"role":"consumer", "esc":"a\\tb"}',
    '#\t0x485904\tinternal/sync.runtime_SemacquireMutex+0x24\t/usr/local/go/src/runtime/sema.go:95',
    '#\t0x5227c7\tmain.waitMutex+0x27\t\t\t\t/app/main.go:45',
    '',
    '3 @ 0x44cb3 0x45045',
    '',
  ].join('\n');
  const { info, recs } = await parse(text);
  assert.equal(info.format, 'debug=1');
  assert.equal(info.declaredTotal, 7);
  assert.equal(info.goroutines, 7);
  assert.equal(info.headline, 'goroutine profile: total 7');
  assert.deepEqual(info.warnings, []);
  assert.equal(recs[0].count, 4);
  assert.deepEqual(recs[0].labels, [['role', 'consumer'], ['esc', 'a\tb']]);
  assert.deepEqual(recs[0].frames[1], { func: 'main.waitMutex', args: '', file: '/app/main.go', line: 45, offset: 0x27, pc: '0x5227c7' });
  assert.deepEqual(recs[1].frames.map((f) => f.pc), ['0x44cb3', '0x45045']);

  const short = await parse('goroutine profile: total 9\n1 @ 0x1\n');
  assert.deepEqual(short.info.warnings, ['the header declares 9 goroutines but 1 were read']);
});

test('lines may come one at a time, and CRLF line ends are accepted', async () => {
  const recs: GoroutineRecord[] = [];
  const p = new DumpParser((r) => recs.push(r));
  for (const l of 'goroutine 3 [sleep]:\r\ntime.Sleep(0x3b9aca00)\r\n\t/go/src/runtime/time.go:195 +0x135\r\n'.split('\n')) {
    p.line(l.replace(/\r$/, ''));
  }
  const info = p.end();
  assert.equal(info.records, 1);
  assert.equal(recs[0].frames[0].line, 195);
  const crlf = await parse('goroutine 3 [sleep]:\r\ntime.Sleep(0x3b9aca00)\r\n\t/go/src/runtime/time.go:195 +0x135\r\n');
  assert.deepEqual(crlf.recs[0].frames, recs[0].frames);
});

test('text that is no dump yields no records and one warning', async () => {
  const { info, recs } = await parse('hello\nworld\n');
  assert.equal(recs.length, 0);
  assert.equal(info.format, 'unknown');
  assert.equal(info.warnings.length, 1);
  const empty = await parse('');
  assert.equal(empty.info.records, 0);
  assert.deepEqual(empty.info.warnings, []);
});
