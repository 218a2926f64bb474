// The layer table of src/ and the checks it drives: which layer may import
// which, and which may use Node built-ins or npm packages.

import { isBuiltin } from 'node:module';
import { findCycles } from './loops.js';
import type { Problem, Severity } from './problem.js';
import type { FileImports, ImportEdge } from './read-imports.js';

/** LayerRule says what one layer of src/ may import. */
export interface LayerRule {
  /** The layers it may import (itself and CHECKS.alwaysAllowed need no mention), or `{ allBut }`: every layer but those. */
  readonly imports: readonly string[] | { readonly allBut: readonly string[] };
  /** Layers it may import only as types (`import type …`). */
  readonly types?: readonly string[];
  /** Node built-ins (node:*): 'yes', 'types' (`import type` only); unset, none. */
  readonly node?: 'yes' | 'types';
  /** npm packages: allowed when true. */
  readonly npm?: boolean;
  /** Set for the layers on top: the only layers that may import it, besides tests. */
  readonly importedOnlyBy?: readonly string[];
  /** Why the rule holds, quoted in its messages. */
  readonly why?: string;
}

const IO = { node: 'yes', npm: true } as const;

/**
 * LAYERS is the layer table. A layer is the first folder under src/ (two for
 * web/server and web/client); a file directly in src/ is a layer of its own,
 * named after the file (src/ports.ts is `ports`). Keep it acyclic: the check
 * fails on a cycle. Tests (*.test.ts) may import anything.
 */
export const LAYERS: Readonly<Record<string, LayerRule>> = {
  profile: { imports: [], why: 'profile stays pure: the browser runs it too' },
  units: { imports: ['profile'] },
  graph: { imports: ['profile', 'units'] },
  report: { imports: ['profile', 'units', 'graph', 'ports'] },
  goroutine: { imports: ['profile', 'units'] },
  run: { imports: ['ports', 'profile'], why: 'the run-directory model is pure: measure writes it, diagnose and verify read it' },
  fetch: { imports: ['profile', 'ports', 'units', 'goroutine'], ...IO },
  binutils: { imports: ['profile', 'ports'], ...IO },
  measure: { imports: ['fetch', 'profile', 'ports', 'units', 'goroutine', 'run'], ...IO },
  diagnose: { imports: ['profile', 'units', 'graph', 'report', 'goroutine', 'run', 'ports'] },
  benchstat: { imports: [], why: 'benchstat is pure (text in, text out): gotune verify reuses its statistics, and the browser may too' },
  verify: { imports: ['profile', 'units', 'graph', 'report', 'diagnose', 'benchstat', 'run', 'ports'] },
  driver: { imports: ['profile', 'units', 'graph', 'report', 'diagnose', 'benchstat', 'verify', 'goroutine', 'run', 'ports'] },
  node: { imports: ['profile', 'units', 'graph', 'report', 'fetch', 'binutils', 'goroutine', 'run', 'diagnose', 'verify', 'driver', 'ports'], ...IO },
  ports: { imports: [], types: ['profile'], node: 'types', why: 'ports holds interfaces only' },
  'user-error': { imports: [] },
  'web/client': { imports: ['profile', 'units', 'graph', 'report'], npm: true, why: 'web/client runs in the browser' },
  'web/server': { imports: { allBut: ['cli', 'web/client', 'testkit'] }, ...IO, importedOnlyBy: ['cli', 'testkit'] },
  cli: { imports: { allBut: ['testkit'] }, ...IO, importedOnlyBy: ['testkit'] },
  testkit: { imports: { allBut: [] }, ...IO, importedOnlyBy: [] },
};

/** Checks holds the settings of check-imports besides the layer table. */
export interface Checks {
  /** Whether an unused export fails the check; 'error' when unset. */
  readonly unusedExports?: Severity;
  /** Files run directly, whose exports nobody needs to import (workers found through `new URL(…, import.meta.url)` are added on their own). */
  readonly entryPoints: readonly string[];
  /** Layers every layer may import. */
  readonly alwaysAllowed: readonly string[];
}

/** CHECKS is the configuration in use. unusedExports is 'warn' until the dead exports it lists are removed. */
export const CHECKS: Checks = {
  unusedExports: 'error',
  entryPoints: ['src/cli/bin.ts'],
  alwaysAllowed: ['user-error'],
};

/** RULES_FILE is where the table lives, for messages that send the reader to it. */
export const RULES_FILE = 'scripts/imports/rules.ts';

/** isTestFile tells test files (`*.test.ts`), which may import anything. */
export function isTestFile(path: string): boolean {
  return /\.test\.[cm]?tsx?$/.test(path);
}

/** layerOf names the layer of a root-relative path under src/ (undefined outside src/); the name need not be in the table. */
export function layerOf(path: string, table: Readonly<Record<string, LayerRule>> = LAYERS): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  if (parts.length === 2) return parts[1].replace(/(\.test)?\.[cm]?[jt]sx?$/, '');
  const twoLevel = Object.keys(table).some((name) => name.startsWith(`${parts[1]}/`));
  return twoLevel && parts.length > 3 ? `${parts[1]}/${parts[2]}` : parts[1];
}

/** allowedLayers is the set of layers `name` may import, as values or types, not counting itself and checks.alwaysAllowed. */
export function allowedLayers(name: string, table: Readonly<Record<string, LayerRule>>): Set<string> {
  const rule = table[name];
  if (!rule) return new Set();
  const imports = Array.isArray(rule.imports)
    ? rule.imports as readonly string[]
    : Object.keys(table).filter((l) => l !== name && !(rule.imports as { allBut: readonly string[] }).allBut.includes(l));
  return new Set([...imports, ...(rule.types ?? [])]);
}

