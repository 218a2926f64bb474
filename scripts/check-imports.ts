// Checks the imports of src/ (run inside `npm test`): layer direction and
// purity (scripts/imports/rules.ts), import loops, and unused exports.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLoops } from './imports/loops.js';
import { compareProblems, formatProblem, type Problem } from './imports/problem.js';
import { readProject } from './imports/read-imports.js';
import { CHECKS, checkLayers, checkTable, isTestFile, LAYERS, type Checks, type LayerRule } from './imports/rules.js';
import { checkUnusedExports } from './imports/unused-exports.js';

/** CheckResult is what checkImports found: the problems (errors and warnings) and how much it read. */
export interface CheckResult {
  readonly problems: readonly Problem[];
  /** Source files read (src/, scripts/, bench/: whatever tsconfig.json includes). */
  readonly files: number;
  /** Imports of every form found in them. */
  readonly imports: number;
}

/** checkImports reads the project of tsconfigPath with the TypeScript parser and runs every check on it. */
export function checkImports(
  tsconfigPath: string,
  table: Readonly<Record<string, LayerRule>> = LAYERS,
  checks: Checks = CHECKS,
): CheckResult {
  const { files } = readProject(tsconfigPath);
  const library = (p: string) => p.startsWith('src/') && !isTestFile(p);
  const problems = [
    ...checkTable(table, checks),
    ...checkLayers(files, table, checks),
    ...checkLoops(files, library),
    ...checkUnusedExports(files, { severity: checks.unusedExports ?? 'error', checked: library, entryPoints: checks.entryPoints }),
  ].sort(compareProblems);
  return { problems, files: files.length, imports: files.reduce((n, f) => n + f.imports.length, 0) };
}

/** main checks the project (the tsconfig.json given, or the repository's), prints one line per problem and sets the exit status. */
function main(argv: readonly string[]): number {
  const tsconfig = argv[0] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tsconfig.json');
  const { problems, files, imports } = checkImports(tsconfig);
  for (const p of problems) console.error(formatProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = `${files} files, ${imports} imports`;
  if (errors > 0) {
    console.error(`check-imports: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''} (${counts})`);
    return 1;
  }
  if (warnings > 0) console.error(`check-imports: ${warnings} warning(s); set to 'warn' in scripts/imports/rules.ts (CHECKS)`);
  console.log(`check-imports: ok (${counts})`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
