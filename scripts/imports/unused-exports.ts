// Finds exports that no other file imports: dead API to drop (or, if nothing
// uses it inside the file either, dead code).

import type { Problem, Severity } from './problem.js';
import type { ExportedName, FileImports } from './read-imports.js';

/** UnusedExportOptions says which files to check and how loudly. */
export interface UnusedExportOptions {
  readonly severity: Severity;
  /** Files whose exports are checked (the others only count as users). */
  readonly checked: (path: string) => boolean;
  /** Files run directly: exempt as a whole. Files started through `new URL(…, import.meta.url)` are exempt too. */
  readonly entryPoints: readonly string[];
}

/**
 * checkUnusedExports reports each export of a checked file that no other file
 * imports by name. A re-export (`export { x } from`, `export *`) is a use of
 * the name it re-exports and is itself an export that someone must import.
 * An import whose names cannot be told (a namespace passed around, an
 * `import()` not destructured) uses every export of its target.
 */
export function checkUnusedExports(files: readonly FileImports[], options: UnusedExportOptions): Problem[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const entry = new Set(options.entryPoints);
  const used = new Map<string, Set<string> | 'all'>();
  for (const f of files) {
    for (const e of f.imports) {
      if (e.target === undefined || e.target === f.path) continue;
      if (e.kind === 'url') entry.add(e.target);
      const set = used.get(e.target) ?? new Set<string>();
      if (set === 'all' || e.names === 'all') {
        used.set(e.target, 'all');
        continue;
      }
      for (const n of e.names) set.add(n);
      used.set(e.target, set);
    }
  }
  const memo = new Map<string, Map<string, ExportedName>>();
  const exportsOf = (path: string, visiting: Set<string>): Map<string, ExportedName> => {
    const done = memo.get(path);
    if (done) return done;
    const f = byPath.get(path);
    const out = new Map((f?.exports ?? []).map((e) => [e.name, e]));
    if (!f || visiting.has(path)) return out;
    visiting.add(path);
    for (const s of f.stars) {
      for (const name of exportsOf(s.target, visiting).keys()) {
        // `export *` leaves out default, and a name the file declares itself wins.
        if (name !== 'default' && !out.has(name)) out.set(name, { name, line: s.line, from: s.spec });
      }
    }
    visiting.delete(path);
    memo.set(path, out);
    return out;
  };
  const problems: Problem[] = [];
  for (const f of files) {
    if (!options.checked(f.path) || entry.has(f.path)) continue;
    const set = used.get(f.path);
    if (set === 'all') continue;
    for (const e of exportsOf(f.path, new Set()).values()) {
      if (set?.has(e.name)) continue;
      const what = `${e.isType ? 'type ' : ''}${e.name}`;
      problems.push({
        file: f.path, line: e.line, rule: 'unused-export', severity: options.severity,
        message: e.from === undefined
          ? `${what} is exported, but no other file imports it; drop the export (or the code, if nothing uses it)`
          : `${what} is re-exported from ${e.from}, but no other file imports it from here; drop the re-export`,
      });
    }
  }
  return problems;
}
