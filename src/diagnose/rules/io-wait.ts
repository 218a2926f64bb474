// Rule io-wait: the user's goroutines wait on downstream I/O (an outbound
// HTTP call, a dial, a read from a connection) rather than work; `where` is
// the user function that makes the call. Read from the block profile (time
// spent in net/http's client selects, over the window) and the goroutine
// snapshots (goroutines parked in Client.do, getConn or "IO wait").

import { viewLink } from '../link.js';
import { anywhere, hasClass, leafClass, owners, type Owner, pct, sumWhere, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs, Severity, StackFacts, View, ViewLink } from '../types.js';
import { windowNanos } from '../wait.js';

/** IoWait is how a stack waits on downstream I/O: for a connection, or for an answer. */
type IoWait = 'connect' | 'answer';

/**
 * ioWaitOf says whether a stack is the user's code waiting on downstream
 * I/O. A listener's Accept and a server reading its own client's request
 * are idle, not downstream waits; stacks with no user frame are the
 * standard library's own helpers (a Transport's read and write loops).
 */
function ioWaitOf(s: StackFacts): IoWait | null {
  if (s.userFn === '' || hasClass(s, ['accept', 'server-read'])) return null;
  if (hasClass(s, ['conn-pool', 'dial'])) return 'connect';
  if (hasClass(s, ['http-client'])) return 'answer';
  return leafClass(s) === 'netpoll' ? 'answer' : null;
}

const isIo = (s: StackFacts) => ioWaitOf(s) !== null;
const isConnect = (s: StackFacts) => ioWaitOf(s) === 'connect';
/** A request goroutine that waits itself: its calls run one after another. */
const isDirect = (s: StackFacts) => isIo(s) && anywhere(s, ['request']);

/** Measure is the waits read from one source, in goroutines waiting on average. */
interface Measure {
  source: string;
  /** Goroutines waiting on downstream I/O, on average. */
  all: number;
  /** Of them, request goroutines waiting themselves. */
  direct: number;
  /** Of all, waiting for a connection (dial, pool). */
  connect: number;
  top: Owner;
  /** The top owner's share of all. */
  topShare: number;
  line: string;
  /** The view that shows the top owner's waits. */
  view: ViewLink | null;
}

function fromBlock(b: View, inputs: Inputs): Measure | null {
  const vi = valueIndex(b, 'delay');
  const win = windowNanos(b, inputs);
  const top = owners(b, vi, isIo)[0];
  if (!top || win <= 0) return null;
  const sum = (keep: (s: StackFacts) => boolean) => owners(b, vi, keep).reduce((t, o) => t + o.value, 0) / win;
  const all = sum(isIo);
  return {
    source: b.name, all, direct: sum(isDirect), connect: sum(isConnect), top, topShare: top.value / win / all,
    view: viewLink('peek', b, top.fn, vi),
    line: `${b.name}: ${(all * win / 1e9).toFixed(2)}s of wait on downstream calls in a ${(win / 1e9).toFixed(0)}s window (${all.toFixed(2)} goroutines waiting on average); ${pct(top.value / win, all)} at ${top.fn}`,
  };
}

function fromGoroutines(g: readonly View[]): Measure | null {
  if (g.length === 0) return null;
  const by = new Map<string, Owner>();
  // The snapshot holding each owner's heaviest stack, for the view.
  const seen = new Map<string, View>();
  let all = 0, direct = 0, connect = 0, inUser = 0;
  for (const v of g) {
    for (const s of v.groups) {
      if (s.userFn !== '') inUser += s.values[0];
      if (!isIo(s)) continue;
      all += s.values[0];
      if (isDirect(s)) direct += s.values[0];
      if (isConnect(s)) connect += s.values[0];
    }
    for (const o of owners(v, 0, isIo)) {
      const x = by.get(o.fn);
      // A copy to sum into (an owner's top is a getter, which a spread would not copy).
      if (!x) { by.set(o.fn, { fn: o.fn, value: o.value, top: o.top, topValue: o.topValue, topOrder: o.topOrder }); seen.set(o.fn, v); } else {
        x.value += o.value;
        if (o.topValue > x.topValue) { x.top = o.top; x.topValue = o.topValue; seen.set(o.fn, v); }
      }
    }
  }
  const top = [...by.values()].sort((a, b) => b.value - a.value || (a.fn < b.fn ? -1 : 1))[0];
  if (!top) return null;
  const n = g.length;
  const names = n === 1 ? g[0].name : `${n} goroutine snapshots`;
  return {
    source: names, all: all / n, direct: direct / n, connect: connect / n, top, topShare: top.value / all,
    view: viewLink('flamegraph', seen.get(top.fn)!, top.fn),
    line: `${names}: ${(all / n).toFixed(1)} goroutines${n > 1 ? ' on average' : ''} parked on downstream I/O (${pct(all, inUser)} of the goroutines in user code); ${pct(top.value, all)} at ${top.fn}`,
  };
}

/** The standard-library call the user function makes: the frame just below it, e.g. net/http.(*Client).Get. */
function callee(o: Owner): string {
  return o.top.user > 0 ? o.top.frames[o.top.user - 1].fn : o.fn;
}

