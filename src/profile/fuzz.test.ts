// Bounded fuzzing of the profile decoder in CI: mutated real profiles and
// random bytes must decode to a Profile (which then round-trips through
// encodeProfile) or be rejected with a ProfileError — never another
// exception, never a hang. GOTUNE_FUZZ_SEED / GOTUNE_FUZZ_RUNS widen a
// local run; GOTUNE_FUZZ_ONLY=i replays one input in this thread.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { main } from '../cli/main.js';
import { inflateBounded } from '../fetch/gzip.js';
import { checkInput, describeFailure, FUZZ_MAX_DECOMPRESSED, loadSeeds, makeInput, type FuzzSeed } from '../testkit/fuzz-harness.js';
import type { FuzzWorkerData, FuzzWorkerMessage } from '../testkit/fuzz-worker.js';
import { encodeVarint } from '../testkit/mutate.js';
import { encodeRawProfile, smallCpuProfile } from '../testkit/raw-profile.js';
import { ProfileError } from './errors.js';
import { parseProfile } from './parse.js';
import type { Profile } from './types.js';

function envInt(name: string, def: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}=${v}: want a non-negative integer`);
  return n;
}

const SEED = envInt('GOTUNE_FUZZ_SEED', 0x6f7475);
const RUNS = envInt('GOTUNE_FUZZ_RUNS', 2000);
const ONLY = process.env.GOTUNE_FUZZ_ONLY;
/** A single parse slower than this fails the run. */
const LIMIT_MS = envInt('GOTUNE_FUZZ_LIMIT_MS', 2000);
/** An input still running after this long is a hang: the worker is stopped. */
const HANG_MS = Math.max(LIMIT_MS * 5, 10_000);
const MAX_RESTARTS = 5;

/**
 * Problems already reported as bugs: they are listed by a todo test instead
 * of failing the run, so the suite stays green and new problems still fail.
 */
const KNOWN: { pattern: RegExp; bug: string }[] = [];

interface Problem {
  index: number;
  problem: string;
}

interface RangeRun {
  problems: Problem[];
  ok: number;
  rejected: Record<string, number>;
  slowestMs: number;
  slowestIndex: number;
  /** Where the worker stopped early (hang or crash); -1 when it finished. */
  stoppedAt: number;
  /** Set when the worker failed before its first input (a build or load error). */
  setupError?: string;
}

function runRange(from: number, to: number): Promise<RangeRun> {
  const progress = new SharedArrayBuffer(8);
  const view = new Int32Array(progress);
  view[0] = from;
  const workerData: FuzzWorkerData = { seed: SEED, from, to, limitMs: LIMIT_MS, progress };
  // The heap cap turns unbounded growth into a worker crash we can name.
  const w = new Worker(new URL('../testkit/fuzz-worker.js', import.meta.url), { workerData, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  const run: RangeRun = { problems: [], ok: 0, rejected: {}, slowestMs: 0, slowestIndex: -1, stoppedAt: -1 };
  return new Promise((resolve) => {
    let ready = false;
    let last = -1;
    let since = performance.now();
    const timer = setInterval(() => {
      const cur = Atomics.load(view, 0);
      if (cur !== last) {
        last = cur;
        since = performance.now();
      } else if (ready && Atomics.load(view, 1) === 0 && performance.now() - since > HANG_MS) {
        run.problems.push({ index: cur, problem: `no result after ${HANG_MS} ms: hang (worker stopped)` });
        run.stoppedAt = cur;
        void w.terminate();
      }
    }, 100);
    w.on('message', (m: FuzzWorkerMessage) => {
      if (m.type === 'ready') ready = true;
      if (m.type !== 'result') return;
      if (m.parseMs > run.slowestMs) Object.assign(run, { slowestMs: m.parseMs, slowestIndex: m.index });
      if (m.outcome === 'ok') run.ok++;
      else if (m.outcome === 'rejected') run.rejected[m.kind!] = (run.rejected[m.kind!] ?? 0) + 1;
      else run.problems.push({ index: m.index, problem: m.problem! });
    });
    w.on('error', (e) => {
      if (!ready) {
        run.setupError = `${e.name}: ${e.message}`;
        return;
      }
      const cur = Atomics.load(view, 0);
      run.problems.push({ index: cur, problem: `worker died: ${e.name}: ${e.message} (out of memory?)` });
      run.stoppedAt = cur;
    });
    w.on('exit', () => {
      clearInterval(timer);
      resolve(run);
    });
  });
}

function report(seeds: FuzzSeed[], problems: Problem[], max = 5): string {
  return problems.slice(0, max).map((p) => {
    const input = makeInput(SEED, p.index, seeds);
    const file = join(tmpdir(), `gotune-fuzz-${SEED}-${p.index}.bin`);
    let saved: string | null = file;
    try {
      writeFileSync(file, input.data);
    } catch {
      saved = null;
    }
    return describeFailure(SEED, input, p.problem, saved);
  }).join('\n\n') + (problems.length > max ? `\n\n... and ${problems.length - max} more` : '');
}

const { seeds, notes } = loadSeeds();
const knownFound: Problem[] = [];

test(`fuzz parseProfile: ${ONLY !== undefined ? `input #${ONLY}` : `${RUNS} inputs`}, seed ${SEED}`, { timeout: 600_000 }, async (t) => {
  for (const n of notes) t.diagnostic(n);
  t.diagnostic(`${seeds.length} seeds; replay one input with GOTUNE_FUZZ_SEED=${SEED} GOTUNE_FUZZ_ONLY=<index>`);
  if (ONLY !== undefined) {
    // Replay in this thread, so a debugger and full stack traces work.
    const input = makeInput(SEED, Number(ONLY), seeds);
    const r = checkInput(input.data, LIMIT_MS);
    t.diagnostic(`#${ONLY}: ${r.outcome}${r.kind ? ` (${r.kind})` : ''} in ${r.parseMs.toFixed(1)} ms; made by ${input.recipe}`);
    if (r.outcome === 'problem') assert.fail(report(seeds, [{ index: input.index, problem: r.problem! }]));
    return;
  }
  const t0 = performance.now();
  const all: Problem[] = [];
  let ok = 0;
  let slowest = { ms: 0, index: -1 };
  const rejected: Record<string, number> = {};
  let from = 0;
  for (let restarts = 0; from < RUNS; restarts++) {
    const run = await runRange(from, RUNS);
    if (run.setupError) assert.fail(`the fuzz worker failed to start (is dist/ built from one consistent tree?): ${run.setupError}`);
    all.push(...run.problems);
    ok += run.ok;
    for (const [k, n] of Object.entries(run.rejected)) rejected[k] = (rejected[k] ?? 0) + n;
    if (run.slowestMs > slowest.ms) slowest = { ms: run.slowestMs, index: run.slowestIndex };
    if (run.stoppedAt < 0 || restarts >= MAX_RESTARTS) break;
    from = run.stoppedAt + 1;
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  t.diagnostic(`${RUNS} inputs in ${secs} s: ${ok} decoded, rejected ${JSON.stringify(rejected)}, ` +
    `slowest parse ${slowest.ms.toFixed(1)} ms (#${slowest.index}), ${all.length} problems`);
  const fresh = all.filter((p) => !KNOWN.some((k) => k.pattern.test(p.problem)));
  knownFound.push(...all.filter((p) => !fresh.includes(p)));
  if (fresh.length > 0) assert.fail(`${fresh.length} fuzz inputs broke the decoder's contract\n\n${report(seeds, fresh)}`);
});

