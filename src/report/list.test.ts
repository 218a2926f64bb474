// Unit tests of the -list report on a small profile built in code, with a
// fake SourceReader (real profiles are covered by the golden suite).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandByName } from '../driver/commands.js';
import { defaultConfig } from '../driver/config.js';
import { makeReport } from '../driver/pipeline.js';
import { generate } from './generate.js';
import type { SourceReader, SourceSearch, SourceText, Ui } from '../ports.js';
import { ProfileBuilder } from '../profile/builder.js';
import type { Profile } from '../profile/types.js';

const ui: Ui = { print: () => {}, printErr: () => {}, isTerminal: () => false };

function profile(): Profile {
  const b = new ProfileBuilder([{ type: 'cpu', unit: 'nanoseconds' }]);
  const m = b.addMapping({ start: 0x1000n, limit: 0x9000n, file: '/bin/app', hasFunctions: true });
  const f = b.fn('main.f', '/src/app/a.go', 10);
  const g = b.fn('main.g', '/src/app/b.go', 3);
  const mainFn = b.fn('main.main', '/src/app/a.go', 30);
  const l1 = b.addLocation(0x1010n, m, [{ fn: f, line: 12, column: 0 }]);
  const l2 = b.addLocation(0x1020n, m, [{ fn: g, line: 5, column: 0 }, { fn: f, line: 14, column: 0 }]);
  const l3 = b.addLocation(0x1030n, m, [{ fn: mainFn, line: 32, column: 0 }]);
  b.addSample([l1, l3], [10_000_000]);
  b.addSample([l2, l3], [30_000_000]);
  b.addSample([l3], [5_000_000]);
  return b.build();
}

function fakeReader(files: Record<string, string[]>, calls: string[]): SourceReader {
  return {
    read(file: string, search: SourceSearch): SourceText {
      calls.push(`${file}|${search.searchPath}|${search.trimPath}`);
      const lines = files[file];
      if (lines) return { ok: true, path: file, lines };
      return { ok: false, error: `open ${file}: no such file or directory`, tried: [file, '/elsewhere/' + file] };
    },
  };
}

function list(p: Profile, arg: string, reader: SourceReader, cfg = defaultConfig()): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  const rpt = makeReport(p, { cmd: commandByName('list')!, arg }, cfg, ui);
  const out = generate('list', rpt, { sources: reader, warn: (l) => warnings.push(l) });
  assert.equal(out.kind, 'text');
  return { text: out.kind === 'text' ? out.text : '', warnings };
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

test('list shows the function from its start line to 5 lines past the last sample', () => {
  const calls: string[] = [];
  const { text, warnings } = list(profile(), '^main\\.f$', fakeReader({ '/src/app/a.go': lines(40) }, calls));
  assert.equal(text, [
    'Total: 45ms',
    'ROUTINE ======================== main.f in /src/app/a.go',
    '      10ms       40ms (flat, cum) 88.89% of Total',
    '         .          .     10:line 10',
    '         .          .     11:line 11',
    '      10ms       10ms     12:line 12',
    '         .          .     13:line 13',
    '         .       30ms     14:line 14',
    '         .          .     15:line 15',
    '         .          .     16:line 16',
    '         .          .     17:line 17',
    '         .          .     18:line 18',
    '         .          .     19:line 19',
    '',
  ].join('\n'));
  assert.deepEqual(warnings, []);
  assert.deepEqual(calls, ['/src/app/a.go||'], 'one read per file, with the search settings');
});

test('list stops at the end of the file and sorts functions by name', () => {
  const { text } = list(profile(), 'main\\.(g|main)', fakeReader({ '/src/app/a.go': lines(33), '/src/app/b.go': lines(6) }, []));
  assert.equal(text, [
    'Total: 45ms',
    'ROUTINE ======================== main.g in /src/app/b.go',
    '      30ms       30ms (flat, cum) 66.67% of Total',
    '         .          .      3:line 3',
    '         .          .      4:line 4',
    '      30ms       30ms      5:line 5',
    '         .          .      6:line 6',
    'ROUTINE ======================== main.main in /src/app/a.go',
    '       5ms       45ms (flat, cum)   100% of Total',
    '         .          .     30:line 30',
    '         .          .     31:line 31',
    '       5ms       45ms     32:line 32',
    '         .          .     33:line 33',
    '',
  ].join('\n'));
});

test('list prints pprof\'s error line and warns with the places tried', () => {
  const { text, warnings } = list(profile(), '^main\\.f$', fakeReader({}, []));
  assert.equal(text, [
    'Total: 45ms',
    'ROUTINE ======================== main.f in /src/app/a.go',
    '      10ms       40ms (flat, cum) 88.89% of Total',
    ' Error: open /src/app/a.go: no such file or directory',
    '',
  ].join('\n'));
  assert.deepEqual(warnings, ['/src/app/a.go: source not found; looked in:', '  /src/app/a.go', '  /elsewhere//src/app/a.go']);
});

test('list passes -source_path and -trim_path, trimming the shown name as pprof does', () => {
  const calls: string[] = [];
  const cfg = { ...defaultConfig(), source_path: '/home/me/app', trim_path: '/src' };
  const { text } = list(profile(), '^main\\.g$', fakeReader({ 'app/b.go': lines(6) }, calls), cfg);
  assert.match(text, /ROUTINE =+ main\.g in app\/b\.go\n/);
  assert.deepEqual(calls, ['app/b.go|/home/me/app|/src']);
});

test('list says when a function has no file and when nothing matches', () => {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  const l = b.addLocation(0x10n, null, [{ fn: b.fn('memcpy'), line: 0, column: 0 }]);
  b.addSample([l], [3]);
  const { text } = list(b.build(), 'memcpy', fakeReader({}, []));
  assert.equal(text, 'Total: 3\nNo source information for memcpy\n');
  assert.throws(() => list(profile(), 'nothing', fakeReader({}, [])), /no matches found for regexp: nothing/);
});
