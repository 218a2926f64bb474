// The shape of a route handler: what a handler receives for one request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session } from './session.js';
import type { Sessions } from './sessions.js';

/** RequestContext is one request as a handler sees it. */
interface RequestContext {
  /** The session the query selects (a placeholder for routes that need none: see SESSIONLESS). */
  session: Session;
  sessions: Sessions;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

/** Handler answers one route. */
export type Handler = (ctx: RequestContext) => void | Promise<void>;