/** checkTable reports names the table refers to but does not define, and cycles among the layers (imports must point one way). */
export function checkTable(table: Readonly<Record<string, LayerRule>>, checks: Checks): Problem[] {
  const problems: Problem[] = [];
  const problem = (message: string) => problems.push({ file: RULES_FILE, line: undefined, rule: 'rules-table', message, severity: 'error' });
  for (const [name, rule] of Object.entries(table)) {
    const fields: [string, readonly string[]][] = [
      ['imports', Array.isArray(rule.imports) ? rule.imports as readonly string[] : (rule.imports as { allBut: readonly string[] }).allBut],
      ['types', rule.types ?? []],
      ['importedOnlyBy', rule.importedOnlyBy ?? []],
    ];
    for (const [field, list] of fields) {
      for (const other of list) if (!(other in table)) problem(`LAYERS['${name}'].${field} names "${other}", which is not a layer in the table`);
    }
  }
  for (const other of checks.alwaysAllowed) if (!(other in table)) problem(`CHECKS.alwaysAllowed names "${other}", which is not a layer in the table`);
  const cycles = findCycles(Object.keys(table), (name) => [...allowedLayers(name, table), ...checks.alwaysAllowed.filter((l) => l !== name)]);
  for (const cycle of cycles) {
    problem(`the layer table has a cycle, ${[...cycle, cycle[0]].join(' → ')}: imports between layers must point one way; take one of these out of the other's imports`);
  }
  return problems;
}

/** checkLayers reports, for every file under src/ but tests, each import that breaks the table: direction, private layers, types only, Node and npm use, imports from outside src/, and files in layers the table lacks. */
export function checkLayers(files: readonly FileImports[], table: Readonly<Record<string, LayerRule>>, checks: Checks): Problem[] {
  const problems: Problem[] = [];
  const unknown = new Set<string>();
  const nodeLayers = Object.keys(table).filter((l) => table[l].node === 'yes');
  const npmLayers = Object.keys(table).filter((l) => table[l].npm);
  for (const f of files) {
    const from = layerOf(f.path, table);
    if (from === undefined) continue;
    const rule = table[from];
    if (!rule) {
      if (!unknown.has(from)) {
        unknown.add(from);
        const where = f.path.split('/').length === 2 ? f.path : `src/${from}/`;
        problems.push({
          file: f.path, line: undefined, rule: 'unknown-layer', severity: 'error',
          message: `${where} is not in the layer table: add "${from}" with the layers it may import to LAYERS in ${RULES_FILE}`,
        });
      }
      continue;
    }
    if (isTestFile(f.path)) continue;
    const allowed = allowedLayers(from, table);
    const at = (e: ImportEdge, rule: string, message: string) => problems.push({ file: f.path, line: e.line, rule, message, severity: 'error' });
    for (const e of f.imports) {
      if (e.path === undefined) {
        if (e.spec.startsWith('#')) continue; // package.json "imports": the project's own files
        if (e.spec.startsWith('node:') || isBuiltin(e.spec)) {
          if (rule.node === 'yes' || (rule.node === 'types' && e.typeOnly)) continue;
          if (rule.node === 'types') at(e, 'node-import', `${from} may import Node built-ins only as types (import type …), but this imports ${e.spec} as a value`);
          else at(e, 'node-import', `${from} must not import Node built-ins (${rule.why ?? `Node code belongs in ${joinAnd(nodeLayers)}; pass it in through ports`}), but this imports ${e.spec}`);
        } else if (!rule.npm) {
          at(e, 'npm-import', `${from} must not import npm packages (${rule.why ?? `they belong in ${joinAnd(npmLayers)}`}), but this imports ${e.spec}`);
        }
        continue;
      }
      const to = layerOf(e.path, table);
      if (to === undefined) {
        at(e, 'outside-src', `files under src/ must not import files outside it (the package ships src/ alone), but this imports ${e.path}`);
        continue;
      }
      if (to === from || checks.alwaysAllowed.includes(to)) continue;
      const only: readonly string[] | undefined = table[to]?.importedOnlyBy;
      if (only && !only.includes(from)) {
        at(e, 'private-layer', `only ${joinAnd(['tests', ...only])} may import ${to} (it sits on top: nothing below imports it), but this file is in ${from}`);
      } else if (!allowed.has(to)) {
        at(e, 'layer-direction', `${describeAllowed(from, rule, checks)} (${rule.why ?? 'imports point down the pipeline'}), but this imports ${to} (${e.spec})`);
      } else if (!e.typeOnly && rule.types?.includes(to) && !(Array.isArray(rule.imports) && rule.imports.includes(to))) {
        at(e, 'types-only', `${from} may import ${to} only as types (import type …), but this is a value import of ${e.spec}`);
      }
    }
  }
  return problems;
}

/** "x may import only a, b (as types), user-error", or "any layer but …". */
function describeAllowed(from: string, rule: LayerRule, checks: Checks): string {
  if (!Array.isArray(rule.imports)) {
    const but = (rule.imports as { allBut: readonly string[] }).allBut;
    return but.length === 0 ? `${from} may import any layer` : `${from} may import any layer but ${joinAnd(but)}`;
  }
  const list = [...rule.imports as readonly string[], ...(rule.types ?? []).map((t) => `${t} (as types)`), ...checks.alwaysAllowed.filter((l) => l !== from)];
  return list.length === 0 ? `${from} may import no other layer` : `${from} may import only ${list.join(', ')}`;
}

/** "a", "a and b", "a, b and c". */
function joinAnd(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}
