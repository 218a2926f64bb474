// The web UI's HTTP server: binds host:port (localhost and a free port by
// default), refuses requests whose Host header is neither the bound address
// nor localhost (DNS rebinding), and dispatches by the route table.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isUserError, UserError } from '../../user-error.js';
import { sendError } from './http-util.js';
import { routeOf } from './routes.js';
import type { Session } from './session.js';
import type { Sessions } from './sessions.js';

/** WebServer is a running UI. */
export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/** parseHttpAddress splits -http=[host]:port; the host defaults to localhost, the port to 0 (a free one). */
export function parseHttpAddress(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(':');
  const hostPart = i < 0 ? addr : addr.slice(0, i);
  const portPart = i < 0 ? '' : addr.slice(i + 1);
  const host = hostPart.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  if (portPart !== '' && !/^\d{1,5}$/.test(portPart)) throw new UserError(`-http: bad port ${portPart}`, 2);
  const port = portPart === '' ? 0 : Number(portPart);
  if (port > 65535) throw new UserError(`-http: bad port ${portPart}`, 2);
  return { host, port };
}

/** allowedHost tells whether a Host header names this server: localhost, a loopback address, or the bound host. */
export function allowedHost(header: string | undefined, boundHost: string): boolean {
  if (header === undefined) return false;
  const name = header.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return name === 'localhost' || name === '127.0.0.1' || name === '::1' || name === boundHost.toLowerCase();
}

/** startWebServer serves the sessions' views and resolves once it listens. */
export async function startWebServer(sessions: Sessions, host: string, port: number): Promise<WebServer> {
  const server: Server = createServer((req, res) => {
    if (!allowedHost(req.headers.host, host)) return sendError(res, 403, 'forbidden: the Host header does not name this server');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'method not allowed');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/' || url.pathname === '/ui') {
      res.writeHead(302, { location: '/ui/' + url.search });
      return res.end();
    }
    const r = routeOf(url.pathname);
    if (!r) return sendError(res, 404, 'not found');
    Promise.resolve()
      .then(async () => {
        const session = r.session ? await sessions.select(url.searchParams) : (null as unknown as Session);
        await r.handler({ session, sessions, req, res, url });
      })
      .catch((e: unknown) => {
        if (res.headersSent) return res.destroy();
        sendError(res, isUserError(e) ? 400 : 500, e instanceof Error ? e.message : String(e));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  const url = `http://${host === 'localhost' ? 'localhost' : shown}:${a.port}/ui/`;
  return {
    url,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
