// The load generator: keep-alive HTTP/1.1 connections driven closed-loop
// (each connection sends its next request when the previous one answers)
// or open-loop at a fixed rate, recording every response's latency in
// microseconds into an HDR histogram during a measurement window.

import { performance } from 'node:perf_hooks';
import { HdrHistogram } from './hdr-histogram.js';
import { buildRequest, Http1Connection, type Endpoint } from './http1-connection.js';

/** LoadOptions configures a LoadGenerator. */
export interface LoadOptions {
  /** The URL to request (http or https). */
  url: URL;
  method: string;
  headers: [string, string][];
  body: Buffer | null;
  /** Connections, and so the most requests in flight at once. */
  connections: number;
  /** Requests per second for open-loop load; 0 for closed-loop. */
  rate: number;
  /** A request without a complete response after this long counts as a timeout. */
  timeoutMs: number;
  /** https: skip certificate verification. */
  insecure?: boolean;
}

/** WindowStats is what the generator measured during one window. */
export interface WindowStats {
  /** Wall-clock start of the window (ms since the epoch). */
  startedAt: number;
  durationMs: number;
  /** Latency of every response in µs (open loop: from its intended send time when it had to wait for a connection). */
  latency: HdrHistogram;
  /** Complete responses, any status. */
  responses: number;
  /** Bytes received, headers included. */
  bytes: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Responses whose status is not 2xx or 3xx. */
  httpErrors: number;
  /** Requests lost to connection errors, by code (ECONNREFUSED, ECONNRESET, CLOSED, …). */
  connectionErrors: Record<string, number>;
  /** Requests without a complete response within the timeout. */
  timeouts: number;
  /** Requests still in flight when the window closed (not counted elsewhere). */
  inFlightAtEnd: number;
  /** Open loop only: requests due in the window, and how many were never sent because every connection was busy. */
  scheduled?: number;
  notSent?: number;
  /** Open loop only: how late the generator's own timers sent requests, in µs. */
  sendLag?: HdrHistogram;
}

/** TargetDown says the target stopped accepting connections. */
export interface TargetDown {
  code: string;
  message: string;
  /** Milliseconds since the last complete response. */
  silentMs: number;
}

interface Slot {
  conn: Http1Connection | null;
  /** performance.now() the outstanding request is timed from. */
  start: number;
  /** performance.now() it was actually written (for the timeout). */
  sent: number;
  timer: NodeJS.Timeout | null;
  /** Consecutive connection failures, for the reconnect backoff. */
  failures: number;
}

function newWindow(rate: number): WindowStats {
  return {
    startedAt: Date.now(), durationMs: 0, latency: new HdrHistogram(), responses: 0, bytes: 0, statuses: {},
    httpErrors: 0, connectionErrors: {}, timeouts: 0, inFlightAtEnd: 0,
    ...(rate > 0 ? { scheduled: 0, notSent: 0, sendLag: new HdrHistogram() } : {}),
  };
}

/**
 * LoadGenerator sends requests from start() to stop(). Responses are
 * recorded only inside a window (startWindow … endWindow) and only for
 * requests sent (or due) after it opened, so warm-up and the tail after
 * the window never mix into the figures.
 *
 * Open loop (rate > 0) avoids coordinated omission: request k is due at
 * t0 + k/rate whatever happened before. A request that could not be sent
 * on time because every connection was waiting on the service is timed
 * from when it was due, so a stalled service shows its stall in the
 * percentiles rather than silently slowing the generator down. A request
 * that waited only for the generator's own timer is timed from when it
 * went out; that timer lag is reported apart (sendLag).
 */
export class LoadGenerator {
  private readonly endpoint: Endpoint;
  private readonly request: Buffer;
  private readonly slots: Slot[] = [];
  private running = false;
  private t0 = 0;
  private nextDue = 0;
  private readonly interval: number;
  private window: WindowStats | null = null;
  private windowStart = 0;
  private sweeper: NodeJS.Timeout | null = null;
  private lastResponse = 0;
  private downReported = false;
  /** Total complete responses since start (for progress lines). */
  totalResponses = 0;
  /** Total failed requests since start (connection errors and timeouts). */
  totalFailures = 0;
  /** onDown is called once when connections keep failing and nothing answers (0.5 s of refusals, else 2 s). */
  onDown: ((d: TargetDown) => void) | null = null;

  constructor(private readonly opts: LoadOptions) {
    const u = opts.url;
    const tls = u.protocol === 'https:';
    this.endpoint = {
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: Number(u.port || (tls ? 443 : 80)),
      tls,
      rejectUnauthorized: !opts.insecure,
    };
    this.request = buildRequest({ method: opts.method, path: u.pathname + u.search, host: u.host, headers: opts.headers, body: opts.body });
    this.interval = opts.rate > 0 ? 1000 / opts.rate : 0;
  }

  /** start opens the connections and begins sending. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.t0 = performance.now();
    this.lastResponse = this.t0;
    this.nextDue = 0;
    for (let i = 0; i < this.opts.connections; i++) {
      const slot: Slot = { conn: null, start: 0, sent: 0, timer: null, failures: 0 };
      this.slots.push(slot);
      this.connect(slot);
    }
    const every = Math.max(10, Math.min(100, this.opts.timeoutMs / 4));
    this.sweeper = setInterval(() => this.sweep(), every);
  }

  /** startWindow begins recording into a fresh window. */
  startWindow(): void {
    this.window = newWindow(this.opts.rate);
    this.windowStart = performance.now();
  }

