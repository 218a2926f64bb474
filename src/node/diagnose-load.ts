// Loading what `gotune diagnose` reads from the file system: a run directory
// of `gotune measure` (its KPIs and captures), a directory of loose profiles,
// or profile files. Each profile's kind comes from its sample types; what is
// not a profile (a binary, a log, an empty or broken file, a trace) is
// skipped with a note, never a crash. Goroutine text dumps become goroutine
// profiles (stamped with the file's modification time, to order two).

import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { NamedProfile } from '../diagnose/inputs.js';
import type { Kpis } from '../diagnose/types.js';
import { fsMessage } from '../fetch/file.js';
import { inflateBounded } from '../fetch/gzip.js';
import { readMaybeGzip } from '../fetch/gunzip-file.js';
import { analyzeDump } from '../goroutine/analyze.js';
import { ProfileCollector } from '../goroutine/to-profile.js';
import { isProfileError } from '../profile/errors.js';
import { type Parallel, WARM_FILE_BYTES } from '../profile/parallel.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../profile/limits.js';
import { parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { readRun } from '../run/read-run.js';
import type { RunJson } from '../run/run-json.js';
import { UserError } from '../user-error.js';
import { localRunFiles } from './run-files.js';

/** Loaded is what the arguments gave: profiles, a run's KPIs, and notes on what was skipped. */
interface Loaded {
  profiles: NamedProfile[];
  kpis: Kpis | null;
  notes: string[];
}

/** Files bigger than this are not read (the 100 MB benchmark profile fits). */
const MAX_FILE = 512 << 20;
/** A loose directory is read this many levels deep, this many files at most. */
const MAX_DEPTH = 2;
const MAX_FILES = 500;

/** DiagnoseInputError is an argument that names nothing readable. */
class DiagnoseInputError extends UserError {}

/** A goroutine text dump (debug=1, debug=2, SIGQUIT or panic traceback) starts so, or has such a line early on. */
const DUMP = /^(goroutine \d+ \[|goroutine profile: total \d+|SIGQUIT|panic: )|\ngoroutine \d+ \[/;

/** dumpProfile turns a goroutine text dump into a goroutine profile, stamped with the file's time. */
async function dumpProfile(data: Uint8Array, mtimeMs: number): Promise<Profile | null> {
  const col = new ProfileCollector();
  const a = await analyzeDump([data], { mode: 'loose', onRecord: (r) => col.add(r) });
  return a.info.records === 0 ? null : col.build(BigInt(Math.round(mtimeMs)) * 1_000_000n);
}

/** Job is one file to read (its path, and its name for the evidence), or a note to keep in its place. */
type Job = { path: string; name: string } | { note: string };

/** Read is a file's bytes (gunzipped) and modification time, or why it was skipped. */
type Read = { data: Uint8Array; mtimeMs: number } | { skipped: string };

/**
 * readJob reads one file as gotune pprof reads a profile: gunzipped as it
 * streams in, on libuv's threads, into shared memory the helper thread
 * decodes from.
 */
async function readJob(path: string, parallel?: Parallel): Promise<Read> {
  try {
    const st = statSync(path);
    if (st.size === 0) return { skipped: 'empty' };
    if (st.size > MAX_FILE) return { skipped: `larger than ${MAX_FILE >> 20} MiB` };
    if (st.size >= WARM_FILE_BYTES) parallel?.warm?.();
    return { data: await readMaybeGzip(path, DEFAULT_MAX_DECOMPRESSED), mtimeMs: st.mtimeMs };
  } catch (e) {
    // A broken or oversized gzip stream is a ProfileError with its own message; anything else is the file system's.
    return { skipped: isProfileError(e) ? `not a profile (${e.message})` : fsMessage(e) };
  }
}

/**
 * runJobs reads and parses the files in order, each read begun while the
 * one before it is still streaming in, so that two gunzips share the
 * machine's cores instead of waiting on each other (a file is decoded on
 * the main thread, where its successor's stream then waits).
 */
async function runJobs(jobs: readonly Job[], out: Loaded, parallel?: Parallel): Promise<void> {
  const files = jobs.filter((j): j is { path: string; name: string } => 'path' in j);
  const reads = new Map<Job, Promise<Read>>();
  const begin = (k: number) => { if (k < files.length && !reads.has(files[k])) reads.set(files[k], readJob(files[k].path, parallel)); };
  let k = 0;
  begin(0);
  for (const j of jobs) {
    if ('note' in j) { out.notes.push(j.note); continue; }
    begin(k + 1);
    const r = await reads.get(j)!;
    reads.delete(j);
    k++;
    if ('skipped' in r) out.notes.push(`${j.name}: skipped: ${r.skipped}`);
    else await parseData(r.data, r.mtimeMs, j.path, j.name, out, parallel);
  }
}

/** parseData turns a file's bytes into a profile (a goroutine dump or any form pprof reads), or a note on why not. */
async function parseData(data: Uint8Array, mtimeMs: number, path: string, name: string, out: Loaded, parallel?: Parallel): Promise<void> {
  const head = new TextDecoder().decode(data.subarray(0, 4096));
  if (DUMP.test(head)) {
    const profile = await dumpProfile(data, mtimeMs);
    // No web UI view: pprof reads a debug=1 dump's addresses only (no names without the binary), and debug=2 not at all.
    if (profile) out.profiles.push({ name, profile, kind: 'goroutine', file: null });
    else out.notes.push(`${name}: skipped: looks like a goroutine dump but holds no goroutine`);
    return;
  }
  try {
    out.profiles.push({ name, profile: parseProfile(data, { inflate: inflateBounded, parallel }), file: path });
  } catch (e) {
    out.notes.push(`${name}: skipped: not a profile (${(e as Error).message.split('\n')[0]})`);
  }
}

function kpisOf(run: RunJson): Kpis | null {
  const rep = run.repetitions[0];
  if (!rep) return null;
  const k = rep.kpis;
  const last = run.repetitions[run.repetitions.length - 1].kpis;
  return {
    cores: k.cpu?.cores, percentOfMachine: k.cpu?.percentOfMachine, machineCpus: run.environment.machine.cpus,
    gcPerSecond: k.gc?.perSecond, gcCpuFraction: k.gc?.cpuFraction,
    heapInuseStart: k.memory?.heapInuseStart ?? undefined, heapInuseEnd: last.memory?.heapInuseEnd ?? undefined,
    goroutinesStart: k.goroutines?.start ?? undefined, goroutinesEnd: last.goroutines?.end ?? undefined,
    p50Us: k.load.latencyUs.p50, p99Us: k.load.latencyUs.p99, throughputRps: k.load.throughputRps,
    windowSeconds: rep.durationSeconds,
  };
}

// CPU, block and mutex come from the first repetition; heap and goroutine
// snapshots from all, so the first and last span the whole run.
const SNAPSHOT = /^(heap|allocs|goroutine)\./;

function runJobsOf(dir: string, out: Loaded, jobs: Job[]): void {
  const run = readRun(localRunFiles(dir));
  out.kpis = kpisOf(run.json);
  if (run.json.repetitions.length > 1) jobs.push({ note: `${run.json.repetitions.length} repetitions: CPU, block and mutex profiles of rep-1, snapshots of every repetition` });
  for (const c of run.captures) {
    if (!c.file || !/\.pb\.gz$/.test(c.file)) continue;
    if (c.repetition !== 1 && !SNAPSHOT.test(c.name)) continue;
    const path = join(dir, c.file);
    try {
      statSync(path);
    } catch {
      continue; // run.json lists it but the directory no longer holds it
    }
    jobs.push({ path, name: c.file });
  }
}

function walk(dir: string, depth: number, files: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new DiagnoseInputError(`${dir}: ${fsMessage(e)}`);
  }
  for (const n of names) {
    if (files.length >= MAX_FILES) return;
    const p = join(dir, n);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      continue;
    }
    if (isDir) { if (depth < MAX_DEPTH) walk(p, depth + 1, files); } else files.push(p);
  }
}

/** loadDiagnoseArgs reads every argument: run directories, directories of profiles, files; `parallel` decodes large ones faster. */
export async function loadDiagnoseArgs(args: readonly string[], parallel?: Parallel): Promise<Loaded> {
  const out: Loaded = { profiles: [], kpis: null, notes: [] };
  const jobs: Job[] = [];
  for (const a of args) {
    let isDir: boolean;
    try {
      isDir = statSync(a).isDirectory();
    } catch (e) {
      throw new DiagnoseInputError(`${a}: ${fsMessage(e)}`);
    }
    if (!isDir) { jobs.push({ path: a, name: basename(a) }); continue; }
    let hasRun = false;
    try { hasRun = statSync(join(a, 'run.json')).isFile(); } catch { /* a loose directory */ }
    if (hasRun) { runJobsOf(a, out, jobs); continue; }
    const files: string[] = [];
    walk(a, 0, files);
    for (const f of files) jobs.push({ path: f, name: f.slice(a.length).replace(/^\/+/, '') });
  }
  await runJobs(jobs, out, parallel);
  if (out.profiles.length === 0) throw new DiagnoseInputError(`no profile found in ${args.join(', ')}${out.notes.length ? ` (${out.notes.join('; ')})` : ''}`);
  return out;
}
