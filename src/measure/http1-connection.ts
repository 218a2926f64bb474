// One keep-alive HTTP/1.1 connection for the load generator: writes a
// prepared request and reads the response with a small incremental parser
// (status line, Content-Length, chunked, or read-to-close bodies). No
// per-request objects beyond the callback: the generator's own cost stays
// far below the service's.

import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** Endpoint is where a connection goes. */
export interface Endpoint {
  host: string;
  port: number;
  tls: boolean;
  /** With tls: verify the server's certificate (default true). */
  rejectUnauthorized?: boolean;
}

/** ResponseDone reports one complete response: its status and its size in bytes. */
type ResponseDone = (status: number, bytes: number) => void;

/** ConnectionFailed reports a failed connection; `code` is Node's error code ('ECONNREFUSED', …) or 'CLOSED'. */
type ConnectionFailed = (code: string, message: string) => void;

const CRLFCRLF = Buffer.from('\r\n\r\n');

const enum State { Idle, Head, Body, Chunked, UntilClose }

/**
 * Http1Connection sends one request at a time over a socket and calls
 * onResponse when its response is complete, onFailure when the socket
 * fails or closes with a request outstanding. A connection that failed or
 * was closed by the server must be replaced (see `closed`).
 */
export class Http1Connection {
  private readonly socket: Socket;
  private state = State.Idle;
  private head: Buffer | null = null;
  private status = 0;
  private remaining = 0;
  private bytes = 0;
  private keepAlive = true;
  private chunkBuf: Buffer | null = null;
  /** closed is set once the socket can no longer be used. */
  closed = false;
  /** connected is set once the socket is connected. */
  connected = false;

