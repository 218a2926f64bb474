// `-http`: build the session from the fetched profile and the command
// line's settings, start the server, print the URL, open a browser unless
// -no_browser, and serve until interrupted.

import type { Config } from '../../driver/config.js';
import type { ReportTools, Ui } from '../../ports.js';
import type { Profile } from '../../profile/types.js';
import { browserCommands, openViewer } from '../../node/viewer.js';
import { dashboardData } from './dashboard.js';
import { guardedTools } from './guarded-sources.js';
import { parseHttpAddress, startWebServer, type WebServer } from './serve.js';
import type { GoroutineReport } from '../../goroutine/model.js';
import { Session, type Sides } from './session.js';
import { runSessions, singleSession, type ServedRun } from './sessions.js';

/** WebOptions are the -http settings. */
interface WebOptions {
  http: string;
  noBrowser: boolean;
  sources: readonly string[];
  /** With a base: the two sides, for the differential flame graph. */
  sides?: Sides;
  /** From `gotune goroutines --http`: the dump's own report, and the page to open. */
  goroutines?: GoroutineReport;
}

/** serveProfile starts the UI for p and returns the running server. */
export async function serveProfile(p: Profile, config: Config, tools: ReportTools, opts: WebOptions, ui: Ui): Promise<WebServer> {
  const { host, port } = parseHttpAddress(opts.http);
  const session = new Session(p, config, guardedTools(tools, p), opts.sources, opts.sides, opts.goroutines);
  // The default view is ready before the URL is printed: the first page
  // request then costs a cache hit, not a graph build (large profiles).
  try {
    session.flame(new URLSearchParams());
  } catch {
    // The page shows the error when it asks.
  }
  const server = await startWebServer(singleSession(session), host, port);
  ui.printErr(`Serving web UI on ${server.url}`);
  await announce(opts.goroutines ? `${server.url}goroutines` : server.url, host, 'the profile and its source files', opts.noBrowser, ui);
  return server;
}

/**
 * serveRuns starts the run dashboard (`gotune web`) on one run or two
 * (baseline, candidate), prints its URL and opens a browser unless
 * noBrowser; opened says whether one was.
 */
export async function serveRuns(runs: readonly ServedRun[], config: Config, tools: ReportTools, opts: { http: string; noBrowser: boolean }, ui: Ui): Promise<WebServer & { opened: boolean }> {
  const { host, port } = parseHttpAddress(opts.http);
  const server = await startWebServer(runSessions(runs, config, tools, dashboardData(runs)), host, port);
  const url = `${server.url}dashboard`;
  ui.printErr(`Serving the run dashboard on ${url}`);
  return { ...server, opened: await announce(url, host, "the runs' profiles and source files", opts.noBrowser, ui) };
}

/** announce warns when the server is reachable beyond this machine, and opens page in a browser unless noBrowser; it tells whether one opened. */
async function announce(page: string, host: string, readable: string, noBrowser: boolean, ui: Ui): Promise<boolean> {
  if (!['localhost', '127.0.0.1', '::1'].includes(host)) {
    ui.printErr(`warning: serving on ${host}: anyone who can reach it can read ${readable}`);
  }
  if (noBrowser) return false;
  const opened = Boolean(await openViewer(browserCommands(process.env), page, process.env));
  if (!opened) ui.printErr('could not open a browser; open the URL above');
  return opened;
}
