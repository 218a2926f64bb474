// Capturing what `gotune diagnose` reads from a live service's
// /debug/pprof, under whatever traffic it has (no load of our own): a CPU
// profile and block and mutex deltas over a window, heap and goroutine
// snapshots at both ends of it (two snapshots some seconds apart show
// growth) and the allocs profile at its end, kept as loose profiles in a
// directory, with the same captures and progress lines as a measure run.

import type { Profile } from '../profile/types.js';
import type { CaptureRecord, CpuKpis } from '../run/run-json.js';
import { captureProfile, type CaptureContext } from './capture.js';
import { checkPprof } from './check-pprof.js';
import { machineEnvironment } from './environment.js';
import { cpuKpis } from './kpis.js';
import { pprofAddress, profileUrl } from './pprof-address.js';
import { RunDir } from './run-dir.js';
import { sleep } from './sleep.js';
import { EXIT, UserError } from '../user-error.js';

/** LiveKind is what one capture is. */
type LiveKind = 'cpu' | 'heap' | 'allocs' | 'goroutine' | 'block' | 'mutex';

/** LiveCapture is what was captured: the profiles (named by their file), the CPU figures, and what failed. */
export interface LiveCapture {
  /** The directory holding the profiles. */
  dir: string;
  /** The /debug/pprof base the captures came from. */
  base: string;
  profiles: Array<{ file: string; kind: LiveKind; profile: Profile }>;
  cpu: CpuKpis | null;
  /** The machine's cores when the service runs on this machine, else null. */
  machineCpus: number | null;
  windowSeconds: number;
  /** One line per capture that failed, with why. */
  problems: string[];
}

/** LiveIo is where the progress goes, as for a measure run. */
interface LiveIo {
  printErr(line: string): void;
  status?: (text: string) => void;
  signal: AbortSignal;
}

/** LiveInterrupted is a capture stopped by Ctrl-C. */
class LiveInterrupted extends UserError {}

/**
 * captureLive checks that `pprof` (a URL or host:port) serves /debug/pprof
 * (else throws a one-line UserError), then captures into `dir` (which must
 * not exist or be empty) over `seconds`. A capture that fails is a problem
 * line, not an error: the others still count.
 */
export async function captureLive(pprof: string, seconds: number, dir: string, io: LiveIo): Promise<LiveCapture> {
  let addr;
  try {
    addr = pprofAddress(pprof);
  } catch (e) {
    throw new UserError((e as Error).message.replace(/ for --pprof/, ''));
  }
  await checkPprof(addr, io.signal, '');
  const run = RunDir.create(dir);
  const ctx: CaptureContext = { dir: run, signal: io.signal, snapshotTimeoutMs: 10_000, maxBytes: 1 << 30 };
  const host = new URL(addr.base).hostname;
  const env = machineEnvironment(host);
  const machineCpus = env.targetLocal ? env.machine.cpus : null;
  const profiles: LiveCapture['profiles'] = [];
  const problems: string[] = [];
  let done = 0;
  let total = 0;
  const note = (kind: LiveKind, file: string, r: { record: CaptureRecord; value: Profile | null }) => {
    done++;
    if (r.value) profiles.push({ file, kind, profile: r.value });
    // An empty block or mutex profile is not a failure: the diagnosis lists it as missing, with how to enable it.
    if (r.record.error) {
      problems.push(`${r.record.name}: ${r.record.error}`);
      io.printErr(`  ${r.record.name}: ${r.record.error}`);
    }
  };
  const take = (kind: LiveKind, name: string, query: Record<string, number>, file: string, collectSeconds?: number) => {
    total++;
    return captureProfile({ name: file.replace(/\.pb\.gz$/, ''), url: profileUrl(addr, name, query), file, collectSeconds, kind: name }, ctx)
      .then((r) => note(kind, file, r));
  };
  const snapshots = (phase: 'start' | 'end') => Promise.all([
    take('heap', 'heap', {}, `heap.${phase}.pb.gz`),
    take('goroutine', 'goroutine', {}, `goroutine.${phase}.pb.gz`),
    ...(phase === 'end' ? [take('allocs', 'allocs', {}, 'allocs.end.pb.gz')] : []),
  ]);

  if (!io.status) io.printErr(`Capturing ${addr.base} for ${seconds}s: CPU, block and mutex over the window, heap and goroutine at both ends…`);
  const t0 = Date.now();
  const ticker = io.status ? setInterval(() => {
    io.status!(`capturing ${Math.min(seconds, (Date.now() - t0) / 1000).toFixed(0)}/${seconds}s · ${done} of ${total} profiles`);
  }, 500) : null;
  try {
    const window = Promise.all([
      take('cpu', 'profile', { seconds }, 'cpu.pb.gz', seconds),
      take('block', 'block', { seconds }, 'block.pb.gz', seconds),
      take('mutex', 'mutex', { seconds }, 'mutex.pb.gz', seconds),
    ]);
    // The start snapshots are taken while the window runs, as a measure repetition takes them.
    const start = snapshots('start');
    await sleep(seconds * 1000, io.signal);
    await start;
    if (io.signal.aborted) throw new LiveInterrupted('interrupted: nothing diagnosed', EXIT.interrupted);
    await snapshots('end');
    await window;
  } finally {
    if (ticker) clearInterval(ticker);
    io.status?.('');
  }
  const cpu = profiles.find((p) => p.kind === 'cpu');
  return {
    dir: run.path, base: addr.base, profiles, cpu: cpu ? cpuKpis(cpu.profile, machineCpus) : null, machineCpus,
    windowSeconds: seconds, problems,
  };
}
