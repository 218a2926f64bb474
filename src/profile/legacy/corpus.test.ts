// Checks every legacy profile of the shared pprof corpus against pprof's own
// String() dump of it (the .string file next to it).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseProfile } from '../parse.js';
import { profileToText } from '../text.js';
import { parseLegacy } from './index.js';

// The .string files carry no "Time:" line (legacy formats have no
// timestamp), so they do not depend on the time zone.

// dist/src/profile/legacy → repo root is four levels up.
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..', '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus', 'google-pprof', 'profile');

/** firstDifferences describes where two texts diverge, with a little context. */
function firstDifferences(want: string, got: string, context = 3, maxShown = 12): string {
  const w = want.split('\n');
  const g = got.split('\n');
  let i = 0;
  while (i < w.length && i < g.length && w[i] === g[i]) i++;
  const out = [`first difference at line ${i + 1} (want ${w.length} lines, got ${g.length})`];
  for (let k = Math.max(0, i - context); k < i; k++) out.push(`  ${w[k]}`);
  for (let k = i; k < Math.min(i + maxShown, Math.max(w.length, g.length)); k++) {
    if (w[k] === g[k]) {
      out.push(`  ${w[k]}`);
      continue;
    }
    if (k < w.length) out.push(`- ${w[k]}`);
    if (k < g.length) out.push(`+ ${g[k]}`);
  }
  return out.join('\n');
}

// The files pprof's own TestParse checks; any other .string file found is added.
const KNOWN = [
  'cppbench.contention', 'cppbench.cpu', 'cppbench.growth', 'cppbench.heap', 'cppbench.thread',
  'cppbench.thread.all', 'cppbench.thread.none', 'go.crc32.cpu', 'go.godoc.thread', 'gobench.cpu',
  'gobench.heap', 'java.contention', 'java.cpu', 'java.heap',
];
const found = existsSync(corpusDir)
  ? readdirSync(corpusDir).filter((f) => f.endsWith('.string')).map((f) => f.slice(0, -'.string'.length))
  : [];
const cases = [...new Set([...KNOWN, ...found])].sort();

for (const name of cases) {
  test(`corpus ${name} matches pprof's String()`, (t) => {
    const file = join(corpusDir, name);
    if (!existsSync(file) || !existsSync(file + '.string')) {
      t.skip(`corpus absent: ${file}`);
      return;
    }
    const data = new Uint8Array(readFileSync(file));
    const want = readFileSync(file + '.string', 'utf8');
    const r = parseLegacy(data);
    assert.ok(r.profile, `${name}: ${r.error ? r.error.message : 'not recognised as a legacy profile'}`);
    const got = profileToText(r.profile);
    if (got !== want) assert.fail(`${name}:\n${firstDifferences(want, got)}`);
    // The same through the public entry point (proto decoding fails first).
    assert.equal(profileToText(parseProfile(data)), want);
  });
}
