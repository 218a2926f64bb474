// Tests of check-imports on small fixture projects written to a temp dir,
// asserting the exact lines it prints.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkImports } from './check-imports.js';
import { findCycles } from './imports/loops.js';
import { formatProblem } from './imports/problem.js';
import { readProject } from './imports/read-imports.js';
import { CHECKS, checkTable, LAYERS, type Checks, type LayerRule } from './imports/rules.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fixture project: the files given plus a tsconfig.json like the repository's; returns the tsconfig path. */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-imports-'));
  dirs.push(root);
  const tsconfig = {
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: [] },
    include: ['src/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
  };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, 'tsconfig.json');
}

/** The lines check-imports prints for a fixture, keeping only the rules named (all when none are). */
function lines(files: Record<string, string>, rules: readonly string[] = [], table: Readonly<Record<string, LayerRule>> = LAYERS, checks: Checks = CHECKS): string[] {
  return checkImports(fixture(files), table, checks).problems.filter((p) => rules.length === 0 || rules.includes(p.rule)).map(formatProblem);
}

const LAYER_RULES = ['layer-direction', 'private-layer', 'types-only', 'node-import', 'npm-import', 'outside-src', 'unknown-layer'];
const PROFILE = { 'src/profile/p.ts': 'export type A = number;\nexport type B = string;\nexport const b = 1;\nexport type X = boolean;\n' };

test('a value import after `export type A = …` is a value import (the old regex took it for type-only)', () => {
  // The table before run/ and node/: web/client could import report as types only.
  const old = { ...LAYERS, 'web/client': { imports: ['profile'], types: ['report'], npm: true } };
  const files = {
    'src/report/text.ts': 'export function printText(): string { return ""; }\n',
    'src/web/client/view.ts': "export type A = number; import { printText } from '../../report/text.js';\nprintText();\n",
  };
  assert.deepEqual(lines(files, LAYER_RULES, old), [
    'src/web/client/view.ts:1: types-only: web/client may import report only as types (import type …), but this is a value import of ../../report/text.js',
  ]);
  // With today's table, ports is the layer that may import only types.
  assert.deepEqual(lines({ ...PROFILE, 'src/ports.ts': "export type Z = number;\nimport { b } from './profile/p.js';\n" }, LAYER_RULES), [
    'src/ports.ts:2: types-only: ports may import profile only as types (import type …), but this is a value import of ./profile/p.js',
  ]);
});

test('`import { type A, b }` is a value import; every specifier typed, or `import type`, is type-only', () => {
  const tsconfig = fixture({
    ...PROFILE,
    'src/ports.ts': [
      "import { type A, b } from './profile/p.js';",
      "import { type A as A2, type B } from './profile/p.js';",
      "import type { X } from './profile/p.js';",
      "import './profile/p.js';",
      '',
    ].join('\n'),
  });
  const ports = readProject(tsconfig).files.find((f) => f.path === 'src/ports.ts')!;
  assert.deepEqual(ports.imports.map((e) => [e.line, e.typeOnly, e.names]), [[1, false, ['A', 'b']], [2, true, ['A', 'B']], [3, true, ['X']], [4, false, []]]);
  assert.deepEqual(checkImports(tsconfig).problems.filter((p) => LAYER_RULES.includes(p.rule)).map(formatProblem), [
    'src/ports.ts:1: types-only: ports may import profile only as types (import type …), but this is a value import of ./profile/p.js',
    'src/ports.ts:4: types-only: ports may import profile only as types (import type …), but this is a value import of ./profile/p.js',
  ]);
});

test('`export type { X } from` is type-only; `export { X } from` is not', () => {
  const files = { ...PROFILE, 'src/ports.ts': "export type { X } from './profile/p.js';\nexport { type A, b } from './profile/p.js';\nexport { type B } from './profile/p.js';\n" };
  assert.deepEqual(lines(files, LAYER_RULES), [
    'src/ports.ts:2: types-only: ports may import profile only as types (import type …), but this is a value import of ./profile/p.js',
  ]);
});

