// Where a `gotune pprof` report goes: standard output, the -output file,
// a temporary file (binary data and graph files are kept off a terminal,
// as pprof does), or a viewer (-web opens the SVG in a browser). DOT is
// rendered to SVG or PostScript here, in-process, for -svg, -ps and -web.

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandDef } from '../driver/commands.js';
import type { ReportOutput } from '../driver/pipeline.js';
import { gzip } from '../fetch/gzip.js';
import type { Ui } from '../ports.js';
import { ReportError } from '../report/errors.js';

/** OutputPlan says how a command's report becomes its output. */
interface OutputPlan {
  /** Render the DOT report: SVG (with pan and zoom for browsers) or PostScript. */
  render?: 'svg' | 'svg-pan' | 'ps';
  /** Keep the output off a terminal: the temporary file's extension. */
  away?: string;
  /** Show the output in a viewer: a browser, or the given command. */
  viewer?: 'browser' | string[];
}

const PLANS: Record<string, OutputPlan> = {
  proto: { away: 'pb.gz' },
  topproto: { away: 'pb.gz' },
  callgrind: { away: 'callgraph.out' },
  svg: { render: 'svg-pan', away: 'svg' },
  ps: { render: 'ps', away: 'ps' },
  web: { render: 'svg-pan', away: 'svg', viewer: 'browser' },
  eog: { render: 'svg', away: 'svg', viewer: ['eog'] },
  gv: { render: 'ps', away: 'ps', viewer: ['gv', '--noantialias'] },
  kcachegrind: { away: 'grind', viewer: ['kcachegrind'] },
  weblist: { away: 'html', viewer: 'browser' },
};

/** ViewerError is a viewer (browser, kcachegrind, …) that could not be started. */
export class ViewerError extends ReportError {}

/** DeliverOptions are the command-line settings that decide where output goes. */
export interface DeliverOptions {
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

/** finishOutput renders a DOT report for the graph formats; other reports pass through. */
export async function finishOutput(cmd: CommandDef, out: ReportOutput): Promise<ReportOutput> {
  const render = PLANS[cmd.name]?.render;
  if (!render || out.kind !== 'text') return out;
  // Loaded on demand: the Graphviz module is large and most reports do not need it.
  const { addPanZoom, renderDot } = await import('./render-dot.js');
  const text = await renderDot(out.text, render === 'ps' ? 'ps' : 'svg');
  return { kind: 'text', text: render === 'svg-pan' ? addPanZoom(text) : text };
}

function tempFile(name: string, data: string | Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gotune-')), name);
  writeFileSync(file, data);
  return file;
}

/** browserCommands lists the commands tried to open a file in a browser, best first. */
export function browserCommands(env: NodeJS.ProcessEnv, platform: string = process.platform): string[][] {
  const cmds: string[][] = [];
  const user = (env.BROWSER ?? '').trim();
  if (user !== '') cmds.push(user.split(/\s+/));
  if (platform === 'darwin') cmds.push(['open']);
  else if (platform === 'win32') cmds.push(['cmd', '/c', 'start', '""']);
  // xdg-open needs a desktop; without one it may start a text browser.
  else if (env.DISPLAY || env.WAYLAND_DISPLAY) cmds.push(['xdg-open']);
  return cmds;
}

function start(cmd: string[], file: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], [...cmd.slice(1), file], { detached: true, stdio: 'ignore', env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      // The viewer outlives gotune; the file stays for it to read.
      child.unref();
      resolve(true);
    });
  });
}

async function openViewer(cmds: string[][], file: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const c of cmds) if (await start(c, file, env)) return c[0];
  return null;
}

/**
 * deliverOutput writes a finished report where the options send it and
 * returns the exit status: -output wins; a viewer command writes a
 * temporary file and opens it; binary and graph files are written to a
 * temporary file rather than to a terminal; the rest goes to stdout.
 */
export async function deliverOutput(cmd: CommandDef, out: ReportOutput, o: DeliverOptions, ui: Ui): Promise<number> {
  const plan = PLANS[cmd.name] ?? {};
  if (out.kind === 'stream') {
    // Written as produced: the whole text may not fit in memory.
    if (o.output !== '') {
      ui.printErr(`Generating report in ${o.output}`);
      const fd = openSync(o.output, 'w');
      try {
        for (const c of out.chunks) writeSync(fd, c);
      } finally {
        closeSync(fd);
      }
    } else {
      for (const c of out.chunks) await o.stdout(c);
    }
    return 0;
  }
  const data = out.kind === 'text' ? out.text : out.gzip ? gzip(out.data) : out.data;
  if (o.output !== '') {
    ui.printErr(`Generating report in ${o.output}`);
    writeFileSync(o.output, data);
    return 0;
  }
  if (plan.viewer) {
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
    const file = tempFile(`profile.${plan.away ?? cmd.name}`, data);
    ui.printErr(`Generating report in ${file}`);
    return 0;
  }
  o.stdout(data);
  return 0;
}