/**
 * ioWait reports the user function whose goroutines wait longest on
 * downstream I/O. A request goroutine that waits itself is the costly case
 * (its calls run one after another and every request pays their sum):
 * high from one goroutine waiting on average, as for locks and channels.
 * Calls made from goroutines of their own already overlap; what remains is
 * the downstream's latency, so they are medium at most, unless much of the
 * wait is for new connections (a pool that does not keep them).
 */
export function ioWait(inputs: Inputs): Finding[] {
  const block = inputs.block ? fromBlock(inputs.block, inputs) : null;
  const gor = fromGoroutines(inputs.goroutine);
  // The block profile is timed over the window; goroutine snapshots are instants, and see raw reads the block profile does not record.
  const m = block && block.all >= 0.01 ? block : gor;
  if (!m || m.all < 0.01) return [];
  const other = m === block ? gor : block;
  const setup = connectionSetup(inputs);
  const waitShare = m.connect / m.all;
  const churn = waitShare >= 0.25 || setup.cpu >= 0.1 || setup.alloc >= 0.2;
  const severity: Severity = m.direct >= 1 ? 'high'
    : churn && m.all >= 1 ? 'high'
      // A goroutine snapshot counts whole goroutines: one parked on average is medium.
      : m.all >= (m === block ? 0.1 : 1) ? 'medium' : 'low';
  const call = callee(m.top);
  const evidence = [m.line];
  if (other && other.all > 0) evidence.push(other.line);
  evidence.push(m.direct > 0
    ? `${(m.direct).toFixed(1)} of them are request goroutines waiting themselves (${call} on the request path below net/http's server): calls made one after another, each request pays their sum`
    : `the calls run in goroutines of their own, off the request goroutine: they already overlap, and what remains is the downstream's own latency`);
  if (waitShare >= 0.01) evidence.push(`${pct(m.connect, m.all)} of the wait is for a connection (net/http.(*Transport).getConn, dial)`);
  // Dialing runs in a goroutine of its own (Transport.dialConnFor), so its cost shows in CPU and allocation more than in the waits.
  if (setup.cpu > 0 && inputs.cpu) evidence.push(`${inputs.cpu.name}: ${pct(setup.cpu, 1)} of CPU in setting up connections (net/http.(*Transport).dialConn, connect)`);
  if (setup.alloc > 0 && setup.heap) evidence.push(`${setup.heap.name}: ${pct(setup.alloc, 1)} of alloc_space in net/http.(*Transport).dialConn (buffers of new connections)`);
  if (churn) evidence.push('a new connection for many calls: connections are not reused');
  const k = inputs.kpis;
  if (m.direct > 0 && k?.throughputRps) {
    // Little's law: goroutines waiting on average = arrival rate × time each waits.
    evidence.push(`${m.direct.toFixed(1)} waiting at ${k.throughputRps.toFixed(0)} req/s ≈ ${(1000 * m.direct / k.throughputRps).toFixed(1)}ms of each request spent waiting downstream${k.p50Us !== undefined ? ` (p50 ${(k.p50Us / 1000).toFixed(1)}ms)` : ''}`);
  }
  if (k?.cores !== undefined) evidence.push(`the service used ${k.cores.toFixed(2)} cores: requests wait rather than compute`);
  return [{
    kind: 'io-wait', severity,
    title: `${m.direct > 0 ? 'requests wait' : 'goroutines wait'} on downstream I/O in ${m.top.fn} (${call})`,
    where: whereOf(m.top),
    evidence,
    suggestion: suggestion(m.direct > 0, churn),
    confidence: Math.min(0.95, (m === block ? 0.6 : 0.5) + (churn ? 0.1 : 0) + m.direct / 10),
    view: m.view,
  }];
}

/** connectionSetup is the share of CPU and of alloc_space (newest heap profile) spent setting up connections. */
function connectionSetup(inputs: Inputs): { cpu: number; alloc: number; heap: View | undefined } {
  const isDial = (s: StackFacts) => anywhere(s, ['dial']);
  const share = (v: View | null | undefined, type: string) => {
    if (!v) return 0;
    const vi = valueIndex(v, type);
    return v.totals[vi] > 0 ? sumWhere(v, vi, isDial) / v.totals[vi] : 0;
  };
  const heap = inputs.heap[inputs.heap.length - 1];
  return { cpu: share(inputs.cpu, 'cpu'), alloc: share(heap, 'alloc_space'), heap };
}

function suggestion(direct: boolean, churn: boolean): string {
  const parts: string[] = [];
  if (churn) parts.push('reuse connections: one shared http.Client (not one per call), keep-alives on, always close and drain response bodies (io.Copy(io.Discard, resp.Body)), and raise Transport.MaxIdleConnsPerHost (default 2) to the concurrency');
  if (direct) parts.push('make independent calls concurrently (a goroutine each and a sync.WaitGroup, or errgroup) instead of one after another');
  parts.push('bound every call with a deadline (http.NewRequestWithContext with context.WithTimeout, or Client.Timeout) so a slow downstream cannot hold requests');
  parts.push('cache answers that repeat');
  if (!churn) parts.push('keep connections reused (close and drain response bodies; MaxIdleConnsPerHost at the concurrency)');
  return parts.join('; ');
}
