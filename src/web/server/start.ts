// `-http`: build the session from the fetched profile and the command
// line's settings, start the server, print the URL, open a browser unless
// -no_browser, and serve until interrupted.

import type { Config } from '../../driver/config.js';
import type { ReportTools, Ui } from '../../ports.js';
import type { Profile } from '../../profile/types.js';
import { browserCommands, openViewer } from '../../node/viewer.js';
import { guardedSourceReader } from './guarded-sources.js';
import { parseHttpAddress, startWebServer, type WebServer } from './serve.js';
import type { GoroutineReport } from '../../goroutine/model.js';
import { Session, type Sides } from './session.js';
import { singleSession } from './sessions.js';

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
  const guarded: ReportTools = { ...tools, sources: tools.sources ? guardedSourceReader(tools.sources, p) : undefined };
  const session = new Session(p, config, guarded, opts.sources, opts.sides, opts.goroutines);
  // The default view is ready before the URL is printed: the first page
  // request then costs a cache hit, not a graph build (large profiles).
  try {
    session.flame(new URLSearchParams());
  } catch {
    // The page shows the error when it asks.
  }
  const server = await startWebServer(singleSession(session), host, port);
  if (!['localhost', '127.0.0.1', '::1'].includes(host)) {
    ui.printErr(`warning: serving on ${host}: anyone who can reach it can read the profile and its source files`);
  }
  ui.printErr(`Serving web UI on ${server.url}`);
  if (!opts.noBrowser) {
    const page = opts.goroutines ? `${server.url}goroutines` : server.url;
    const opened = await openViewer(browserCommands(process.env), page, process.env);
    if (!opened) ui.printErr('could not open a browser; open the URL above');
  }
  return server;
}
