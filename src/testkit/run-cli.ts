// Test helpers: run the CLI in-process with captured output, find the
// repository and the shared corpus, and show text differences readably.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../cli/main.js';
import type { Parallel } from '../profile/parallel.js';

/** CliResult is what one run of the CLI produced. */
export interface CliResult {
  code: number;
  stdout: Buffer;
  stderr: string[];
}

/** runCli runs `gotune <argv>` in this process (with the given helper thread, if any). */
export async function runCli(argv: string[], opts: { parallel?: Parallel } = {}): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (d) => { out.push(Buffer.from(d)); },
    stderr: (l) => err.push(l),
    isTerminal: false,
    parallel: opts.parallel,
  });
  return { code, stdout: Buffer.concat(out), stderr: err };
}

/** repoRoot is the repository root (works from src/ and dist/src/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** corpusDir is ../shared/corpus/google-pprof, or null when absent. */
export function corpusDir(): string | null {
  const d = resolve(repoRoot(), '..', 'shared', 'corpus', 'google-pprof');
  return existsSync(d) ? d : null;
}

/** profilesDir holds the committed test profiles. */
export function profilesDir(): string {
  return join(repoRoot(), 'testdata', 'profiles');
}

/** firstDifferences describes where two texts differ (a few lines of context). */
export function firstDifferences(want: string, got: string, max = 8): string {
  const a = want.split('\n');
  const b = got.split('\n');
  const out: string[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n && out.length < max * 3; i++) {
    if (a[i] !== b[i]) {
      out.push(`line ${i + 1}:`, `  want: ${JSON.stringify(a[i] ?? '<missing>')}`, `  got:  ${JSON.stringify(b[i] ?? '<missing>')}`);
    }
  }
  return out.join('\n');
}

/** stripBuildId removes the "Build ID:" header line, which may differ by design. */
export function stripBuildId(s: string): string {
  return s.replace(/^Build ID: .*\n/m, '');
}
