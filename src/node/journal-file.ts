// The journal on disk: the project a verification belongs to (the nearest
// directory upward with .git or go.mod, else the current one), its Git
// commit and whether the tree is dirty (git, when there is one), and
// .gotune/journal.jsonl, created on the first append.

import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fsMessage } from '../fetch/file.js';
import { UserError } from '../user-error.js';
import type { GitState } from '../verify/journal.js';

/** projectRoot is the nearest directory at or above cwd holding .git or go.mod, else cwd. */
export function projectRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, 'go.mod'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** journalPath is where the journal of the project around cwd lives. */
export function journalPath(cwd: string): string {
  return join(projectRoot(cwd), '.gotune', 'journal.jsonl');
}

/**
 * gitState is HEAD's commit and whether the work tree has changes (the
 * project's own .gotune/ aside: the journal is not the code), or null
 * outside a repository or without git.
 */
export function gitState(dir: string): GitState | null {
  const git = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const commit = git(['rev-parse', 'HEAD']).trim();
    if (!/^[0-9a-f]{7,64}$/.test(commit)) return null;
    return { commit, dirty: git(['status', '--porcelain', '--', ':(top)', ':(exclude).gotune']).trim() !== '' };
  } catch {
    return null; // not a repository, no commit yet, or no git on PATH
  }
}

/** journalName is how the journal names a run directory: relative to the project when inside it, else absolute. */
export function journalName(root: string, dir: string): string {
  const full = resolve(dir);
  const rel = relative(root, full);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : full;
}

/** appendJournal adds one line to the journal file, creating its folder when missing. */
export function appendJournal(file: string, entry: object): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, JSON.stringify(entry) + '\n');
  } catch (e) {
    throw new UserError(`${file}: cannot write the journal: ${fsMessage(e)}`, 1);
  }
}

/** readJournal returns the journal's text, or null when there is none yet. */
export function readJournal(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`${file}: cannot read the journal: ${fsMessage(e)}`);
  }
}
