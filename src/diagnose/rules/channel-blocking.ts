// Rule channel-blocking: goroutines of the user's code waiting to send or
// receive on a channel (or in select), from the block profile; `where` is
// the user function whose goroutines wait.

import { viewLink } from '../link.js';
import { anywhere, hasClass, leafClass, owners, pct, sumWhere, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs, Severity, StackFacts } from '../types.js';
import { waitSeverity, windowNanos } from '../wait.js';

// A select inside net/http's client is a wait for a connection or a
// response: downstream I/O, which the io-wait rule reads.
const isChan = (s: StackFacts) => {
  const c = leafClass(s);
  return (c === 'chan-send' || c === 'chan-recv' || c === 'select') && !hasClass(s, ['http-client', 'conn-pool', 'dial']);
};

/**
 * A wait matters when a request waits: goroutines serving requests
 * (net/http's conn.serve below them) or senders anywhere (back-pressure).
 * A background goroutine waiting to receive is usually an idle worker.
 */
const matters = (s: StackFacts) => leafClass(s) === 'chan-send' || anywhere(s, ['request']);

function cap(s: Severity): Severity {
  return s === 'high' ? 'medium' : s;
}

/** channelBlocking reports the user function whose channel waits add up to the most delay. */
export function channelBlocking(inputs: Inputs): Finding[] {
  const b = inputs.block;
  if (!b) return [];
  const vi = valueIndex(b, 'delay');
  const waits = owners(b, vi, (s) => isChan(s) && matters(s));
  const idle = waits.length === 0;
  const top = idle ? owners(b, vi, isChan)[0] : waits[0];
  if (!top) return [];
  const delay = sumWhere(b, vi, (s) => isChan(s) && s.userFn !== '');
  const win = windowNanos(b, inputs);
  const waiting = win > 0 ? top.value / win : 0;
  if (win > 0 && waiting < 0.01) return [];
  const op = leafClass(top.top) === 'chan-send' ? 'send on' : leafClass(top.top) === 'chan-recv' ? 'receive from' : 'select on';
  return [{
    // Idle workers waiting for work are reported, but never above low; a
    // receiver may be waiting for work it handed off, so only a blocked
    // sender (a queue that backs up) is high.
    kind: 'channel-blocking', severity: idle ? 'low' : op !== 'send on' ? cap(win > 0 ? waitSeverity(waiting) : 'medium') : win > 0 ? waitSeverity(waiting) : 'medium',
    title: `goroutines in ${top.fn} wait to ${op} a channel`,
    where: whereOf(top),
    evidence: [
      `${b.name}: ${(top.value / 1e9).toFixed(2)}s of channel wait at ${top.fn} (${pct(top.value, delay)} of the user code's channel waits)${win > 0 ? `, ${waiting.toFixed(2)} goroutines waiting on average over ${(win / 1e9).toFixed(0)}s` : ''}`,
      ...(op !== 'send on' && !idle ? ['a receiver may be waiting for work it handed off: the producer side decides whether this is a bottleneck'] : []),
      ...(idle ? ['no request-serving goroutine and no sender waits: these look like idle workers waiting for work'] : []),
    ],
    suggestion: op === 'send on'
      ? 'the receiver is too slow: speed the consumer up, run several consumers, or buffer the channel to absorb bursts'
      : 'the sender is too slow or absent: find who should feed this channel; add a context or a done channel so waiters can give up',
    confidence: win > 0 ? Math.min(0.95, 0.6 + waiting / 10) : 0.5,
    // Peek: who calls the waiting function and where it waits, over the delay.
    view: viewLink('peek', b, top.fn, vi),
  }];
}
