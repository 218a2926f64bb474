// Records `go tool pprof` output as golden files (testdata/golden) from the committed test
// profiles; with --profiles it first rebuilds those profiles from the Go programs in testdata/programs.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPprof, isolatedPprofEnv } from '../src/testkit/pprof-env.js';

const USAGE = `usage: node dist/scripts/regen-goldens.js [--profiles] [--only SUBSTRING] [--no-corpus] [--list-corpus] [--jobs N] [--repeat N]

  (default)       re-record goldens from the committed profiles in testdata/profiles
  --profiles      first build and run every program in testdata/programs, rewriting testdata/profiles
                  (and testdata/goroutine, from testdata/programs/dumps)
  --only S        only cases whose name contains S (in both case lists)
  --no-corpus     skip the corpus cases (testdata/golden/corpus-cases.json)
  --list-corpus   rewrite testdata/golden/corpus-cases.json from the files in the corpus first
  --jobs N        run N pprof processes at once (default: number of CPUs)
  --repeat N      run every case N times and fail if the outputs differ (default 8); pprof orders
                  some ties through Go map iteration, and such a case cannot have a golden
`;

/** One entry of testdata/golden/cases.json. */
interface Case {
  name: string;
  args: string[];
  /** When set, the case passes -output=<tmp>/<output> and the golden is that file. */
  output?: string;
  /** When set (with -proto or -topproto), the written profile is read back with -raw and that is the golden. */
  readback?: boolean;
}

/** One entry of testdata/golden/corpus-cases.json; file is relative to the repository root. */
interface CorpusCase {
  name: string;
  file: string;
  args: string[];
}

interface CaseResult {
  name: string;
  args: string[];
  exitCode: number;
  bytes: number;
  stderr: string[];
}

interface CorpusResult {
  name: string;
  file: string;
  args: string[];
  exitCode: number;
  stderrFirstLine: string;
}

interface RunResult {
  code: number;
  signal: string | null;
  stdout: Buffer;
  stderr: string;
  ms: number;
}

/** A Go program under testdata/programs and the flags of one run of it. */
interface ProgramRun {
  dir: string;
  args: string[];
  produces: string[];
}

const PROGRAM_RUNS: ProgramRun[] = [
  { dir: 'cpu', args: [], produces: ['cpu.pb.gz'] },
  { dir: 'cpu', args: ['-variant'], produces: ['cpu2.pb.gz'] },
  { dir: 'heap', args: [], produces: ['heap1.pb.gz', 'heap2.pb.gz', 'allocs.pb.gz'] },
  { dir: 'block', args: [], produces: ['block.pb.gz'] },
  { dir: 'mutex', args: [], produces: ['mutex.pb.gz'] },
  {
    dir: 'goroutine',
    args: [],
    produces: ['goroutine.pb.gz', 'goroutine.debug1.txt', 'goroutine.debug2.txt'],
  },
  { dir: 'synth', args: [], produces: ['synth.pb.gz', 'synth2.pb.gz', 'synth-nolabels.pb.gz'] },
];

const CORPUS_REL = '../shared/corpus/google-pprof';
const CORPUS_DIRS = ['profile', 'fuzz', 'large'];
const RUN_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_PROFILE_BYTES = 200 * 1024;
const NAME_RE = /^[A-Za-z0-9._=,+-]+$/;

interface Options {
  profiles: boolean;
  only: string | null;
  corpus: boolean;
  listCorpus: boolean;
  jobs: number;
  repeat: number;
}

/** A fatal problem: main's caller prints it and exits 1 (after `finally` blocks have cleaned up). */
class Fatal extends Error {}

function fail(msg: string): never {
  throw new Fatal(msg);
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    profiles: false,
    only: null,
    corpus: true,
    listCorpus: false,
    jobs: Math.max(1, os.availableParallelism()),
    repeat: 8,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--profiles':
        o.profiles = true;
        break;
      case '--only':
        o.only = value();
        break;
      case '--no-corpus':
        o.corpus = false;
        break;
      case '--list-corpus':
        o.listCorpus = true;
        break;
      case '--jobs':
      case '--repeat': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) fail(`${flag} needs a positive integer`);
        if (flag === '--jobs') o.jobs = n;
        else o.repeat = n;
        break;
      }
      case '-h':
      case '--help':
        process.stdout.write(USAGE);
        process.exit(0);
      default:
        fail(`unknown argument ${a}\n${USAGE}`);
    }
  }
  return o;
}