for (const k of KNOWN) {
  test(`fuzz: known bug still found: ${k.bug}`, { todo: k.bug }, () => {
    const mine = knownFound.filter((p) => k.pattern.test(p.problem));
    assert.equal(mine.length, 0, report(seeds, mine, 2));
  });
}

// Profiles that decode are odd but valid: every report must print them or
// refuse them in one line, never fail inside gotune.
const REPORTS = [['-top'], ['-traces'], ['-raw'], ['-peek=.'], ['-tags'], ['-tree', '-lines']];

async function runReport(p: Profile, flags: string[]): Promise<{ code: number; stderr: string[] }> {
  const stderr: string[] = [];
  const code = await main(['pprof', ...flags, 'fuzzed.pb'], {
    stdout: () => {},
    stderr: (l) => stderr.push(l),
    isTerminal: false,
    fetcher: { fetch: async () => ({ profile: p, remote: false }) },
  });
  return { code, stderr };
}

test(`fuzz: inputs that decode go through the reports`, { timeout: 600_000 }, async (t) => {
  const problems: Problem[] = [];
  const indexes = ONLY !== undefined ? [Number(ONLY)] : Array.from({ length: RUNS }, (_, i) => i);
  let decoded = 0;
  const t0 = performance.now();
  for (const i of indexes) {
    const input = makeInput(SEED, i, seeds);
    let p: Profile;
    try {
      p = parseProfile(input.data, { inflate: inflateBounded, maxDecompressedBytes: FUZZ_MAX_DECOMPRESSED });
    } catch {
      continue; // the test above judges rejections
    }
    decoded++;
    // One report per input, rotating, keeps CI time down; a replay runs all.
    const chosen = ONLY !== undefined ? REPORTS : [REPORTS[decoded % REPORTS.length]];
    for (const flags of chosen) {
      const s = performance.now();
      const r = await runReport(p, flags);
      const ms = performance.now() - s;
      const what = `gotune pprof ${flags.join(' ')}`;
      if (r.stderr.some((l) => /internal error/.test(l))) problems.push({ index: i, problem: `${what}: ${r.stderr.join(' // ')}` });
      else if (r.code !== 0 && r.stderr.length !== 1) problems.push({ index: i, problem: `${what}: exit ${r.code} with ${r.stderr.length} stderr lines: ${r.stderr.join(' // ')}` });
      else if (ms > LIMIT_MS) problems.push({ index: i, problem: `${what}: took ${ms.toFixed(0)} ms (limit ${LIMIT_MS})` });
    }
  }
  t.diagnostic(`${decoded} decoded inputs, each through 1 of ${REPORTS.length} reports, in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${problems.length} problems`);
  if (problems.length > 0) assert.fail(`${problems.length} report runs failed inside gotune\n\n${report(seeds, problems)}`);
});

