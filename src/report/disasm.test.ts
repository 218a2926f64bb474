// Unit tests of the -disasm report with a fake ObjTool (the real toolchain
// is compared with go tool pprof in src/cli/source-live.test.ts).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandByName } from '../driver/commands.js';
import { defaultConfig } from '../driver/config.js';
import { makeReport } from '../driver/pipeline.js';
import { generate } from './generate.js';
import type { ObjFile, ObjInst, ObjSymbol, ObjTool, Ui } from '../ports.js';
import { ProfileBuilder } from '../profile/builder.js';
import type { Profile } from '../profile/types.js';
import { parseGoUint } from './disasm.js';

const ui: Ui = { print: () => {}, printErr: () => {}, isTerminal: () => false };
const BASE = 0x400000n;

function profile(): Profile {
  const b = new ProfileBuilder([{ type: 'cpu', unit: 'nanoseconds' }]);
  const m = b.addMapping({ start: BASE, limit: 0x500000n, file: '/bin/app', hasFunctions: true });
  const f = b.fn('main.f', '/src/a.go', 10);
  const g = b.fn('main.g', '/src/b.go', 3);
  const mainFn = b.fn('main.main', '/src/a.go', 30);
  const at = (addr: bigint, fn: typeof f, line: number) => b.addLocation(BASE + addr, m, [{ fn, line, column: 0 }]);
  const A = at(0x1000n, f, 12), B = at(0x1005n, f, 12), C = at(0x1006n, f, 13), D = at(0x2000n, g, 5), E = at(0x3000n, mainFn, 30);
  b.addSample([A, E], [10_000_000]);
  b.addSample([D, B, E], [20_000_000]);
  b.addSample([C, E], [5_000_000]);
  return b.build();
}

const LONG = 'VPTERNLOGQ $0x96, Z1, Z2, Z3 // forty-something chars';
const CODE: Record<string, ObjInst[]> = {
  '1000': [
    { addr: 0x1000n, text: 'MOVQ AX, BX', function: '', file: '/src/a.go', line: 12 },
    { addr: 0x1004n, text: 'JMP 0x1000', function: '', file: '/src/a.go', line: 12 },
    { addr: 0x1006n, text: LONG, function: '', file: '/src/a.go', line: 13 },
    { addr: 0x1010n, text: 'RET', function: '', file: '/src/a.go', line: 13 },
  ],
  '2000': [
    { addr: 0x2000n, text: 'NOP', function: '', file: '', line: 0 },
    { addr: 0x2001n, text: 'RET', function: '', file: '', line: 0 },
  ],
};

function fakeTool(opened: string[]): ObjTool {
  const syms: ObjSymbol[] = [
    { names: ['main.f'], file: '/bin/app', start: 0x1000n, end: 0x1013n },
    { names: ['main.g', 'main.g.alias'], file: '/bin/app', start: 0x2000n, end: 0x200fn },
    { names: ['main.main'], file: '/bin/app', start: 0x3000n, end: 0x300fn },
  ];
  return {
    open(file, start): ObjFile {
      opened.push(file);
      if (file !== '/bin/app') throw new Error(`open ${file}: no such file or directory`);
      return {
        name: file,
        objAddr: (a) => a - start,
        symbols: (rx, addr) => syms.filter((s) => (!rx || rx.test(s.names[0])) && (addr === 0n || (s.start <= addr && addr <= s.end))),
        disasm: (s) => CODE[s.toString(16)] ?? [],
        sourceLines: (addrs) => addrs.map(() => null),
      };
    },
  };
}

function disasm(p: Profile, arg: string, tool: ObjTool): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  const rpt = makeReport(p, { cmd: commandByName('disasm')!, arg }, defaultConfig(), ui);
  const out = generate('disasm', rpt, { obj: tool, warn: (l) => warnings.push(l) });
  return { text: out.kind === 'text' ? out.text : '', warnings };
}

test('disasm puts samples on the instruction that holds their address', () => {
  const opened: string[] = [];
  const { text } = disasm(profile(), 'main\\.[fg]', fakeTool(opened));
  assert.equal(text, [
    'Total: 35ms',
    'ROUTINE ======================== main.f',
    '      15ms       35ms (flat, cum)   100% of Total',
    '      10ms       10ms       1000: MOVQ AX, BX                             ;main.f a.go:12',
    '         .       20ms       1004: JMP 0x1000',
    ' '.repeat(74) + ';main.f a.go:13',
    `       5ms        5ms       1006: ${LONG}`,
    '         .          .       1010: RET                                     ;a.go:13',
    'ROUTINE ======================== main.g',
    '    AKA ======================== main.g.alias',
    '      20ms       20ms (flat, cum) 57.14% of Total',
    '      20ms       20ms       2000: NOP                                     ;main.g b.go:5',
    '         .          .       2001: RET',
    '',
  ].join('\n'));
  assert.deepEqual(opened, ['/bin/app']);
});

test('disasm errors name the regexp or the address, as pprof', () => {
  assert.throws(() => disasm(profile(), 'nothing', fakeTool([])), /^ReportError: no matches found for regexp nothing$/);
  assert.throws(() => disasm(profile(), '0x900000', fakeTool([])), /no matches found for address 0x900000/);
});

test('disasm warns about binaries it cannot open and says how to give one', () => {
  const p = profile();
  p.mappings[0].file = '/gone/app';
  const warnings: string[] = [];
  const rpt = makeReport(p, { cmd: commandByName('disasm')!, arg: 'main' }, defaultConfig(), ui);
  assert.throws(() => generate('disasm', rpt, { obj: fakeTool([]), warn: (l) => warnings.push(l) }), /no matches found for regexp main/);
  assert.equal(warnings[0], 'open /gone/app: no such file or directory');
  assert.match(warnings[1], /the binary that wrote the profile is needed/);
});

test('parseGoUint accepts what strconv.ParseUint(s, 0, 64) accepts', () => {
  assert.equal(parseGoUint('0x4db040'), 0x4db040n);
  assert.equal(parseGoUint('0X4DB_040'), 0x4db040n);
  assert.equal(parseGoUint('123'), 123n);
  assert.equal(parseGoUint('0755'), 0o755n);
  assert.equal(parseGoUint('0o17'), 15n);
  assert.equal(parseGoUint('0b101'), 5n);
  assert.equal(parseGoUint('0'), 0n);
  assert.equal(parseGoUint('0xffffffffffffffff'), (1n << 64n) - 1n);
  for (const bad of ['0x10000000000000000', 'main.fib', '', '0x', '1__0', '_1', '09', '-1']) assert.equal(parseGoUint(bad), null, bad);
});