  constructor(ep: Endpoint, private readonly onResponse: ResponseDone, private readonly onFailure: ConnectionFailed) {
    if (ep.tls) {
      this.socket = tlsConnect({ host: ep.host, port: ep.port, servername: isIp(ep.host) ? undefined : ep.host, rejectUnauthorized: ep.rejectUnauthorized ?? true });
      this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    } else {
      // onread reads into one buffer per connection, skipping the stream
      // machinery and a Buffer per read: the generator's cost per response
      // is what leaves CPU to the service on a shared machine.
      const buffer = Buffer.allocUnsafe(64 * 1024);
      this.socket = netConnect({ host: ep.host, port: ep.port, onread: { buffer, callback: (n: number) => { this.onData(buffer.subarray(0, n)); return true; } } });
    }
    this.socket.setNoDelay(true);
    this.socket.once(ep.tls ? 'secureConnect' : 'connect', () => { this.connected = true; });
    this.socket.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code ?? 'ERROR', e.message));
    this.socket.on('close', () => this.fail('CLOSED', 'the server closed the connection'));
  }

  /** busy tells whether a request is outstanding. */
  get busy(): boolean {
    return this.state !== State.Idle;
  }

  /** send writes a whole prepared request (the connection must be idle). */
  send(request: Buffer): void {
    this.state = State.Head;
    this.head = null;
    this.bytes = 0;
    this.socket.write(request);
  }

  /** destroy closes the socket without reporting a failure. */
  destroy(): void {
    this.closed = true;
    this.state = State.Idle;
    this.socket.destroy();
  }

  private fail(code: string, message: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.state === State.UntilClose && code === 'CLOSED') {
      this.state = State.Idle;
      this.onResponse(this.status, this.bytes);
      return;
    }
    const outstanding = this.state !== State.Idle;
    this.state = State.Idle;
    this.socket.destroy();
    // A keep-alive connection the server closed while idle is simply replaced.
    if (outstanding || !this.connected) this.onFailure(code, message);
    else this.onFailure('IDLE_CLOSED', message);
  }

  private onData(chunk: Buffer): void {
    this.bytes += chunk.length;
    let data: Buffer = chunk;
    while (data.length > 0 && !this.closed) {
      switch (this.state) {
        case State.Idle:
          return; // bytes after a complete response: ignore (no pipelining)
        case State.Head: {
          const buf: Buffer = this.head ? Buffer.concat([this.head, data]) : data;
          const end = buf.indexOf(CRLFCRLF);
          if (end < 0) {
            if (buf.length > 64 * 1024) {
              this.fail('EPROTO', 'response headers larger than 64 KiB');
              return;
            }
            this.head = buf === data ? Buffer.from(buf) : buf; // the read buffer is reused
            return;
          }
          this.head = null;
          data = buf.subarray(end + 4);
          if (!this.parseHead(buf.toString('latin1', 0, end))) this.finish();
          break;
        }
        case State.Body: {
          const n = Math.min(this.remaining, data.length);
          this.remaining -= n;
          data = data.subarray(n);
          if (this.remaining === 0) this.finish();
          break;
        }
        case State.Chunked:
          data = this.readChunked(data);
          break;
        case State.UntilClose:
          return;
      }
    }
  }

  // parseHead reads the status and framing headers; false when the response has no body.
  private parseHead(head: string): boolean {
    // "HTTP/1.1 200 OK"
    this.status = Number(head.slice(9, 12)) || 0;
    let length = -1;
    let chunked = false;
    this.keepAlive = !head.startsWith('HTTP/1.0');
    let at = head.indexOf('\r\n');
    while (at >= 0) {
      const next = head.indexOf('\r\n', at + 2);
      const line = head.slice(at + 2, next < 0 ? head.length : next);
      const colon = line.indexOf(':');
      if (colon > 0) {
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim().toLowerCase();
        if (name === 'content-length') length = Number(value);
        else if (name === 'transfer-encoding') chunked = value.endsWith('chunked');
        else if (name === 'connection') this.keepAlive = value === 'keep-alive' || (value !== 'close' && this.keepAlive);
      }
      at = next;
    }
    const noBody = this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200);
    if (noBody || length === 0) return false;
    if (chunked) {
      this.state = State.Chunked;
      this.remaining = -1;
      this.chunkBuf = null;
    } else if (length > 0) {
      this.state = State.Body;
      this.remaining = length;
    } else {
      this.state = State.UntilClose;
      this.keepAlive = false;
    }
    return true;
  }

  // Chunked bodies: remaining is the bytes left in the current chunk plus
  // its CRLF, or -1 while reading a size line.
  private readChunked(data: Buffer): Buffer {
    if (this.remaining >= 0) {
      const n = Math.min(this.remaining, data.length);
      this.remaining -= n;
      data = data.subarray(n);
      if (this.remaining === 0) this.remaining = -1;
      return data;
    }
    const buf: Buffer = this.chunkBuf ? Buffer.concat([this.chunkBuf, data]) : data;
    const eol = buf.indexOf('\r\n');
    if (eol < 0) {
      this.chunkBuf = buf === data ? Buffer.from(buf) : buf;
      return Buffer.alloc(0);
    }
    this.chunkBuf = null;
    const size = parseInt(buf.toString('latin1', 0, eol), 16);
    const rest = buf.subarray(eol + 2);
    if (!Number.isFinite(size)) {
      this.fail('EPROTO', 'malformed chunked body');
      return Buffer.alloc(0);
    }
    if (size === 0) {
      // Last chunk: skip trailers up to the empty line.
      const end = rest.indexOf('\r\n');
      if (end === 0) {
        this.finish();
        return rest.subarray(2);
      }
      const blank = rest.indexOf(CRLFCRLF);
      if (blank < 0) {
        this.chunkBuf = Buffer.concat([Buffer.from('0\r\n'), rest]);
        return Buffer.alloc(0);
      }
      this.finish();
      return rest.subarray(blank + 4);
    }
    this.remaining = size + 2;
    return rest;
  }

  private finish(): void {
    this.state = State.Idle;
    const { status, bytes } = this;
    if (!this.keepAlive) {
      this.closed = true;
      this.socket.destroy();
    }
    this.onResponse(status, bytes);
  }
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

/** buildRequest prepares the bytes of a request sent again and again. */
export function buildRequest(opts: { method: string; path: string; host: string; headers: [string, string][]; body: Buffer | null }): Buffer {
  const lines = [`${opts.method} ${opts.path} HTTP/1.1`, `Host: ${opts.host}`];
  const names = new Set(opts.headers.map(([k]) => k.toLowerCase()));
  if (!names.has('user-agent')) lines.push('User-Agent: gotune-measure');
  if (!names.has('accept')) lines.push('Accept: */*');
  for (const [k, v] of opts.headers) lines.push(`${k}: ${v}`);
  if (opts.body) lines.push(`Content-Length: ${opts.body.length}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  return opts.body ? Buffer.concat([head, opts.body]) : head;
}
