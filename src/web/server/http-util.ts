// Small helpers for the handlers: sending text, JSON, bytes and errors with
// headers that keep the browser from sniffing or framing our answers.

import type { ServerResponse } from 'node:http';

const SAFE = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };

/** send writes one complete answer. */
export function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SAFE, 'content-type': type, ...extra });
  res.end(body);
}

/** sendJson writes a JSON answer. */
export function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** sendError writes a one-line plain-text error. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', message + '\n');
}
