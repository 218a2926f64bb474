// Records the profiles the diagnose evaluation reads (testdata/diagnose/<example>[-fixed]/, mix-<scenario>/ and
// timer-<scenario>[-fixed]/):
// each example service and its fixed twin, started on 127.0.0.1, measured by `gotune measure`
// for a short window, and the run directory kept without the bulky text dumps. Needs Go.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startExample } from '../src/node/example-services.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'testdata', 'diagnose');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
/** The examples with a planted bottleneck that diagnose must name. */
const NAMES = ['slow-cpu', 'leaky-cache', 'goroutine-leak', 'lock-contention', 'slow-consumer', 'slow-io'];
/** Files of a run kept in testdata: the profiles and MemStats, not the debug=2 dumps or vars. */
const KEEP = /^(cpu|block|mutex|heap\.(start|end)|allocs\.end|goroutine\.(start|end))\.pb\.gz$/;

/** compactRun empties the latency histograms' buckets (most of run.json's bytes; diagnose reads the percentiles). */
function compactRun(text: string): string {
  const doc = JSON.parse(text) as { repetitions: Array<{ latencyHistogram: { buckets: unknown[] } }> };
  for (const r of doc.repetitions) r.latencyHistogram.buckets = [];
  return JSON.stringify(doc, null, 2) + '\n';
}

async function record(name: string, fixed: boolean): Promise<void> {
  const svc = await startExample(name, { fixed });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-diag-'));
  const run = path.join(tmp, 'run');
  try {
    const r = spawnSync(process.execPath, [BIN, 'measure', '--target', svc.target, '--pprof', svc.pprof,
      '--duration', '4s', '--warmup', '2s', '--concurrency', '8', '--out', run], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`measure ${name}${fixed ? ' -fixed' : ''} failed: ${r.stderr}`);
    const dest = path.join(OUT, name + (fixed ? '-fixed' : ''));
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(path.join(dest, 'rep-1'), { recursive: true });
    fs.writeFileSync(path.join(dest, 'run.json'), compactRun(fs.readFileSync(path.join(run, 'run.json'), 'utf8')));
    for (const f of fs.readdirSync(path.join(run, 'rep-1'))) {
      if (KEEP.test(f)) fs.copyFileSync(path.join(run, 'rep-1', f), path.join(dest, 'rep-1', f));
    }
    console.log(`${path.relative(ROOT, dest)}: recorded`);
  } finally {
    await svc.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The scenarios of testdata/programs/diagnose-mix: bottlenecks combined in one process, and a healthy one. */
const MIX = ['hog-behind-lock', 'leak-with-churn', 'healthy'];

/** recordMix builds diagnose-mix once and runs each scenario into testdata/diagnose/mix-<scenario>/ (loose profiles, no run.json). */
function recordMix(only: string | undefined): void {
  const programs = path.join(ROOT, 'testdata', 'programs');
  const bin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-mix-')), 'diagnose-mix');
  const b = spawnSync('go', ['build', '-o', bin, './diagnose-mix'], { cwd: programs, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`go build ./diagnose-mix failed: ${b.stderr}`);
  try {
    for (const s of MIX) {
      if (only && !`mix-${s}`.includes(only)) continue;
      const dest = path.join(OUT, `mix-${s}`);
      fs.rmSync(dest, { recursive: true, force: true });
      fs.mkdirSync(dest, { recursive: true });
      const r = spawnSync(bin, ['-scenario', s, '-out', dest], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`diagnose-mix -scenario ${s} failed: ${r.stderr}`);
      console.log(`${path.relative(ROOT, dest)}: recorded`);
    }
  } finally {
    fs.rmSync(path.dirname(bin), { recursive: true, force: true });
  }
}

/** The scenarios of testdata/programs/timer-leak, each recorded buggy and -fixed. */
const TIMER = ['after-in-loop', 'ticker-not-stopped'];

/** recordTimer builds timer-leak once and runs each scenario and its fixed twin into testdata/diagnose/timer-<scenario>[-fixed]/. */
function recordTimer(only: string | undefined): void {
  const programs = path.join(ROOT, 'testdata', 'programs');
  const bin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-timer-')), 'timer-leak');
  const b = spawnSync('go', ['build', '-o', bin, './timer-leak'], { cwd: programs, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`go build ./timer-leak failed: ${b.stderr}`);
  try {
    for (const s of TIMER) {
      for (const fixed of [false, true]) {
        const name = `timer-${s}${fixed ? '-fixed' : ''}`;
        if (only && !name.includes(only)) continue;
        const dest = path.join(OUT, name);
        fs.rmSync(dest, { recursive: true, force: true });
        fs.mkdirSync(dest, { recursive: true });
        const r = spawnSync(bin, ['-scenario', s, `-fixed=${fixed}`, '-out', dest], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`timer-leak -scenario ${s} failed: ${r.stderr}`);
        console.log(`${path.relative(ROOT, dest)}: recorded`);
      }
    }
  } finally {
    fs.rmSync(path.dirname(bin), { recursive: true, force: true });
  }
}

const only = process.argv[2];
for (const name of NAMES) {
  if (only && !name.includes(only)) continue;
  for (const fixed of [false, true]) await record(name, fixed);
}
recordMix(only);
recordTimer(only);
