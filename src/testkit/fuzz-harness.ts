// Test helper: the profile-decoder fuzzer's inputs and its oracle. Input i
// of a run is a pure function of (seed, i), so any failure replays alone.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { inflateBounded } from '../fetch/gzip.js';
import { decodeProfile } from '../profile/decode.js';
import { encodeProfile } from '../profile/encode.js';
import { ProfileError } from '../profile/errors.js';
import type { ZoneInfo } from '../profile/gotime.js';
import { parseProfile } from '../profile/parse.js';
import { profileToText } from '../profile/text.js';
import type { LabelSet, Profile } from '../profile/types.js';
import { hexDump, mixSeed, mutate, Rng } from './mutate.js';
import { corpusDir, firstDifferences, profilesDir } from './run-cli.js';

/** FUZZ_MAX_DECOMPRESSED is the inflate limit the fuzzer passes to parseProfile. */
export const FUZZ_MAX_DECOMPRESSED = 64 << 20;

/** FuzzSeed is one starting input: a real profile, uncompressed. */
export interface FuzzSeed {
  name: string;
  data: Uint8Array;
}

/**
 * loadSeeds reads testdata/profiles/*.pb.gz (gunzipped) and the files of
 * the shared corpus's fuzz/ folder; `notes` says what was skipped and why.
 */
export function loadSeeds(): { seeds: FuzzSeed[]; notes: string[] } {
  const seeds: FuzzSeed[] = [];
  const notes: string[] = [];
  const pd = profilesDir();
  for (const f of readdirSync(pd).sort()) {
    if (f.endsWith('.pb.gz')) seeds.push({ name: `testdata/${f}`, data: new Uint8Array(gunzipSync(readFileSync(join(pd, f)))) });
  }
  const cd = corpusDir();
  const fz = cd === null ? null : join(cd, 'fuzz');
  if (fz === null || !existsSync(fz)) {
    notes.push('shared corpus google-pprof/fuzz not found next to the repository: fuzzing testdata profiles only');
  } else {
    // The *.pb files are pprof's own fuzz corpus; crash-* and empty are seeds it kept too.
    for (const f of readdirSync(fz).sort()) {
      const p = join(fz, f);
      if (!statSync(p).isFile()) continue;
      const b = readFileSync(p);
      seeds.push({ name: `corpus/fuzz/${f}`, data: new Uint8Array(b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b) });
    }
  }
  return { seeds, notes };
}

/** FuzzInput is one generated input and how it was made. */
interface FuzzInput {
  index: number;
  recipe: string;
  data: Uint8Array;
}

/**
 * makeInput builds input `index` of the run seeded with `seed`: mostly
 * mutated seeds (sometimes gzipped, sometimes with the gzip bytes mutated),
 * some plain seeds, and some purely random buffers.
 */
export function makeInput(seed: number, index: number, seeds: FuzzSeed[]): FuzzInput {
  const rng = new Rng(mixSeed(seed, index));
  const roll = rng.below(100);
  if (roll < 8 || seeds.length === 0) {
    const len = rng.chance(0.8) ? rng.below(512) : rng.below(64 << 10);
    return { index, recipe: `random ${len} bytes`, data: rng.bytes(len) };
  }
  const base = rng.pick(seeds);
  const other = () => rng.pick(seeds).data;
  if (roll < 11) return { index, recipe: `${base.name} unchanged`, data: base.data };
  if (roll < 16) {
    // Corrupt the compressed form: the inflater must fail cleanly.
    const gz = new Uint8Array(gzipSync(base.data));
    const m = mutate(rng, gz, () => gz);
    return { index, recipe: `gzip(${base.name}) then ${m.steps.join('; ')}`, data: m.data };
  }
  const m = mutate(rng, base.data, other);
  if (roll < 24) {
    return { index, recipe: `${base.name}: ${m.steps.join('; ')}; then gzip`, data: new Uint8Array(gzipSync(m.data)) };
  }
  return { index, recipe: `${base.name}: ${m.steps.join('; ')}`, data: m.data };
}

/** UTC renders times without depending on the machine's zone. */
const UTC: ZoneInfo = () => ({ offsetMinutes: 0, abbrev: 'UTC' });

const KINDS = new Set(['empty', 'truncated', 'malformed', 'invalid', 'unsupported', 'unrecognized', 'too-large', 'incompatible']);

/** CheckResult is the verdict on one input. */
interface CheckResult {
  /** 'ok' decoded, 'rejected' a ProfileError, or the problem found. */
  outcome: 'ok' | 'rejected' | 'problem';
  problem?: string;
  /** The ProfileError kind, when rejected. */
  kind?: string;
  parseMs: number;
}

function errorDetail(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  return `non-Error thrown: ${String(e)}`;
}

// Internal consistency of a decoded profile: indexes in range, arrays sized.
function structureProblem(p: Profile): string | null {
  const s = p.samples;
  if (s.nValues !== p.sampleTypes.length) return `samples.nValues ${s.nValues} != ${p.sampleTypes.length} sample types`;
  if (s.values.length !== s.count * s.nValues) return `values has ${s.values.length} entries for ${s.count}x${s.nValues}`;
  if (s.stackStart.length !== s.count + 1 || s.stackStart[s.count] !== s.locs.length) return 'stackStart does not end at locs.length';
  for (let i = 0; i < s.count; i++) {
    if (s.stackStart[i] > s.stackStart[i + 1]) return `stackStart decreases at sample ${i}`;
    if (s.labels[i] >= s.labelSets.length) return `sample ${i} has label set ${s.labels[i]} of ${s.labelSets.length}`;
  }
  for (let j = 0; j < s.locs.length; j++) if (s.locs[j] >= p.locations.length) return `locs[${j}] = ${s.locs[j]} of ${p.locations.length} locations`;
  for (let i = 0; i < s.values.length; i++) if (!Number.isSafeInteger(s.values[i])) return `value ${s.values[i]} is not an exact integer`;
  return null;
}

