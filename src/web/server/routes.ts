// The route table of the web UI: pprof's paths for the views, and our data
// and static paths; one handler per file under handlers/.

import { downloadHandler } from './handlers/download.js';
import { flameDataHandler } from './handlers/flame-data.js';
import { graphDataHandler } from './handlers/graph-data.js';
import { goroutinesDataHandler } from './handlers/goroutines-data.js';
import { infoDataHandler } from './handlers/info-data.js';
import { labelsDataHandler } from './handlers/labels-data.js';
import { pageHandler } from './handlers/page.js';
import { runDataHandler } from './handlers/run-data.js';
import { sourceDataHandler } from './handlers/source-data.js';
import { staticHandler } from './handlers/static.js';
import { textDataHandler } from './handlers/text-data.js';
import { topDataHandler } from './handlers/top-data.js';
import type { Handler } from './route.js';

/** VIEWS are the pages, each the same shell: pprof's paths. */
const VIEWS = ['/ui/', '/ui/flamegraph', '/ui/top', '/ui/source', '/ui/peek', '/ui/tags', '/ui/disasm', '/ui/graph', '/ui/goroutines', '/ui/dashboard'] as const;

/** ROUTES maps an exact path to its handler. */
const ROUTES: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ...VIEWS.map((v) => [v, pageHandler] as const),
  ['/ui/download', downloadHandler],
  ['/ui/data/flame', flameDataHandler],
  ['/ui/data/top', topDataHandler],
  ['/ui/data/text', textDataHandler],
  ['/ui/data/graph', graphDataHandler],
  ['/ui/data/info', infoDataHandler],
  ['/ui/data/goroutines', goroutinesDataHandler],
  ['/ui/data/run', runDataHandler],
  ['/ui/data/labels', labelsDataHandler],
  ['/ui/data/source', sourceDataHandler],
]);

/** Paths whose handler needs no profile: the pages, the static files and the dashboard's data. */
const SESSIONLESS: ReadonlySet<string> = new Set<string>([...VIEWS, '/ui/data/run']);

/** routeOf finds the handler of a path (static files by prefix), and whether it needs the query's session. */
export function routeOf(path: string): { handler: Handler; session: boolean } | undefined {
  if (path.startsWith('/ui/static/')) return { handler: staticHandler, session: false };
  const handler = ROUTES.get(path);
  return handler && { handler, session: !SESSIONLESS.has(path) };
}