test('every import form is found, with its line and whether it is type-only', () => {
  const tsconfig = fixture({
    'src/graph/a.ts': [
      "import d, * as ns from './b.js';",
      "export * from './c.js';",
      "export * as all from './c.js';",
      "import eq = require('./b.js');",
      "const w = new Worker(new URL('./worker.js', import.meta.url));",
      "const data = new URL('../../testdata/x.pb.gz', import.meta.url);",
      "export async function f(): Promise<typeof import('./b.js').value> { return (await import('./b.js')).value + ns.other + eq.third; }",
      "type T = import('node:fs').Stats;",
      '',
    ].join('\n'),
    'src/graph/b.ts': 'export default 1;\nexport const value = 1, other = 2, third = 3;\n',
    'src/graph/c.ts': 'export const c = 1;\n',
    'src/graph/worker.ts': 'export {};\n',
  });
  const a = readProject(tsconfig).files.find((f) => f.path === 'src/graph/a.ts')!;
  assert.deepEqual(a.imports.map((e) => `${e.line} ${e.kind}${e.typeOnly ? ' type' : ''} ${e.spec} → ${e.target} ${JSON.stringify(e.names)}`), [
    '1 import ./b.js → src/graph/b.ts ["default","other"]',
    '2 export ./c.js → src/graph/c.ts "all"',
    '3 export ./c.js → src/graph/c.ts "all"',
    '4 import-equals ./b.js → src/graph/b.ts ["third"]',
    '5 url ./worker.js → src/graph/worker.ts []',
    '7 import-type type ./b.js → src/graph/b.ts ["value"]',
    '7 dynamic ./b.js → src/graph/b.ts ["value"]',
    '8 import-type type node:fs → undefined ["Stats"]',
  ]);
  assert.deepEqual(a.exports.map((e) => e.name), ['all', 'f']);
  assert.deepEqual(a.stars.map((s) => [s.target, s.line]), [['src/graph/c.ts', 2]]);
});

test('an import loop inside one folder is reported once, at the import that starts it', () => {
  const files = {
    'src/graph/graph.ts': "import { build } from './builder.js';\nexport const g = build;\n",
    'src/graph/builder.ts': "\nimport type { g } from './graph.js';\nexport const build = 1;\n",
  };
  assert.deepEqual(lines(files, ['import-loop']), [
    'src/graph/builder.ts:2: import-loop: src/graph/builder.ts → src/graph/graph.ts → src/graph/builder.ts: files must not import each other in a circle (type-only and dynamic imports count too); move what they share into a file below both',
  ]);
});

test('an import loop across folders is reported, and so is the import that points up', () => {
  const files = {
    'src/graph/a.ts': "import { u } from '../units/u.js';\nexport const a = u;\n",
    'src/units/u.ts': "import { a } from '../graph/a.js';\nexport const u = 1;\nexport const v = a;\n",
  };
  assert.deepEqual(lines(files, ['import-loop', 'layer-direction']), [
    'src/graph/a.ts:1: import-loop: src/graph/a.ts → src/units/u.ts → src/graph/a.ts: files must not import each other in a circle (type-only and dynamic imports count too); move what they share into a file below both',
    'src/units/u.ts:1: layer-direction: units may import only profile, user-error (imports point down the pipeline), but this imports graph (../graph/a.js)',
  ]);
});