  /** endWindow stops recording and returns the window's figures. */
  endWindow(): WindowStats {
    const w = this.window ?? newWindow(this.opts.rate);
    const now = performance.now();
    w.durationMs = this.window ? now - this.windowStart : 0;
    w.inFlightAtEnd = this.slots.filter((s) => s.conn?.busy && s.start >= this.windowStart).length;
    if (this.interval > 0 && this.window) {
      const first = Math.ceil((this.windowStart - this.t0) / this.interval);
      const last = Math.floor((now - this.t0) / this.interval);
      w.scheduled = Math.max(0, last - first + 1);
      const sent = Math.min(this.nextDue, last + 1) - first;
      w.notSent = Math.max(0, w.scheduled - Math.max(0, sent));
    }
    this.window = null;
    return w;
  }

  /** stop ends the load: pending timers are cleared and sockets closed. */
  stop(): void {
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const s of this.slots) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      s.conn?.destroy();
      s.conn = null;
    }
    this.slots.length = 0;
  }

  private recording(start: number): WindowStats | null {
    return this.window && start >= this.windowStart ? this.window : null;
  }

  private connect(slot: Slot): void {
    if (!this.running) return;
    const conn = new Http1Connection(this.endpoint,
      (status, bytes) => this.onResponse(slot, conn, status, bytes),
      (code, message) => this.onFailure(slot, conn, code, message));
    slot.conn = conn;
    this.dispatch(slot);
  }

  private dispatch(slot: Slot): void {
    if (!this.running || !slot.conn || slot.conn.closed) return;
    if (this.interval === 0) {
      slot.start = slot.sent = performance.now();
      slot.conn.send(this.request);
      return;
    }
    const due = this.t0 + this.nextDue * this.interval;
    this.nextDue++;
    const now = performance.now();
    if (due <= now) {
      // Due already: it waited for a connection, so it is timed from when it was due.
      slot.start = due;
      slot.sent = now;
      slot.conn.send(this.request);
      return;
    }
    slot.timer = setTimeout(() => {
      slot.timer = null;
      if (!this.running || !slot.conn || slot.conn.closed) return;
      const sent = performance.now();
      const w = this.recording(due);
      if (w) w.sendLag!.record((sent - due) * 1000);
      slot.start = slot.sent = sent;
      slot.conn.send(this.request);
    }, due - now);
  }

  private onResponse(slot: Slot, conn: Http1Connection, status: number, bytes: number): void {
    if (slot.conn !== conn) return;
    const now = performance.now();
    this.lastResponse = now;
    this.downReported = false;
    slot.failures = 0;
    this.totalResponses++;
    const w = this.recording(slot.start);
    if (w) {
      w.latency.record((now - slot.start) * 1000);
      w.responses++;
      w.bytes += bytes;
      w.statuses[status] = (w.statuses[status] ?? 0) + 1;
      if (status < 200 || status >= 400) w.httpErrors++;
    }
    if (conn.closed) this.connect(slot);
    else this.dispatch(slot);
  }

  private onFailure(slot: Slot, conn: Http1Connection, code: string, message: string): void {
    if (slot.conn !== conn) return;
    slot.conn = null;
    if (slot.timer) {
      clearTimeout(slot.timer);
      slot.timer = null;
      // The claimed due time is dropped with the connection; the schedule goes on.
    }
    if (code !== 'IDLE_CLOSED') {
      this.totalFailures++;
      slot.failures++;
      const w = this.recording(slot.start);
      if (w) w.connectionErrors[code] = (w.connectionErrors[code] ?? 0) + 1;
      this.checkDown(code, message);
    }
    if (!this.running) return;
    // Back off while the target refuses, so a dead target does not spin the CPU.
    const delay = slot.failures === 0 ? 0 : Math.min(500, 10 * 2 ** Math.min(slot.failures, 6));
    if (delay === 0) this.connect(slot);
    else slot.timer = setTimeout(() => { slot.timer = null; this.connect(slot); }, delay);
  }

  // Refused connections mean nothing listens any more: 0.5 s of them is
  // enough. Resets and closes can be a restart or an overload: wait 2 s.
  private checkDown(code: string, message: string): void {
    const silent = performance.now() - this.lastResponse;
    if (this.downReported) return;
    if (code === 'ECONNREFUSED' ? silent < 500 : silent < 2000) return;
    if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET' && code !== 'CLOSED' && code !== 'EPIPE') return;
    this.downReported = true;
    this.onDown?.({ code, message, silentMs: Math.round(silent) });
  }

  private sweep(): void {
    const now = performance.now();
    for (const slot of this.slots) {
      const conn = slot.conn;
      if (!conn || !conn.busy || now - slot.sent < this.opts.timeoutMs) continue;
      this.totalFailures++;
      const w = this.recording(slot.start);
      if (w) w.timeouts++;
      conn.destroy();
      slot.conn = null;
      this.connect(slot);
    }
  }
}
