// Where a `gotune pprof` report goes: standard output, the -output file,
// a temporary file (binary data and graph files are kept off a terminal,
// as pprof does), or a viewer (-web opens the SVG in a browser). Graphs
// are drawn first (SVG or PostScript, in-process) for -svg, -ps and -web.

import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import type { CommandDef } from '../driver/commands.js';
import { compressProfile } from '../fetch/gzip.js';
import type { Ui } from '../ports.js';
import { ReportError } from '../report/errors.js';
import type { ReportOutput } from '../report/output.js';

/** ViewerError is a viewer (browser, kcachegrind, …) that could not be started. */
class ViewerError extends ReportError {}

/** DeliverOptions are the command-line settings that decide where output goes. */
interface DeliverOptions {
  /** The -output file, or "". */
  output: string;
  /** -no_browser: -web writes its file without opening a browser. */
  noBrowser: boolean;
  /** Whether standard output is a terminal. */
  isTerminal: boolean;
  /** Writes to standard output. */
  stdout(data: string | Uint8Array): void | Promise<void>;
  /** The environment (for $BROWSER and $DISPLAY); the process's by default. */
  env?: NodeJS.ProcessEnv;
}

// Loaded on demand: printing to standard output starts no programs.
const viewer = () => import('../node/viewer.js');

/** finishOutput draws a DOT report for the graph commands; other reports pass through. */
export async function finishOutput(cmd: CommandDef, out: ReportOutput): Promise<ReportOutput> {
  if (!cmd.output?.render || out.kind !== 'text') return out;
  // Loaded on demand: the Graphviz module is large and most reports do not need it.
  return (await import('../node/render-dot.js')).renderGraphOutput(cmd.output, out);
}

/**
 * deliverOutput writes a finished report where the options send it and
 * returns the exit status: -output wins; a viewer command writes a
 * temporary file and opens it; binary and graph files are written to a
 * temporary file rather than to a terminal; the rest goes to stdout.
 */
export async function deliverOutput(cmd: CommandDef, out: ReportOutput, o: DeliverOptions, ui: Ui): Promise<number> {
  const plan = cmd.output ?? {};
  if (out.kind === 'stream') {
    // Written as produced: the whole text may not fit in memory.
    if (o.output !== '') {
      ui.printErr(`Generating report in ${o.output}`);
      const fd = openSync(o.output, 'w');
      try {
        // Two calls: writeSync's overloads take a string or bytes, not either.
        for (const c of out.chunks) {
          if (typeof c === 'string') writeSync(fd, c);
          else writeSync(fd, c);
        }
      } finally {
        closeSync(fd);
      }
    } else {
      for (const c of out.chunks) await o.stdout(c);
    }
    return 0;
  }
  const data = out.kind === 'text' ? out.text : out.gzip ? await compressProfile(out.data) : out.data;
  if (o.output !== '') {
    ui.printErr(`Generating report in ${o.output}`);
    writeFileSync(o.output, data);
    return 0;
  }
  if (plan.viewer) {
    const { browserCommands, openViewer, tempFile } = await viewer();
    const env = o.env ?? process.env;
    const file = tempFile(`${cmd.name === 'kcachegrind' ? 'profile' : 'graph'}.${plan.away ?? cmd.name}`, data);
    ui.printErr(`Generating report in ${file}`);
    if (plan.viewer === 'browser' && o.noBrowser) return 0;
    const cmds = plan.viewer === 'browser' ? browserCommands(env) : [plan.viewer];
    const used = await openViewer(cmds, file, env);
    if (used === null) {
      const tried = cmds.map((c) => c[0]).join(', ');
      const hint = plan.viewer === 'browser' ? 'set $BROWSER or open the file yourself' : `install ${cmds[0][0]} or open the file yourself`;
      throw new ViewerError(`could not start ${tried === '' ? 'a browser (no $BROWSER and no desktop)' : tried}: ${hint}`);
    }
    return 0;
  }
  if ((out.kind === 'binary' || plan.away) && o.isTerminal) {
    // Like pprof, keep binary data and graph files off a terminal.
    const file = (await viewer()).tempFile(`profile.${plan.away ?? cmd.name}`, data);
    ui.printErr(`Generating report in ${file}`);
    return 0;
  }
  await o.stdout(data);
  return 0;
}