test('a loop through a dynamic import() counts, and each cycle of a tangle is reported', () => {
  const files = {
    'src/cli/main.ts': [
      'export interface CliIo { out: string }',
      "export async function main(): Promise<void> { await (await import('./goroutines.js')).run(); }",
      "export async function other(): Promise<void> { const { go } = await import('./measure.js'); go(); }",
      '',
    ].join('\n'),
    'src/cli/goroutines.ts': "import type { CliIo } from './main.js';\nexport async function run(io?: CliIo): Promise<void> {}\n",
    'src/cli/measure.ts': "import type { CliIo } from './main.js';\nexport function go(io?: CliIo): void {}\n",
  };
  assert.deepEqual(lines(files, ['import-loop']), [
    'src/cli/goroutines.ts:1: import-loop: src/cli/goroutines.ts → src/cli/main.ts → src/cli/goroutines.ts: files must not import each other in a circle (type-only and dynamic imports count too); move what they share into a file below both',
    'src/cli/main.ts:3: import-loop: src/cli/main.ts → src/cli/measure.ts → src/cli/main.ts: files must not import each other in a circle (type-only and dynamic imports count too); move what they share into a file below both',
  ]);
});

test('tests are not part of the loop graph', () => {
  const files = {
    'src/graph/a.ts': "export const a = 1;\n",
    'src/graph/a.test.ts': "import { a } from './a.js';\nexport const t = a;\n",
  };
  assert.deepEqual(lines(files), []);
});

test('profile may use neither Node built-ins nor npm packages', () => {
  const files = {
    'src/profile/p.ts': "import { readFileSync } from 'node:fs';\nimport { join } from 'path';\nimport fc from 'fast-check';\nimport type { Stats } from 'node:fs';\n",
    'src/profile/p.test.ts': "import { readFileSync } from 'node:fs';\n",
  };
  assert.deepEqual(lines(files, LAYER_RULES), [
    'src/profile/p.ts:1: node-import: profile must not import Node built-ins (profile stays pure: the browser runs it too), but this imports node:fs',
    'src/profile/p.ts:2: node-import: profile must not import Node built-ins (profile stays pure: the browser runs it too), but this imports path',
    'src/profile/p.ts:3: npm-import: profile must not import npm packages (profile stays pure: the browser runs it too), but this imports fast-check',
    'src/profile/p.ts:4: node-import: profile must not import Node built-ins (profile stays pure: the browser runs it too), but this imports node:fs',
  ]);
});

test('web/client may use npm packages but no Node built-ins; ports may use Node types only', () => {
  const files = {
    'src/web/client/draw.ts': "import { x } from 'some-chart-lib';\nimport { readFileSync } from 'node:fs';\n",
    'src/ports.ts': "import type { Stats } from 'node:fs';\nimport { statSync } from 'node:fs';\n",
    'src/graph/g.ts': "import { join } from 'node:path';\n",
  };
  assert.deepEqual(lines(files, LAYER_RULES), [
    'src/graph/g.ts:1: node-import: graph must not import Node built-ins (Node code belongs in fetch, binutils, measure, node, web/server, cli and testkit; pass it in through ports), but this imports node:path',
    'src/ports.ts:2: node-import: ports may import Node built-ins only as types (import type …), but this imports node:fs as a value',
    'src/web/client/draw.ts:2: node-import: web/client must not import Node built-ins (web/client runs in the browser), but this imports node:fs',
  ]);
});

test('nothing but tests and testkit imports cli/; only cli imports web/server', () => {
  const files = {
    'src/cli/main.ts': "import { serve } from '../web/server/serve.js';\nexport const main = serve;\n",
    'src/cli/main.test.ts': "import { main } from './main.js';\n",
    'src/testkit/run.ts': "import { main } from '../cli/main.js';\n",
    'src/driver/d.ts': "import { main } from '../cli/main.js';\n",
    'src/web/server/serve.ts': "import type { main } from '../../cli/main.js';\nexport const serve = 1;\n",
    'src/web/client/c.ts': "import type { serve } from '../server/serve.js';\n",
  };
  assert.deepEqual(lines(files, LAYER_RULES), [
    'src/driver/d.ts:1: private-layer: only tests and testkit may import cli (it sits on top: nothing below imports it), but this file is in driver',
    'src/web/client/c.ts:1: private-layer: only tests, cli and testkit may import web/server (it sits on top: nothing below imports it), but this file is in web/client',
    'src/web/server/serve.ts:1: private-layer: only tests and testkit may import cli (it sits on top: nothing below imports it), but this file is in web/server',
  ]);
});