/** The repository root: the nearest ancestor of this script holding gotune's package.json. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gotune') return dir;
      } catch {
        // not ours; keep climbing
      }
    }
    const up = path.dirname(dir);
    if (up === dir) fail('cannot find the gotune repository root above this script');
    dir = up;
  }
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, signal: null, stdout: Buffer.alloc(0), stderr: String(e), ms: Date.now() - start });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - start,
      });
    });
  });
}

/** Runs fn over items with at most `jobs` in flight, keeping results in item order. */
async function pool<T, R>(items: T[], jobs: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}

/** Builds every program into a temporary directory and runs each into testdata/profiles. */
async function buildProfiles(root: string): Promise<void> {
  const programs = path.join(root, 'testdata', 'programs');
  const profiles = path.join(root, 'testdata', 'profiles');
  fs.mkdirSync(profiles, { recursive: true });
  const binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-bin-'));
  try {
    const dirs = [...new Set(PROGRAM_RUNS.map((r) => r.dir))];
    for (const dir of dirs) {
      const r = await run('go', ['build', '-o', path.join(binDir, dir), `./${dir}`], programs, process.env);
      if (r.code !== 0) fail(`go build ./${dir} failed (exit ${r.code}):\n${r.stderr}`);
      console.log(`built   ${dir} (${seconds(r.ms)})`);
    }
    // One at a time: the CPU, block and mutex profiles measure this machine's time.
    for (const p of PROGRAM_RUNS) {
      const r = await run(path.join(binDir, p.dir), [...p.args, '-out', profiles], programs, process.env);
      if (r.code !== 0) fail(`${p.dir} ${p.args.join(' ')} failed (exit ${r.code}):\n${r.stderr}`);
      for (const f of p.produces) {
        const file = path.join(profiles, f);
        if (!fs.existsSync(file)) fail(`${p.dir} did not write ${f}`);
        if (fs.statSync(file).size > MAX_PROFILE_BYTES) fail(`${f} is over ${MAX_PROFILE_BYTES} bytes; keep committed profiles small`);
      }
      const sizes = p.produces.map((f) => `${f} ${fs.statSync(path.join(profiles, f)).size}B`).join(', ');
      console.log(`ran     ${[p.dir, ...p.args].join(' ')} (${seconds(r.ms)}): ${sizes}`);
    }
  } finally {
    // Remove the binaries before recording, so pprof can never find them by their mapping path.
    fs.rmSync(binDir, { recursive: true, force: true });
  }
}

/** The files testdata/programs/dumps writes into testdata/goroutine (see its doc comment). */
const GOROUTINE_DUMPS = [
  'dumps.1.debug1.txt', 'dumps.1.debug2.txt', 'dumps.1.pb.gz', 'dumps.2.debug1.txt', 'dumps.2.debug2.txt',
  'dumps.2.pb.gz', 'dumps.2.labels.debug2.txt', 'panic.txt', 'panic-all.txt', 'sigquit.txt', 'sigquit-system.txt',
];

