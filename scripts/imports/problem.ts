// One broken rule found by check-imports, and how it is printed: one line,
// `file:line: rule: sentence`, so that editors can jump to it.

/** Severity says whether a problem fails the check ('error') or is only printed ('warn'). */
export type Severity = 'error' | 'warn';

/** Problem is one broken rule: where, which rule (a short id) and a sentence saying what is wrong. */
export interface Problem {
  /** The file, relative to the project root with / separators. */
  readonly file: string;
  /** The 1-based line of the import (or export) at fault; undefined when the whole file is meant. */
  readonly line: number | undefined;
  readonly rule: string;
  readonly message: string;
  readonly severity: Severity;
}

/** formatProblem prints a problem as one line: `file:line: rule: message`, with `warning: ` before the rule for warnings. */
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `${where}: ${p.severity === 'warn' ? 'warning: ' : ''}${p.rule}: ${p.message}`;
}

/** compareProblems orders problems by file, then line, then rule, then message. */
export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  if (la !== lb) return la - lb;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
