// The top report's "(inline)" marks, where GraphBuilder proves some of them
// from per-location sums instead of counting edges: on random profiles full
// of inline chains, each mark must equal what pprof's own definition gives,
// recomputed here the slow way (every edge of every sample, then the cutoff).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { WorkerPool } from '../node/parallel-pool.js';
import { randomProfile } from '../testkit/random-profile.js';
import { encodeRawProfile, type RawProfile } from '../testkit/raw-profile.js';
import { runCli } from '../testkit/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gotune-inline-'));
const pool = new WorkerPool({ minWork: 0 });
after(() => {
  pool.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * expectedMarks follows pprof's definition for the shown function nodes:
 * walk every sample from the root over each location's frames (outermost
 * first), skipping frames of nodes not shown; each sample adds its weight
 * once to each distinct caller→callee pair; a pair is inline when every
 * addition reached the callee at a frame that is not its location's
 * outermost; pairs lighter than the cutoff are dropped.
 */
function expectedMarks(profiles: { p: RawProfile; sign: number }[], shown: Set<string>, edgeFraction: number): Map<string, string> {
  const edges = new Map<string, { w: number; inline: boolean }>();
  let total = 0;
  for (const { p, sign } of profiles) {
    const name = (fnId: number) => p.strings[p.functions[fnId - 1].name];
    for (const s of p.samples) {
      const w = sign * s.values[1];
      if (w === 0) continue;
      total += w;
      const seen = new Set<string>();
      let parent: string | null = null;
      for (let i = s.locationIds.length - 1; i >= 0; i--) {
        const lines = p.locations[s.locationIds[i] - 1].lines;
        for (let ni = lines.length - 1; ni >= 0; ni--) {
          const n = name(lines[ni].functionId);
          if (!shown.has(n)) continue;
          if (parent !== null && n !== parent && !seen.has(parent + '>' + n)) {
            const key = parent + '>' + n;
            seen.add(key);
            const e = edges.get(key) ?? { w: 0, inline: true };
            e.w += w;
            if (ni !== lines.length - 1) {
              // inline addition: leaves the flag as it is
            } else {
              e.inline = false;
            }
            edges.set(key, e);
          }
          parent = n;
        }
      }
    }
  }
  const cutoff = Math.abs(Math.trunc(total * edgeFraction));
  const marks = new Map<string, { inline: boolean; noinline: boolean }>();
  for (const [key, e] of edges) {
    if (Math.abs(e.w) < cutoff) continue;
    const callee = key.slice(key.indexOf('>') + 1);
    const m = marks.get(callee) ?? { inline: false, noinline: false };
    if (e.inline) m.inline = true;
    else m.noinline = true;
    marks.set(callee, m);
  }
  const out = new Map<string, string>();
  for (const n of shown) {
    const m = marks.get(n);
    out.set(n, !m || !m.inline ? '' : m.noinline ? '(partial-inline)' : '(inline)');
  }
  return out;
}

/** printedMarks reads each row's function name and mark from -top output. */
function printedMarks(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const rows = text.split('\n');
  const start = rows.findIndex((l) => l.trim().startsWith('flat'));
  for (const row of rows.slice(start + 1)) {
    const f = row.trim().split(/\s+/);
    if (f.length < 6) continue;
    out.set(f[5], f[6] ?? '');
  }
  return out;
}

const fractions: [number, number][] = [[0, 0], [0.005, 0.001], [0.02, 0.01], [0.05, 0.05], [0.1, 0.2], [0.3, 0.001], [0.4, 0.3]];

for (let seed = 1; seed <= 80; seed++) {
  test(`top report inline marks match pprof's definition (random profile ${seed})`, async () => {
    const p = randomProfile(seed);
    const file = join(dir, `p${seed}.pb`);
    writeFileSync(file, encodeRawProfile(p));
    const base = randomProfile(seed + 1000);
    const baseFile = join(dir, `b${seed}.pb`);
    writeFileSync(baseFile, encodeRawProfile(base));
    const [nf, ef] = fractions[seed % fractions.length];
    // Some cases diff against a base: negative weights turn the proof off.
    const diff = seed % 5 === 0;
    const args = ['pprof', '-top', `-nodefraction=${nf}`, `-edgefraction=${ef}`, ...(diff ? [`-diff_base=${baseFile}`] : []), file];
    const r = await runCli(args, { parallel: seed % 3 === 0 ? pool : undefined });
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const printed = printedMarks(r.stdout.toString());
    assert.ok(printed.size > 0, 'some rows');
    const profiles = diff ? [{ p, sign: 1 }, { p: base, sign: -1 }] : [{ p, sign: 1 }];
    const want = expectedMarks(profiles, new Set(printed.keys()), ef);
    assert.deepEqual(printed, want);
  });
}

/**
 * chainProfile: ten locations, each one sample weighing a tenth, with n
 * inlined into a distinct caller (preceded by extra copies of n): with
 * -nodefraction=0.15 every caller is dropped, so n is shown and has no
 * caller left at all — its mark must be empty, however heavy its chains.
 */
function chainProfile(innerCopies: number): RawProfile {
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds', 'main.go', 'main.n'];
  const functions = [{ id: 1, name: 6, filename: 5 }];
  const locations = [];
  const samples = [];
  for (let i = 0; i < 10; i++) {
    strings.push(`main.caller${i}`);
    functions.push({ id: i + 2, name: strings.length - 1, filename: 5 });
    const lines = [];
    for (let k = 0; k < innerCopies; k++) lines.push({ functionId: 1, line: 1 + k });
    lines.push({ functionId: i + 2, line: 100 });
    locations.push({ id: i + 1, lines });
    samples.push({ locationIds: [i + 1], values: [1, 1000] });
  }
  return { sampleTypes: [[1, 2], [3, 4]], samples, mappings: [], locations, functions, strings };
}

for (const copies of [1, 2]) {
  test(`an inlined function whose callers are all dropped has no mark (${copies} inline frame${copies > 1 ? 's' : ''})`, async () => {
    const p = chainProfile(copies);
    const file = join(dir, `chain${copies}.pb`);
    writeFileSync(file, encodeRawProfile(p));
    const r = await runCli(['pprof', '-top', '-nodefraction=0.15', '-edgefraction=0.05', file]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const printed = printedMarks(r.stdout.toString());
    assert.deepEqual([...printed], [['main.n', '']]);
    assert.deepEqual(printed, expectedMarks([{ p, sign: 1 }], new Set(printed.keys()), 0.05));
  });
}

// Past the edges pass's trial of 4096 samples, on two threads: both ways
// of finding the samples to walk (scanning first, or walking all).
const bigCases: [number, number, number, boolean][] = [[501, 0.3, 0.001, false], [502, 0, 0, false], [503, 0.01, 0.02, true], [504, 0.005, 0.05, true]];
for (const [seed, nf, ef, disjoint] of bigCases) {
  test(`inline marks on a profile of 12000 samples (seed ${seed})`, async () => {
    const p = randomProfile(seed, 12_000, disjoint, disjoint ? [60, 600, seed === 504 ? 0.03 : 0.5] : undefined);
    const file = join(dir, `big${seed}.pb`);
    writeFileSync(file, encodeRawProfile(p));
    const r = await runCli(['pprof', '-top', `-nodefraction=${nf}`, `-edgefraction=${ef}`, file], { parallel: pool });
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const printed = printedMarks(r.stdout.toString());
    assert.deepEqual(printed, expectedMarks([{ p, sign: 1 }], new Set(printed.keys()), ef));
  });
}