/** Builds and runs testdata/programs/dumps: goroutine dumps and tracebacks for `gotune goroutines` (~70s). */
async function buildGoroutineDumps(root: string): Promise<void> {
  const programs = path.join(root, 'testdata', 'programs');
  const out = path.join(root, 'testdata', 'goroutine');
  const binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-dumps-'));
  // The program chooses GOTRACEBACK and GODEBUG for each dump itself.
  const env = { ...process.env };
  delete env['GOTRACEBACK'];
  delete env['GODEBUG'];
  try {
    const bin = path.join(binDir, 'dumps');
    const b = await run('go', ['build', '-o', bin, './dumps'], programs, process.env);
    if (b.code !== 0) fail(`go build ./dumps failed (exit ${b.code}):\n${b.stderr}`);
    const r = await run(bin, ['-out', out], programs, env);
    if (r.code !== 0) fail(`dumps failed (exit ${r.code}):\n${r.stderr}`);
    for (const f of GOROUTINE_DUMPS) {
      const file = path.join(out, f);
      if (!fs.existsSync(file)) fail(`dumps did not write ${f}`);
      if (fs.statSync(file).size > MAX_PROFILE_BYTES) fail(`${f} is over ${MAX_PROFILE_BYTES} bytes; keep committed dumps small`);
    }
    console.log(`ran     dumps (${seconds(r.ms)}): ${GOROUTINE_DUMPS.length} files in testdata/goroutine`);
  } finally {
    fs.rmSync(binDir, { recursive: true, force: true });
  }
}

/** The pprof executable that `go tool pprof` runs, or the run ends saying why not. */
function pprofExe(): string {
  try {
    return findPprof().exe;
  } catch (e) {
    return fail((e as Error).message);
  }
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

function checkNames(names: string[], where: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (!NAME_RE.test(n)) fail(`${where}: bad case name ${JSON.stringify(n)}`);
    if (seen.has(n)) fail(`${where}: duplicate case name ${n}`);
    seen.add(n);
  }
}

function loadCases(file: string): Case[] {
  const cases = readJson<Case[]>(file);
  if (!Array.isArray(cases)) fail(`${file}: expected an array`);
  for (const c of cases) {
    if (typeof c.name !== 'string' || !Array.isArray(c.args) || !c.args.every((a) => typeof a === 'string')) {
      fail(`${file}: bad case ${JSON.stringify(c)}`);
    }
    if (c.readback && !c.args.includes('-proto') && !c.args.includes('-topproto')) {
      fail(`${file}: ${c.name}: readback needs -proto or -topproto`);
    }
    if (c.output !== undefined && (c.readback || !NAME_RE.test(c.output))) {
      fail(`${file}: ${c.name}: bad output ${JSON.stringify(c.output)}`);
    }
  }
  checkNames(
    cases.map((c) => c.name),
    file,
  );
  return cases;
}

/** Lists every file in the corpus as a -top and a -raw case. */
function listCorpus(root: string): CorpusCase[] {
  const files: string[] = [];
  for (const d of CORPUS_DIRS) {
    const abs = path.join(root, CORPUS_REL, d);
    if (!fs.existsSync(abs)) fail(`corpus directory ${abs} is missing`);
    for (const f of fs.readdirSync(abs).sort()) {
      if (fs.statSync(path.join(abs, f)).isFile()) files.push(`${CORPUS_REL}/${d}/${f}`);
    }
  }
  const base = (f: string): string => path.basename(f);
  const counts = new Map<string, number>();
  for (const f of files) counts.set(base(f), (counts.get(base(f)) ?? 0) + 1);
  const cases: CorpusCase[] = [];
  for (const f of files) {
    // Name by file; prefix the directory only where two directories share a file name.
    const stem = counts.get(base(f))! > 1 ? `${path.basename(path.dirname(f))}.${base(f)}` : base(f);
    for (const report of ['top', 'raw']) cases.push({ name: `${stem}.${report}`, file: f, args: [`-${report}`] });
  }
  return cases;
}


/**
 * settleGolden writes a golden this run confirmed (no problems) and returns
 * true; otherwise it removes the file, so that no unconfirmed golden is left
 * behind, and records why under the case's label.
 */
function settleGolden(file: string, content: Uint8Array, problems: string[], label: string, failures: string[]): boolean {
  if (problems.length === 0) {
    fs.writeFileSync(file, content);
    return true;
  }
  fs.rmSync(file, { force: true });
  failures.push(`${label}: ${problems.join('; ')}`);
  return false;
}

function stderrLines(stderr: string, scratch: string): string[] {
  return stderr
    .split(scratch)
    .join('$SCRATCH')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
}

function firstLine(stderr: string, scratch: string): string {
  return stderrLines(stderr, scratch)[0] ?? '';
}