test('a type-only import obeys the direction rules; every layer may import user-error', () => {
  const files = {
    'src/user-error.ts': 'export class UserError extends Error {}\n',
    'src/profile/p.ts': "import { UserError } from '../user-error.js';\nimport type { G } from '../graph/g.js';\n",
    'src/graph/g.ts': 'export type G = number;\n',
  };
  assert.deepEqual(lines(files, LAYER_RULES), [
    'src/profile/p.ts:2: layer-direction: profile may import only user-error (profile stays pure: the browser runs it too), but this imports graph (../graph/g.js)',
  ]);
});

test('a folder the table lacks is named once, with where to add it', () => {
  const files = { 'src/foo/a.ts': "export const a = 1;\n", 'src/foo/b.ts': "import { a } from './a.js';\n", 'src/util.ts': 'export {};\n' };
  assert.deepEqual(lines(files, LAYER_RULES), [
    'src/foo/a.ts: unknown-layer: src/foo/ is not in the layer table: add "foo" with the layers it may import to LAYERS in scripts/imports/rules.ts',
    'src/util.ts: unknown-layer: src/util.ts is not in the layer table: add "util" with the layers it may import to LAYERS in scripts/imports/rules.ts',
  ]);
});

test('a cyclic layer table, or one naming a layer it lacks, fails with the cycle spelled out', () => {
  const table = { ...LAYERS, profile: { imports: ['graph'] }, units: { imports: ['profile', 'unitz'] } };
  assert.deepEqual(checkTable(table, CHECKS).map(formatProblem), [
    `scripts/imports/rules.ts: rules-table: LAYERS['units'].imports names "unitz", which is not a layer in the table`,
    "scripts/imports/rules.ts: rules-table: the layer table has a cycle, graph → profile → graph: imports between layers must point one way; take one of these out of the other's imports",
    "scripts/imports/rules.ts: rules-table: the layer table has a cycle, graph → units → profile → graph: imports between layers must point one way; take one of these out of the other's imports",
  ]);
  assert.deepEqual(checkTable(LAYERS, CHECKS), []);
});

test('findCycles: a self-loop, two cycles through one node, and none in a DAG', () => {
  const g: Record<string, string[]> = { a: ['a', 'b'], b: ['c', 'd'], c: ['b'], d: ['b', 'e'], e: [] };
  assert.deepEqual(findCycles(Object.keys(g), (n) => g[n]), [['a'], ['b', 'c'], ['b', 'd']]);
  assert.deepEqual(findCycles(['x', 'y'], (n) => (n === 'x' ? ['y'] : [])), []);
});

test('unused exports: found, severity from the config; names read through namespaces, destructured or awaited import()', () => {
  const files = {
    'src/graph/a.ts': 'export const used = 1;\nexport const unused = 2;\nexport interface Shape { x: number }\nexport default 3;\n',
    'src/graph/b.ts': 'export const viaNs = 1;\nexport const notViaNs = 2;\n',
    'src/graph/c.ts': 'export const awaited = 1;\nexport const destructured = 2;\nexport const neither = 3;\n',
    'src/graph/d.ts': 'export const anything = 1;\n',
    'src/graph/user.ts': [
      "import { used } from './a.js';",
      "import * as ns from './b.js';",
      'export async function f(): Promise<number> {',
      "  const { destructured } = await import('./c.js');",
      "  const m = import('./d.js');",
      "  return used + ns.viaNs + (await import('./c.js')).awaited + destructured + (await m).anything;",
      '}',
      '',
    ].join('\n'),
    'src/graph/user.test.ts': "import { f } from './user.js';\n",
  };
  const errors = { ...CHECKS, unusedExports: 'error' as const };
  assert.deepEqual(lines(files, ['unused-export'], LAYERS, errors), [
    'src/graph/a.ts:2: unused-export: unused is exported, but no other file imports it; drop the export (or the code, if nothing uses it)',
    'src/graph/a.ts:3: unused-export: type Shape is exported, but no other file imports it; drop the export (or the code, if nothing uses it)',
    'src/graph/a.ts:4: unused-export: default is exported, but no other file imports it; drop the export (or the code, if nothing uses it)',
    'src/graph/b.ts:2: unused-export: notViaNs is exported, but no other file imports it; drop the export (or the code, if nothing uses it)',
    'src/graph/c.ts:3: unused-export: neither is exported, but no other file imports it; drop the export (or the code, if nothing uses it)',
  ]);
  const { unusedExports: _, ...unset } = CHECKS;
  assert.equal(checkImports(fixture(files), LAYERS, unset).problems.filter((p) => p.severity === 'error').length, 5, 'unset means error');
  assert.deepEqual(lines({ 'src/graph/a.ts': 'export const lone = 1;\n' }, ['unused-export'], LAYERS, { ...CHECKS, unusedExports: 'warn' }), [
    'src/graph/a.ts:1: warning: unused-export: lone is exported, but no other file imports it; drop the export (or the code, if nothing uses it)',
  ]);
});

