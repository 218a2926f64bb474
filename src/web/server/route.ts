// The shape of a route handler: what a handler receives for one request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session } from './session.js';

/** RequestContext is one request as a handler sees it. */
interface RequestContext {
  session: Session;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

/** Handler answers one route. */
export type Handler = (ctx: RequestContext) => void | Promise<void>;