/** Keeps earlier results for cases not re-run under --only, in the order of the case list. */
function mergeResults<R extends { name: string }>(file: string, names: string[], fresh: R[]): R[] {
  const byName = new Map<string, R>();
  if (fs.existsSync(file)) for (const r of readJson<R[]>(file)) byName.set(r.name, r);
  for (const r of fresh) byName.set(r.name, r);
  return names.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
}

function removeStale(dir: string, names: string[]): void {
  const keep = new Set(names.map((n) => `${n}.txt`));
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.txt') && !keep.has(f)) {
      fs.rmSync(path.join(dir, f));
      console.log(`removed stale ${path.join(path.basename(dir), f)}`);
    }
  }
}

/** The outcome of one run of a case: the golden candidate and how pprof exited. */
interface Attempt {
  code: number;
  signal: string | null;
  golden: Buffer;
  stderr: string;
  ms: number;
}

/**
 * Runs one case once. An `output` case adds -output=<caseDir>/<output> and takes that file; a
 * `readback` case adds -output=<caseDir>/readback.pb.gz and takes `pprof -raw` of what it wrote.
 */
async function runCase(pprof: string, c: Case, caseDir: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Attempt> {
  let args = c.args;
  let outFile: string | null = null;
  if (c.output !== undefined) outFile = path.join(caseDir, c.output);
  if (c.readback) outFile = path.join(caseDir, 'readback.pb.gz');
  // Flags must precede the profile arguments, so the added one goes first.
  if (outFile !== null) args = [`-output=${outFile}`, ...args];
  const r = await run(pprof, args, cwd, env);
  const a: Attempt = { code: r.code, signal: r.signal, golden: r.stdout, stderr: r.stderr, ms: r.ms };
  if (a.code !== 0 || outFile === null) return a;
  if (!fs.existsSync(outFile)) return { ...a, code: -1, stderr: `${a.stderr}no output file ${outFile}\n` };
  if (c.output !== undefined) return { ...a, golden: fs.readFileSync(outFile) };
  const back = await run(pprof, ['-raw', outFile], cwd, env);
  return { code: back.code, signal: back.signal, golden: back.stdout, stderr: a.stderr + back.stderr, ms: a.ms + back.ms };
}

function countDistinct(outcomes: { code: number; golden: Buffer }[]): number {
  return new Set(outcomes.map((o) => `${o.code}\u0000${o.golden.toString('latin1')}`)).size;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const root = findRoot();
  const started = Date.now();
  const goldenDir = path.join(root, 'testdata', 'golden');
  const corpusGoldenDir = path.join(goldenDir, 'corpus');
  const profilesDir = path.join(root, 'testdata', 'profiles');
  const casesFile = path.join(goldenDir, 'cases.json');
  const corpusCasesFile = path.join(goldenDir, 'corpus-cases.json');

  if (opts.profiles) {
    await buildProfiles(root);
    await buildGoroutineDumps(root);
  }
  if (opts.listCorpus) {
    const listed = listCorpus(root);
    writeJson(corpusCasesFile, listed);
    console.log(`listed ${listed.length} corpus cases in ${path.relative(root, corpusCasesFile)}`);
  }

  const pprof = pprofExe();
  console.log(`pprof   ${pprof}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-goldens-'));
  const env = isolatedPprofEnv(scratch);
  const matches = (name: string): boolean => opts.only === null || name.includes(opts.only);
  const failures: string[] = [];

  try {
    // --- cases on the committed profiles ---
    const cases = loadCases(casesFile);
    const selected = cases.filter((c) => matches(c.name));
    let caseNo = 0;
    const results = await pool(selected, opts.jobs, async (c): Promise<CaseResult> => {
      const attempts: Attempt[] = [];
      for (let i = 0; i < opts.repeat; i++) {
        const caseDir = path.join(scratch, `case-${caseNo++}`);
        fs.mkdirSync(caseDir);
        attempts.push(await runCase(pprof, c, caseDir, profilesDir, env));
        if (attempts[0]!.code !== 0) break;
      }
      const first = attempts[0]!;
      const golden = first.golden;
      const lines = stderrLines(first.stderr, scratch);
      const problems: string[] = [];
      if (first.code !== 0 || first.signal !== null) {
        problems.push(`exit ${first.code}${first.signal ? ` (${first.signal})` : ''}: ${lines[0] ?? ''}`);
      } else {
        if (golden.length === 0) problems.push('empty golden');
        if (golden.includes(scratch)) problems.push('golden mentions the scratch directory');
        const distinct = countDistinct(attempts);
        if (distinct > 1) problems.push(`unstable: ${distinct} different outputs in ${attempts.length} runs`);
      }
      const ok = settleGolden(path.join(goldenDir, `${c.name}.txt`), golden, problems, c.name, failures);
      const note = ok ? (lines.length > 0 ? `  stderr: ${lines[0]}` : '') : `  ${problems.join('; ')}`;
      console.log(`${ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(48)} ${String(golden.length).padStart(8)} bytes  ${seconds(first.ms)}${note}`);
      return { name: c.name, args: c.args, exitCode: first.code, bytes: golden.length, stderr: lines };
    });
    const resultsFile = path.join(goldenDir, 'results.json');
    writeJson(
      resultsFile,
      mergeResults(
        resultsFile,
        cases.map((c) => c.name),
        results,
      ),
    );
    if (opts.only === null) removeStale(goldenDir, cases.map((c) => c.name));

    // --- cases on the read-only corpus: failures are recorded, not fatal ---
    if (opts.corpus) {
      const corpus = readJson<CorpusCase[]>(corpusCasesFile);
      checkNames(
        corpus.map((c) => c.name),
        corpusCasesFile,
      );
      fs.mkdirSync(corpusGoldenDir, { recursive: true });
      const chosen = corpus.filter((c) => matches(c.name));
      for (const c of chosen) {
        if (!fs.existsSync(path.join(root, c.file))) fail(`corpus file ${c.file} is missing (is ../shared there?)`);
      }
      const corpusResults = await pool(chosen, opts.jobs, async (c): Promise<CorpusResult> => {
        const attempts: RunResult[] = [];
        for (let i = 0; i < opts.repeat; i++) attempts.push(await run(pprof, [...c.args, c.file], root, env));
        const r = attempts[0]!;
        const problems: string[] = [];
        if (r.signal !== null) problems.push(`killed by ${r.signal}`);
        const distinct = countDistinct(attempts.map((a) => ({ code: a.code, golden: a.stdout })));
        if (distinct > 1) problems.push(`unstable: ${distinct} different outputs in ${attempts.length} runs`);
        // A non-zero exit is an expected outcome here: the golden is then what stdout had (often nothing).
        settleGolden(path.join(corpusGoldenDir, `${c.name}.txt`), r.stdout, problems, `corpus/${c.name}`, failures);
        const first = firstLine(r.stderr, scratch);
        const tag = problems.length > 0 ? 'FAIL' : r.code === 0 ? 'ok  ' : `x${r.code}  `;
        const note = problems.length > 0 ? `  ${problems.join('; ')}` : first ? `  stderr: ${first}` : '';
        console.log(`${tag}  corpus/${c.name.padEnd(41)} ${String(r.stdout.length).padStart(8)} bytes  ${seconds(r.ms)}${note}`);
        return { name: c.name, file: c.file, args: c.args, exitCode: r.code, stderrFirstLine: first };
      });
      const corpusResultsFile = path.join(corpusGoldenDir, 'results.json');
      writeJson(
        corpusResultsFile,
        mergeResults(
          corpusResultsFile,
          corpus.map((c) => c.name),
          corpusResults,
        ),
      );
      if (opts.only === null) removeStale(corpusGoldenDir, corpus.map((c) => c.name));
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  console.log(`done in ${seconds(Date.now() - started)}`);
  if (failures.length > 0) {
    process.stderr.write(`\nregen-goldens: ${failures.length} case(s) FAILED:\n${failures.map((f) => `  ${f}\n`).join('')}`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  const msg = e instanceof Fatal ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`regen-goldens: ${msg}\n`);
  process.exit(1);
});