test('fuzz seeds from the shared pprof corpus parse or are rejected cleanly', { skip: notes.length > 0 ? notes.join('; ') : false }, () => {
  for (const s of seeds.filter((x) => x.name.startsWith('corpus/'))) {
    const r = checkInput(s.data, LIMIT_MS);
    assert.notEqual(r.outcome, 'problem', `${s.name}: ${r.problem}`);
  }
});

test('every testdata profile decodes and round-trips', () => {
  for (const s of seeds.filter((x) => x.name.startsWith('testdata/'))) {
    const r = checkInput(s.data, LIMIT_MS);
    assert.equal(r.outcome, 'ok', `${s.name}: ${r.problem ?? r.kind}`);
  }
});

// Found by reading decodeSamples; random mutation rarely builds it, so it is pinned here.
test('many sample types times many samples is a ProfileError, not a RangeError',
  () => {
    const n = 100_000;
    const p = smallCpuProfile();
    p.sampleTypes = Array.from({ length: n }, () => [1, 2] as [number, number]);
    p.samples = Array.from({ length: n }, () => ({ locationIds: [], values: [] }));
    const data = encodeRawProfile(p);
    assert.throws(() => parseProfile(data, { inflate: inflateBounded, maxDecompressedBytes: FUZZ_MAX_DECOMPRESSED }),
      (e: unknown) => e instanceof ProfileError && /mismatch/.test(e.message));
  });

// Found by the fuzzer in the legacy parsers (and fixed alongside): pinned.
function legacyCpu(words: bigint[]): Uint8Array {
  const b = new Uint8Array(words.length * 8);
  const v = new DataView(b.buffer);
  words.forEach((w, i) => v.setBigUint64(i * 8, BigInt.asUintN(64, w), true));
  return b;
}

test('a legacy CPU sample count past 2^53 is a ProfileError, not a rounded value', () => {
    // Header 0, 3, 0, period 10000 µs, 0; one sample (count 2^53+1, depth 1, pc); end 0, 1, 0.
    const data = legacyCpu([0n, 3n, 0n, 10000n, 0n, (1n << 53n) + 1n, 1n, 0x401000n, 0n, 1n, 0n]);
    let p;
    try {
      p = parseProfile(data);
    } catch (e) {
      assert.ok(e instanceof ProfileError, String(e));
      return;
    }
    for (const v of p.samples.values) assert.ok(Number.isSafeInteger(v), `value ${v} is not exact`);
  });

test('a legacy heap error message does not carry control characters from the input', () => {
    const data = new TextEncoder().encode('--- heapz 1 ---\n0 0 @ 0x1\r\x1b[2J\n');
    assert.throws(() => parseProfile(data), (e: unknown) => e instanceof ProfileError && !/[\x00-\x1f\x7f]/.test(e.message));
  });

// Found while reading decodeSamples: its keys are split with `key >>> 3`,
// which wraps at 2^32, where the other messages use Math.floor(key / 8).
test('an unknown field numbered past 2^32 inside a sample is skipped, as pprof does',
  {},
  () => {
    const p = smallCpuProfile();
    p.samples = [{ locationIds: [2], values: [1, 2] }];
    const b = encodeRawProfile(p);
    // The only sample is `12 len ...`; append key varint(2^35+10), length 1, payload 03.
    const at = b.indexOf(0x12);
    const len = b[at + 1];
    const extra = Uint8Array.from([...encodeVarint((1n << 35n) + 10n), 1, 3]);
    const data = Uint8Array.from([...b.subarray(0, at + 1), len + extra.length, ...b.subarray(at + 2, at + 2 + len), ...extra, ...b.subarray(at + 2 + len)]);
    const q = parseProfile(data);
    assert.deepEqual([...q.samples.locs].map((x) => q.locations[x].id), [2]);
  });
