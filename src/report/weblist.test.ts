// Unit tests of the -weblist data and page with a fake ObjTool and
// SourceReader (src/cli/source-live.test.ts compares with go tool pprof).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandByName } from '../driver/commands.js';
import { defaultConfig } from '../driver/config.js';
import { makeReport } from '../driver/pipeline.js';
import type { ObjFrame, ObjInst, ObjTool, SourceReader, Ui } from '../ports.js';
import { ProfileBuilder } from '../profile/builder.js';
import type { Profile } from '../profile/types.js';
import { indentation, makeWebList, rightPad } from './weblist.js';
import { escapeHtml, webListHtml } from './weblist-html.js';

const ui: Ui = { print: () => {}, printErr: () => {}, isTerminal: () => false };

function profile(): Profile {
  const b = new ProfileBuilder([{ type: 'cpu', unit: 'nanoseconds' }]);
  const m = b.addMapping({ start: 0x400000n, limit: 0x500000n, file: '/bin/app', hasFunctions: true });
  const f = b.fn('main.f', '/src/a.go', 10);
  const g = b.fn('main.g', '/src/a.go', 3);
  const l1 = b.addLocation(0x401000n, m, [{ fn: g, line: 4, column: 0 }, { fn: f, line: 12, column: 0 }]);
  const l2 = b.addLocation(0x401008n, m, [{ fn: f, line: 13, column: 0 }]);
  b.addSample([l1], [10_000_000]);
  b.addSample([l2], [5_000_000]);
  return b.build();
}

const inst = (addr: bigint, text: string): ObjInst => ({ addr, text, function: '', file: '', line: 0 });
const INSTS = [inst(0x401000n, 'MOVQ AX, BX'), inst(0x401004n, 'NOP'), inst(0x401008n, 'RET'), inst(0x401010n, 'JMP 0x401000'), inst(0x401014n, 'INT3')];
const inlined: ObjFrame[] = [{ func: 'main.g', file: '/src/a.go', line: 4 }, { func: 'main.f', file: '/src/a.go', line: 12 }];
const POSITIONS: Record<string, ObjFrame[] | null> = {
  '401000': inlined,
  '401004': inlined,
  '401008': [{ func: 'main.f', file: '/src/a.go', line: 13 }],
  '401010': [{ func: 'main.f', file: '/src/a.go', line: 12 }],
  '401014': null,
};

function tool(ranges: string[], fail = false): ObjTool {
  return {
    open(file) {
      if (fail) throw new Error(`open ${file}: no such file or directory`);
      return {
        name: file,
        objAddr: (a) => a,
        symbols: () => [],
        disasm: (s, e) => {
          ranges.push(`${s.toString(16)}-${e.toString(16)}`);
          return INSTS.filter((i) => i.addr >= s && i.addr < e);
        },
        sourceLines: (addrs) => addrs.map((a) => POSITIONS[a.toString(16)] ?? null),
      };
    },
  };
}

const reader: SourceReader = {
  read: (file) => (file === '/src/a.go'
    ? { ok: true, path: file, lines: Array.from({ length: 20 }, (_, i) => `\tline ${i + 1}`) }
    : { ok: false, error: 'missing', tried: [] }),
};

function weblist(p: Profile, t: ObjTool) {
  const rpt = makeReport(p, { cmd: commandByName('weblist')!, arg: 'main\\.f' }, defaultConfig(), ui);
  return makeWebList(rpt, t, reader, () => {});
}

test('weblist files instructions under their source lines, inlined calls first', () => {
  const ranges: string[] = [];
  const data = weblist(profile(), tool(ranges));
  assert.deepEqual(ranges, ['400e0c-4011fc'], 'one range: the addresses, 500 bytes either side');
  assert.equal(data.total, '15ms');
  assert.equal(data.files.length, 1);
  const [fn] = data.files[0];
  assert.deepEqual({ ...fn, lines: undefined }, { name: 'main.f', file: '/src/a.go', flat: '15ms', cum: '15ms', percent: '  100%', lines: undefined });
  assert.deepEqual(fn.lines.map((l) => `${l.line} ${l.htmlClass} ${l.flat} ${l.cum}`), [
    '7 nop . .', '8 nop . .', '9 nop . .', '10 nop . .', '11 nop . .',
    '12 livesrc 10ms 10ms', '13 livesrc 5ms 5ms',
    '14 nop . .', '15 nop . .', '16 nop . .', '17 nop . .', '18 nop . .',
  ]);
  const l12 = fn.lines[5].instructions;
  assert.deepEqual(l12.map((i) => [i.address.toString(16), i.flat, i.cum, i.newBlock, i.fileLine, i.disasm.trim()]), [
    ['401000', '10ms', '10ms', false, 'a.go:4', 'MOVQ AX, BX'],
    ['401004', '.', '.', false, 'a.go:4', 'NOP'],
    ['401010', '.', '.', true, 'a.go:12', 'JMP 0x401000'],
    // No position known: it takes the line of the instruction just before.
    ['401014', '.', '.', false, '', 'INT3'],
  ]);
  assert.equal(l12[0].disasm, rightPad(' '.repeat(8 + 4 + 4) + 'MOVQ AX, BX', 80));
  assert.deepEqual(l12[0].inlinedCalls, [{ srcLine: rightPad(' '.repeat(12) + 'line 4', 80), fileBase: 'a.go', line: 4 }]);
  assert.deepEqual(l12[1].inlinedCalls, [], 'the same inlined call is shown once');
});

test('weblist without the binary shows lines without instructions', () => {
  const data = weblist(profile(), tool([], true));
  const [fn] = data.files[0];
  const live = fn.lines.filter((l) => l.htmlClass !== 'nop');
  assert.deepEqual(live.map((l) => `${l.line} ${l.htmlClass} ${l.flat} ${l.cum}`), ['12 livesrc 10ms 10ms', '13 deadsrc 5ms 5ms']);
  assert.deepEqual(live[0].instructions.map((i) => i.synthetic), [true], 'an inlined call is shown, with no instruction');
});

test('weblist page: escaped text, legend, pprof\'s columns', () => {
  const html = webListHtml(weblist(profile(), tool([])), 'app <x>', ['File: app', 'Type: cpu']);
  assert.match(html, /<title>app &lt;x&gt;<\/title>/);
  assert.match(html, /<div class="legend">File: app<br>\nType: cpu<br>Total: 15ms<\/div><h2>main\.f<\/h2>/);
  assert.ok(html.includes('\n  Total:        15ms       15ms (flat, cum)   100%\n'));
  assert.ok(html.includes('<span class=line>     12</span> <span class=livesrc>        10ms       10ms           \tline 12 </span><span class=asm>'));
  assert.ok(html.includes('\n                                     ⋮\n                   .          .   401010: '));
  assert.equal(escapeHtml(`<a href="x">&'`), '&lt;a href=&#34;x&#34;&gt;&amp;&#39;');
  assert.equal(indentation('\t  x'), 10);
  assert.equal(rightPad('a\tb', 10), 'a       b ');
});