// What pprof's own encode → decode loses, and gotune with it: a label value
// that is "" is written as string index 0, i.e. absent, so the label goes;
// a numeric label 0 with unit "" goes the same way, and a "" unit is
// dropped (units are then padded with "" as the decoder does).
function lossyLabels(ls: LabelSet): LabelSet {
  const out: LabelSet = { str: new Map(), num: new Map(), numUnits: new Map() };
  for (const [k, vs] of ls.str) {
    const kept = vs.filter((v) => v !== '');
    if (kept.length > 0) out.str.set(k, kept);
  }
  for (const [k, vs] of ls.num) {
    const us = ls.numUnits.get(k) ?? [];
    const nums: number[] = [];
    let units: string[] | null = null;
    vs.forEach((v, i) => {
      const u = us[i] ?? '';
      if (v === 0 && u === '') return;
      if (u !== '') {
        units ??= [];
        while (units.length < nums.length) units.push('');
        units.push(u);
      }
      nums.push(v);
    });
    if (nums.length === 0) continue;
    out.num.set(k, nums);
    if (units !== null) {
      const u: string[] = units;
      while (u.length < nums.length) u.push('');
      out.numUnits.set(k, u);
    }
  }
  return out;
}

/** expectedAfterRoundTrip is p as pprof's encode → decode would return it. */
function expectedAfterRoundTrip(p: Profile): Profile {
  return { ...p, samples: { ...p.samples, labelSets: p.samples.labelSets.map(lossyLabels) } };
}

/**
 * checkInput parses data as the CLI does and judges it: a Profile or a
 * ProfileError with a one-line message is fine; any other exception, a
 * parse slower than limitMs, a broken structure, or a decode → encode →
 * decode round trip whose profileToText differs from what pprof's would
 * be (expectedAfterRoundTrip) is a problem.
 */
export function checkInput(data: Uint8Array, limitMs: number): CheckResult {
  const t0 = performance.now();
  let p: Profile;
  try {
    p = parseProfile(data, { inflate: inflateBounded, maxDecompressedBytes: FUZZ_MAX_DECOMPRESSED });
  } catch (e) {
    const parseMs = performance.now() - t0;
    if (!(e instanceof ProfileError)) return { outcome: 'problem', problem: `threw ${errorDetail(e)}`, parseMs };
    if (!KINDS.has(e.kind)) return { outcome: 'problem', problem: `ProfileError of unknown kind ${JSON.stringify(e.kind)}`, parseMs };
    if (e.message === '' || /[\r\n]/.test(e.message)) {
      return { outcome: 'problem', problem: `ProfileError message is not one line: ${JSON.stringify(e.message)}`, parseMs };
    }
    if (parseMs > limitMs) return { outcome: 'problem', problem: `parse took ${parseMs.toFixed(0)} ms (limit ${limitMs})`, parseMs };
    return { outcome: 'rejected', kind: e.kind, parseMs };
  }
  const parseMs = performance.now() - t0;
  if (parseMs > limitMs) return { outcome: 'problem', problem: `parse took ${parseMs.toFixed(0)} ms (limit ${limitMs})`, parseMs };
  try {
    const bad = structureProblem(p);
    if (bad) return { outcome: 'problem', problem: `decoded profile is inconsistent: ${bad}`, parseMs };
    const want = profileToText(expectedAfterRoundTrip(p), UTC);
    const q = roundTrip(p);
    if (typeof q === 'string') return { outcome: 'problem', problem: q, parseMs };
    const got = profileToText(q, UTC);
    if (got !== want) return { outcome: 'problem', problem: `round trip changed profileToText:\n${firstDifferences(want, got, 4)}`, parseMs };
    // A second trip must change nothing at all.
    const q2 = roundTrip(q);
    if (typeof q2 === 'string') return { outcome: 'problem', problem: `second round trip: ${q2}`, parseMs };
    const got2 = profileToText(q2, UTC);
    if (got2 !== got) return { outcome: 'problem', problem: `second round trip changed profileToText:\n${firstDifferences(got, got2, 4)}`, parseMs };
  } catch (e) {
    return { outcome: 'problem', problem: `checking the decoded profile threw ${errorDetail(e)}`, parseMs };
  }
  return { outcome: 'ok', parseMs };
}

// encodeProfile then decodeProfile; a string says what failed.
function roundTrip(p: Profile): Profile | string {
  let enc: Uint8Array;
  try {
    enc = encodeProfile(p);
  } catch (e) {
    return `encodeProfile threw ${errorDetail(e)}`;
  }
  try {
    return decodeProfile(enc);
  } catch (e) {
    return `decodeProfile rejected encodeProfile's output: ${errorDetail(e)}`;
  }
}

/** describeFailure is the report for a failing input: how to replay it and its bytes. */
export function describeFailure(seed: number, input: FuzzInput, problem: string, savedTo: string | null): string {
  return [
    `fuzz input #${input.index} (GOTUNE_FUZZ_SEED=${seed} GOTUNE_FUZZ_ONLY=${input.index}) failed:`,
    `  ${problem.split('\n').join('\n  ')}`,
    `  made by: ${input.recipe}`,
    savedTo ? `  input saved to ${savedTo}` : '',
    hexDump(input.data, 256),
  ].filter((l) => l !== '').join('\n');
}
