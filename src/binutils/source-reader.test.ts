// Tests of the source resolver on a made-up file tree: pprof's search order
// and messages, then GOROOT, the module cache, vendor/ and module roots.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import type { SourceText } from '../ports.js';
import { escapeModulePath, goDirs, moduleDirective } from './go-env.js';
import { goPlaces, localSourceReader, pprofPlaces, scanLines, splitModuleVersion, trimSourcePath } from './source-reader.js';

const root = mkdtempSync(join(tmpdir(), 'gotune-src-'));
after(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, text: string): string {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const goroot = join(root, 'goroot');
const modcache = join(root, 'modcache');
put('goroot/src/runtime/proc.go', 'package runtime\n');
put('modcache/github.com/!big!corp/lib@v1.2.3/x.go', 'package lib // cache\n');
put('proj/go.mod', 'module example.com/proj // the module\n\ngo 1.22\n');
put('proj/cmd/app/main.go', 'package main\n');
put('proj/vendor/github.com/BigCorp/lib/x.go', 'package lib // vendored\n');
put('other/pkg/file.go', 'line1\r\nline2\n\nlast');

function reader(cwd: string) {
  let goEnvCalls = 0;
  const r = localSourceReader({
    env: { HOME: root },
    cwd: () => cwd,
    goEnv: (names) => {
      goEnvCalls++;
      assert.deepEqual(names, ['GOROOT', 'GOMODCACHE']);
      return [goroot, modcache];
    },
  });
  return { r, calls: () => goEnvCalls };
}

function found(t: SourceText): string {
  assert.ok(t.ok, t.ok ? '' : `${t.error}\n${t.tried.join('\n')}`);
  return t.ok ? t.path : '';
}

test('scanLines splits like bufio.ScanLines', () => {
  assert.deepEqual(scanLines(new TextEncoder().encode('a\r\nb\n\nc')), ['a', 'b', '', 'c']);
  assert.deepEqual(scanLines(new TextEncoder().encode('a\n')), ['a']);
  assert.deepEqual(scanLines(new Uint8Array(0)), []);
  const long = 'x'.repeat(70 * 1024);
  assert.deepEqual(scanLines(new TextEncoder().encode(`a\n${long}\nb\n`)), ['a'], 'the scanner stops at a too-long line');
});

test('trimSourcePath follows pprof: -trim_path, the search dir base name, /proc/self/cwd', () => {
  assert.equal(trimSourcePath('/build/x/proj/a/b.go', '', '/home/me/proj'), 'a/b.go');
  assert.equal(trimSourcePath('/build/x/proj/a/b.go', '/build/x', '/home/me/proj'), 'proj/a/b.go');
  assert.equal(trimSourcePath('/build/x/a.go', '/nope:/build/x/', ''), 'a.go');
  assert.equal(trimSourcePath('/proc/self/cwd/./a.go', '', ''), 'a.go');
  assert.equal(trimSourcePath('/abs/a.go', '', '/other'), '/abs/a.go');
});

test('pprofPlaces tries each search dir and then its parents', () => {
  assert.deepEqual(pprofPlaces('a/b.go', '/x/y:rel/dir'), ['/x/y/a/b.go', '/x/a/b.go', '/a/b.go', 'rel/dir/a/b.go', 'rel/a/b.go', 'a/b.go']);
});

test('relative paths are found under -source_path or its parents, as pprof', () => {
  const { r, calls } = reader(join(root, 'proj'));
  assert.equal(found(r.read('pkg/file.go', { searchPath: join(root, 'other', 'deep'), trimPath: '' })), join(root, 'other', 'pkg', 'file.go'));
  const t = r.read('other/pkg/file.go', { searchPath: root, trimPath: '' });
  assert.ok(t.ok);
  assert.deepEqual(t.ok && t.lines, ['line1', 'line2', '', 'last']);
  assert.equal(calls(), 0, 'go env is not run when pprof\'s search finds the file');
});

test('a missing file gives pprof\'s message and every place tried', () => {
  const { r } = reader(join(root, 'other'));
  const rel = r.read('nowhere/x.go', { searchPath: '/nonexistent-dir', trimPath: '' });
  assert.ok(!rel.ok);
  assert.equal(!rel.ok && rel.error, 'could not find file nowhere/x.go on path /nonexistent-dir');
  assert.deepEqual(!rel.ok && rel.tried.slice(0, 2), ['/nonexistent-dir/nowhere/x.go', '/nowhere/x.go']);
  const abs = r.read('/nonexistent-dir/x.go', { searchPath: '', trimPath: '' });
  assert.equal(!abs.ok && abs.error, 'open /nonexistent-dir/x.go: no such file or directory');
  assert.equal(!abs.ok && abs.tried[0], '/nonexistent-dir/x.go');
});

test('standard library files are found in GOROOT, recorded absolute or -trimpath relative', () => {
  const { r, calls } = reader(join(root, 'other'));
  const search = { searchPath: '', trimPath: '' };
  assert.equal(found(r.read('/opt/ci-go/src/runtime/proc.go', search)), join(goroot, 'src/runtime/proc.go'));
  assert.equal(found(r.read('runtime/proc.go', search)), join(goroot, 'src/runtime/proc.go'));
  assert.equal(found(r.read('$GOROOT/src/runtime/proc.go', search)), join(goroot, 'src/runtime/proc.go'));
  assert.equal(calls(), 1, 'go env runs once');
});

test('module files are found in the module cache with !-escaping, in vendor/ and in the module', () => {
  const { r } = reader(join(root, 'proj', 'cmd'));
  const search = { searchPath: '', trimPath: '' };
  // -trimpath records module@version/file for dependencies.
  assert.equal(found(r.read('github.com/BigCorp/lib@v1.2.3/x.go', search)), join(modcache, 'github.com/!big!corp/lib@v1.2.3/x.go'));
  // A path into another machine's module cache.
  assert.equal(found(r.read('/home/ci/go/pkg/mod/github.com/!big!corp/lib@v1.2.3/x.go', search)), join(modcache, 'github.com/!big!corp/lib@v1.2.3/x.go'));
  // The main module, recorded module-relative by -trimpath or absolute on another machine.
  assert.equal(found(r.read('example.com/proj/cmd/app/main.go', search)), join(root, 'proj/cmd/app/main.go'));
  assert.equal(found(r.read('/ci/src/example.com/proj/cmd/app/main.go', search)), join(root, 'proj/cmd/app/main.go'));
  // vendor/ of the current module.
  assert.equal(found(r.read('/ci/build/vendor/github.com/BigCorp/lib/x.go', search)), join(root, 'proj/vendor/github.com/BigCorp/lib/x.go'));
});

test('vendor/ is used when the module cache does not have the version', () => {
  const { r } = reader(join(root, 'proj'));
  const t = r.read('github.com/BigCorp/lib@v9.9.9/x.go', { searchPath: '', trimPath: '' });
  assert.equal(found(t), join(root, 'proj/vendor/github.com/BigCorp/lib/x.go'));
});

test('without Go, only pprof\'s places are searched and nothing breaks', () => {
  const r = localSourceReader({ env: { HOME: root }, cwd: () => root, goEnv: () => null });
  const t = r.read('runtime/proc.go', { searchPath: '', trimPath: '' });
  assert.ok(!t.ok);
  assert.equal(!t.ok && t.error, `could not find file runtime/proc.go on path ${root}`);
  assert.ok(!t.ok && !t.tried.some((p) => p.includes('goroot')), 'GOROOT is unknown');
});

test('go-env helpers', () => {
  assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
  assert.equal(moduleDirective('// c\nmodule "example.com/q"\n'), 'example.com/q');
  assert.equal(moduleDirective('go 1.22\n'), '');
  assert.deepEqual(goDirs({ GOROOT: '/g', GOMODCACHE: '/m' }, () => assert.fail('no go env needed')), { goroot: '/g', modcache: '/m' });
  assert.deepEqual(goDirs({ GOPATH: '/gp:/other', HOME: '/h' }, () => null), { goroot: null, modcache: '/gp/pkg/mod' });
  assert.deepEqual(splitModuleVersion('github.com/A/b@v1.0.0/c/d.go'), { module: 'github.com/A/b', version: 'v1.0.0', rest: 'c/d.go' });
  assert.equal(splitModuleVersion('runtime/proc.go'), null);
  assert.deepEqual(goPlaces('runtime/proc.go', 'runtime/proc.go', { dirs: { goroot: '/g', modcache: null }, modules: [] }), ['/g/src/runtime/proc.go']);
});
