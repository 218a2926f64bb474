// Checks the direction of imports between the layers of src/ (see
// ../shared/guide/ARCHITECTURE.md); run inside `npm test`. Each violation is
// printed with the rule it broke, and the exit status is 1.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What each layer may import (besides itself). `node` allows node:* modules. */
const ALLOWED: Record<string, string[]> = {
  profile: [],
  units: ['profile'],
  graph: ['profile', 'units'],
  report: ['profile', 'units', 'graph', 'ports'],
  fetch: ['profile', 'ports', 'node'],
  binutils: ['profile', 'ports', 'node'],
  goroutine: ['profile', 'units'],
  measure: ['fetch', 'profile', 'ports', 'units', 'goroutine', 'node'],
  diagnose: ['profile', 'units', 'graph', 'report', 'goroutine'],
  verify: ['profile', 'units', 'graph', 'report', 'diagnose'],
  driver: ['profile', 'units', 'graph', 'report', 'diagnose', 'verify', 'goroutine', 'ports'],
  ports: ['profile'],
  cli: ['profile', 'units', 'graph', 'report', 'fetch', 'binutils', 'goroutine', 'measure', 'diagnose', 'verify', 'driver', 'ports', 'web/server', 'node'],
  'web/server': ['profile', 'units', 'graph', 'report', 'fetch', 'goroutine', 'diagnose', 'verify', 'driver', 'ports', 'node'],
  'web/client': ['profile'],
  testkit: ['*'],
};

/** Layers that nothing but tests (and the CLI's own entry) may import. */
const PRIVATE = new Set(['cli', 'web/server', 'web/client', 'testkit']);

const WHY: Record<string, string> = {
  profile: 'src/profile must stay pure (no node:*, no other layer) so the browser can use it',
  'web/client': 'web/client draws what the server computed: it imports only profile code and types',
};

function layerOf(srcRoot: string, file: string): string {
  const rel = relative(srcRoot, file).split(sep);
  if (rel.length === 1) return rel[0].replace(/\.ts$/, '');
  if (rel[0] === 'web' && rel.length > 2) return `web/${rel[1]}`;
  return rel[0];
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
}

/** importsOf lists module specifiers of static, re-export and dynamic imports. */
export function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const re = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[4]) out.push({ spec: m[4], typeOnly: false });
    else out.push({ spec: m[3], typeOnly: !!m[2] });
  }
  return out;
}

/** checkImports returns one message per violation under srcRoot. */
export function checkImports(srcRoot: string): string[] {
  const files: string[] = [];
  walk(srcRoot, files);
  const problems: string[] = [];
  for (const file of files) {
    const isTest = file.endsWith('.test.ts');
    const from = layerOf(srcRoot, file);
    const allowed = ALLOWED[from];
    const text = readFileSync(file, 'utf8');
    const rel = relative(resolve(srcRoot, '..'), file);
    if (!allowed) {
      problems.push(`${rel}: unknown layer "${from}" — add it to scripts/check-imports.ts with its allowed imports`);
      continue;
    }
    for (const { spec, typeOnly } of importsOf(text)) {
      if (spec.startsWith('node:') || !spec.startsWith('.')) {
        if (isTest || allowed.includes('*') || allowed.includes('node')) continue;
        if (from === 'ports' && typeOnly) continue;
        problems.push(`${rel}: imports "${spec}", but ${WHY[from] ?? `layer ${from} may not use Node or npm modules`}`);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      const to = layerOf(srcRoot, target);
      if (to === from) continue;
      if (PRIVATE.has(to) && !isTest && from !== 'testkit' && !(from === 'cli' && to === 'web/server')) {
        problems.push(`${rel}: imports ${to}/ — nothing but tests may import cli/, web/ or test helpers`);
        continue;
      }
      if (isTest || allowed.includes('*')) continue;
      if (from === 'web/client' && to === 'report' && typeOnly) continue;
      if (!allowed.includes(to)) {
        problems.push(`${rel}: imports ${to}/, but ${WHY[from] ?? `${from}/ may import only ${allowed.filter((a) => a !== 'node').join(', ') || 'itself'}`} (imports point down the pipeline)`);
      }
    }
  }
  return problems;
}

// Run when executed directly (dist/scripts/check-imports.js).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
  const problems = checkImports(root);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(`check-imports: ${problems.length} import(s) break the layering`);
    process.exitCode = 1;
  } else {
    console.log('check-imports: ok');
  }
}
