// `gotune diagnose`: read every profile of a service together (a run
// directory, a directory of profiles, files, or a live /debug/pprof URL)
// and name the bottleneck, the user's code path and the Go-specific fix.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../diagnose/diagnose.js';
import { formatJson, formatMarkdown, formatText } from '../diagnose/format.js';
import { buildInputs, type NamedProfile } from '../diagnose/inputs.js';
import type { Kpis } from '../diagnose/types.js';
import { captureLive, type LiveCapture } from '../measure/capture-live.js';
import { loadDiagnoseArgs } from '../node/diagnose-load.js';
import { helperThread } from '../node/local-tools.js';
import { UsageError } from '../user-error.js';
import type { GnuFlag, GnuFlagValues } from './gnu-flags.js';
import type { CliIo } from './io.js';
import { progressOf } from './progress.js';
import type { GnuSubcommand } from './subcommand.js';

const USAGE = `usage: gotune diagnose [--format text|markdown|json] <run dir | profile dir | profile…>
       gotune diagnose [--seconds N] [--out DIR] [--format F] http://host:port[/debug/pprof]

Reads the profiles of one service together (CPU, heap and allocs, goroutine,
block, mutex; a gotune measure run directory adds its KPIs) and reports the
scenario (wait-bound, cpu-bound, gc-bound, memory-growth, healthy), findings
with the user function that owns each cost and its fix, and what is missing.
Files that are not profiles are skipped with a note. Given a URL, it first
captures them from the live service's /debug/pprof, under its own traffic.
`;

const FORMATS = ['text', 'markdown', 'json'] as const;

/** The default window of a live capture: long enough for two snapshots to show growth, short for a quick look. */
const DEFAULT_SECONDS = 10;

const FLAGS: GnuFlag[] = [
  { name: 'format', kind: 'string', arg: 'F', choices: FORMATS, help: 'text (default), markdown, or json (schema 1)' },
  { name: 'seconds', kind: 'int', min: 1, arg: 'N', help: `a URL: the CPU, block and mutex window, and the time between the\nheap and goroutine snapshots (default ${DEFAULT_SECONDS})` },
  { name: 'out', short: 'o', kind: 'string', arg: 'DIR', help: 'a URL: keep the captured profiles in DIR (must not exist or be empty;\nby default they are deleted after the diagnosis)' },
];

const isUrl = (a: string) => /^https?:\/\//i.test(a);

/** liveInputs turns a live capture into the diagnosis' profiles and figures; `kept` is the --out directory (null: deleted, no web UI links). */
function liveInputs(c: LiveCapture, kept: string | null): { profiles: NamedProfile[]; kpis: Kpis; notes: string[] } {
  const profiles = c.profiles.map((p) => ({
    name: p.file, profile: p.profile, kind: p.kind === 'allocs' ? 'heap' as const : p.kind, file: kept === null ? null : join(kept, p.file),
  }));
  const kpis: Kpis = {
    cores: c.cpu?.cores, percentOfMachine: c.cpu?.percentOfMachine ?? null, machineCpus: c.machineCpus ?? undefined, windowSeconds: c.windowSeconds,
  };
  return { profiles, kpis, notes: [...c.problems] };
}

async function fromUrl(url: string, flags: GnuFlagValues, io: CliIo): Promise<{ profiles: NamedProfile[]; kpis: Kpis; notes: string[] }> {
  const seconds = flags.number('seconds', DEFAULT_SECONDS);
  const keep = flags.string('out');
  const dir = keep !== '' ? keep : join(mkdtempSync(join(tmpdir(), 'gotune-diagnose-')), 'profiles');
  const { line, status } = progressOf(io);
  const ac = new AbortController();
  io.signal?.addEventListener('abort', () => ac.abort(), { once: true });
  const onSignal = () => ac.abort();
  if (!io.signal) process.once('SIGINT', onSignal);
  try {
    const c = await captureLive(url, seconds, dir, { printErr: line, status, signal: ac.signal });
    const live = liveInputs(c, keep !== '' ? keep : null);
    if (live.profiles.length === 0) throw new UsageError(`${c.base}: no profile could be captured (${c.problems.join('; ')})`);
    if (keep !== '') live.notes.push(`captured from ${c.base} over ${seconds}s into ${keep}`);
    else live.notes.push('the captured profiles were not kept, so the findings have no web UI view: --out DIR keeps them');
    return live;
  } finally {
    process.off('SIGINT', onSignal);
    if (keep === '') rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

/** diagnoseCommand is `gotune diagnose`. */
export const diagnoseCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  async run(flags, args, io) {
    if (args.length === 0) throw new UsageError('no run directory, profile or URL given');
    const format = flags.string('format', 'text');
    const urls = args.filter(isUrl);
    if (urls.length > 0 && args.length > 1) throw new UsageError('a URL is diagnosed on its own: give one URL, or directories and files');
    if (urls.length === 0 && (flags.has('seconds') || flags.has('out'))) throw new UsageError(`--${flags.has('seconds') ? 'seconds' : 'out'} applies to a URL (a live /debug/pprof) only`);
    // A helper thread decodes large profiles, as for gotune pprof.
    const own = io.parallel === undefined && urls.length === 0 ? helperThread() : null;
    let loaded;
    try {
      loaded = urls.length > 0 ? await fromUrl(urls[0], flags, io) : await loadDiagnoseArgs(args, io.parallel ?? own ?? undefined);
    } finally {
      own?.close();
    }
    const d = diagnose(buildInputs(loaded.profiles, loaded.kpis, loaded.notes));
    const text = format === 'json' ? formatJson(d) : format === 'markdown' ? formatMarkdown(d) : formatText(d);
    await io.stdout(text);
    return 0;
  },
};
