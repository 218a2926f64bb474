// Records what Go's benchstat prints as the goldens of `gotune benchstat`
// (testdata/benchstat/golden/), one pair of files per case of
// testdata/benchstat/cases.json; with --record it first re-runs the
// benchmarks that make the inputs. Needs Go and Go's benchstat.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = `usage: node dist/scripts/regen-benchstat.js [--record] [--only SUBSTRING]

  (default)   re-record every golden from the committed inputs in testdata/benchstat
              with Go's benchstat ($BENCHSTAT, else ~/go/bin/benchstat, else benchstat
              on PATH), and src/benchstat/go-binomial.ts from testdata/programs/benchstat-binomial
  --record    first re-run the benchmarks that make the inputs: testdata/programs/benchstat
              (BENCH_VARIANT=old and new, several -count values) and fmt and strconv
              from the standard library (two runs of the same code)
  --only S    only cases whose name contains S

Install Go's benchstat with: go install golang.org/x/perf/cmd/benchstat@latest
`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = path.join(ROOT, 'testdata', 'benchstat');
const PROGRAMS = path.join(ROOT, 'testdata', 'programs');

/** Case is one entry of cases.json: the golden's name and benchstat's arguments (files relative to testdata/benchstat). */
interface Case {
  name: string;
  args: string[];
}

/** Recording is one input file and the `go test` run that makes it. */
interface Recording {
  file: string;
  args: string[];
  variant?: 'old' | 'new';
}

const OWN = ['test', '-run', 'XXX', '-bench', '.', '-benchmem', '-benchtime', '100ms'];
const STD = ['test', '-run', 'XXX', '-bench', 'BenchmarkSprintf(Empty|String|Int|Float)$|BenchmarkQuote$|BenchmarkUnquoteEasy$',
  '-benchmem', '-benchtime', '100ms', '-count', '6', 'fmt', 'strconv'];

/** RECORDINGS are the inputs, recorded in this order (old and new alternate, so drift over the run hits both). */
const RECORDINGS: Recording[] = [
  { file: 'old.txt', variant: 'old', args: [...OWN, '-count', '10', './benchstat'] },
  { file: 'new.txt', variant: 'new', args: [...OWN, '-count', '10', './benchstat'] },
  { file: 'new-again.txt', variant: 'new', args: [...OWN, '-count', '10', './benchstat'] },
  { file: 'runs1.txt', variant: 'old', args: [...OWN, '-count', '1', './benchstat'] },
  { file: 'runs2.txt', variant: 'new', args: [...OWN, '-count', '2', './benchstat'] },
  { file: 'runs3.txt', variant: 'new', args: [...OWN, '-count', '3', './benchstat'] },
  { file: 'std-a.txt', args: STD },
  { file: 'std-b.txt', args: STD },
];

function benchstatBinary(): string {
  if (process.env.BENCHSTAT) return process.env.BENCHSTAT;
  const home = path.join(os.homedir(), 'go', 'bin', 'benchstat');
  if (fs.existsSync(home)) return home;
  return 'benchstat';
}

/** trim drops what benchstat never reads from `go test` output (PASS, ok lines), keeping the recorded files small. */
function trim(text: string): string {
  return text.split('\n').filter((l) => l !== 'PASS' && !/^ok\s/.test(l)).join('\n');
}

function record(): void {
  for (const r of RECORDINGS) {
    const env = { ...process.env, ...(r.variant ? { BENCH_VARIANT: r.variant } : {}) };
    const res = spawnSync('go', r.args, { cwd: PROGRAMS, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (res.status !== 0) throw new Error(`go ${r.args.join(' ')} failed: ${res.stderr}${res.stdout}`);
    fs.writeFileSync(path.join(DATA, r.file), trim(res.stdout));
    console.log(`testdata/benchstat/${r.file}: recorded (${r.variant ?? 'standard library'})`);
  }
}

function binomialTable(): void {
  const res = spawnSync('go', ['run', './benchstat-binomial'], { cwd: PROGRAMS, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`go run ./benchstat-binomial failed: ${res.stderr}`);
  fs.writeFileSync(path.join(ROOT, 'src', 'benchstat', 'go-binomial.ts'), res.stdout);
  console.log('src/benchstat/go-binomial.ts: written');
}

function goldens(only: string | undefined): void {
  const bin = benchstatBinary();
  const cases = JSON.parse(fs.readFileSync(path.join(DATA, 'cases.json'), 'utf8')) as Case[];
  const out = path.join(DATA, 'golden');
  fs.mkdirSync(out, { recursive: true });
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue;
    const res = spawnSync(bin, c.args, { cwd: DATA, encoding: 'utf8' });
    if (res.error) throw new Error(`${bin}: ${res.error.message}\n\n${USAGE}`);
    // Go's benchstat exits 0 even when it fails; a failure shows as "benchstat: …" on stderr.
    if (res.status !== 0 || /^benchstat: /m.test(res.stderr)) throw new Error(`${c.name}: benchstat ${c.args.join(' ')} failed: ${res.stderr}`);
    fs.writeFileSync(path.join(out, `${c.name}.txt`), res.stdout);
    const errFile = path.join(out, `${c.name}.stderr`);
    if (res.stderr !== '') fs.writeFileSync(errFile, res.stderr);
    else fs.rmSync(errFile, { force: true });
    console.log(`testdata/benchstat/golden/${c.name}.txt: ${res.stdout.split('\n').length - 1} lines${res.stderr ? ', with stderr' : ''}`);
  }
}

const argv = process.argv.slice(2);
if (argv.includes('-h') || argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
if (argv.includes('--record')) record();
binomialTable();
goldens(only);