test('an export used only through a re-export is used; the re-export itself must be imported', () => {
  const base = {
    'src/graph/a.ts': 'export const x = 1;\nexport const y = 2;\n',
    'src/graph/index.ts': "export { x } from './a.js';\nexport { y as why } from './a.js';\n",
  };
  const errors = { ...CHECKS, unusedExports: 'error' as const };
  assert.deepEqual(lines({ ...base, 'scripts/s.ts': "import { x, why } from '../src/graph/index.js';\n" }, ['unused-export'], LAYERS, errors), []);
  assert.deepEqual(lines({ ...base, 'bench/b.ts': "import { x } from '../src/graph/index.js';\n" }, ['unused-export'], LAYERS, errors), [
    'src/graph/index.ts:2: unused-export: why is re-exported from ./a.js, but no other file imports it from here; drop the re-export',
  ]);
});

test('entry points are exempt: bin.ts, worker files, and export * passes names through', () => {
  const files = {
    'src/cli/bin.ts': 'export const bin = 1;\n',
    'src/cli/pool.ts': "export const w = new Worker(new URL('./worker.js', import.meta.url));\n",
    'src/cli/worker.ts': 'export const inWorker = 1;\n',
    'src/graph/a.ts': 'export const x = 1;\nexport const y = 2;\n',
    'src/graph/index.ts': "export * from './a.js';\n",
    'src/graph/g.test.ts': "import { w } from '../cli/pool.js';\nimport { x } from './index.js';\n",
  };
  assert.deepEqual(lines(files, ['unused-export'], LAYERS, { ...CHECKS, unusedExports: 'error' }), [
    'src/graph/index.ts:1: unused-export: y is re-exported from ./a.js, but no other file imports it from here; drop the re-export',
  ]);
});

test('the script prints `check-imports: ok (N files, M imports)` and exits 0, or one line per problem and exits 1', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'check-imports.js');
  const ok = spawnSync(process.execPath, [script, fixture({ 'src/profile/p.ts': 'export const p = 1;\n', 'src/units/u.ts': "import { p } from '../profile/p.js';\n" })], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, 'check-imports: ok (2 files, 1 imports)\n');
  const bad = spawnSync(process.execPath, [script, fixture({ 'src/profile/p.ts': "import 'node:fs';\n" })], { encoding: 'utf8' });
  assert.equal(bad.status, 1, bad.stderr);
  // The compiler's server shares our stderr: keep only the lines the script printed.
  const ours = bad.stderr.split('\n').filter((l) => /^(src\/|check-imports: )/.test(l));
  assert.deepEqual(ours, [
    'src/profile/p.ts:1: node-import: profile must not import Node built-ins (profile stays pure: the browser runs it too), but this imports node:fs',
    'check-imports: 1 error(s) (1 files, 1 imports)',
  ]);
});
