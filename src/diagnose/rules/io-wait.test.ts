// Tests of the io-wait rule: request goroutines waiting on downstream calls,
// calls fanned out to goroutines of their own, connection churn, and what is
// idle rather than waiting (listeners, a server reading its own client).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { synthView } from '../view.js';
import { contention, cpu, goroutines, inputs } from '../testing.test.js';
import { channelBlocking } from './channel-blocking.js';
import { ioWait } from './io-wait.js';

const CALL = ['runtime.selectgo', 'net/http.(*persistConn).roundTrip', 'net/http.(*Transport).roundTrip', 'net/http.send', 'net/http.(*Client).do', 'net/http.(*Client).Get', 'main.fetch'];
const POOL = ['runtime.selectgo', 'net/http.(*Transport).getConn', 'net/http.(*Transport).roundTrip', 'net/http.send', 'net/http.(*Client).do', 'net/http.(*Client).Get', 'main.fetch'];
const READ = ['runtime.gopark', 'runtime.netpollblock', 'internal/poll.runtime_pollWait', 'internal/poll.(*pollDesc).wait', 'internal/poll.(*FD).Read', 'net.(*netFD).Read', 'net.(*conn).Read', 'main.readReply'];
const DIAL = ['syscall.Syscall', 'internal/poll.(*FD).Connect', 'net.(*netFD).connect', 'net.(*sysDialer).dialSerial', 'net.(*Dialer).DialContext', 'net/http.(*Transport).dialConn', 'net/http.(*Transport).dialConnFor'];

/** fanout is a block profile of calls made from goroutines the handler started (no server frames below them). */
function fanout(delay: number) {
  return synthView('block', ['contentions', 'delay'], [[[...CALL, 'main.handler.func1', 'runtime.goexit'], 1, delay], [['sync.(*WaitGroup).Wait', 'main.handler', 'net/http.HandlerFunc.ServeHTTP', 'net/http.(*conn).serve'], 1, delay / 3]], { durationNanos: 10e9 });
}

test('io-wait: request goroutines waiting in net/http.(*Client).do are high, at the user function that calls', () => {
  const f = ioWait(inputs({ block: contention('block', [[CALL, 50e9], [POOL, 2e9]]) }));
  assert.equal(f.length, 1);
  assert.equal(f[0].kind, 'io-wait');
  assert.equal(f[0].severity, 'high');
  assert.equal(f[0].where?.function, 'main.fetch');
  assert.equal(f[0].where?.file, 'main.go');
  assert.deepEqual(f[0].where?.stack, ['net/http.(*conn).serve', 'net/http.HandlerFunc.ServeHTTP', 'main.handler', 'main.fetch']);
  assert.match(f[0].title, /requests wait on downstream I\/O in main\.fetch \(net\/http\.\(\*Client\)\.Get\)/);
  assert.match(f[0].evidence[0], /52\.00s of wait .*\(5\.20 goroutines waiting on average\); 100% at main\.fetch/);
  assert.ok(f[0].evidence.some((e) => /3\.8% of the wait is for a connection/.test(e)), f[0].evidence.join('\n'));
  assert.match(f[0].suggestion, /concurrently/);
  assert.match(f[0].suggestion, /context\.WithTimeout/);
});

test('io-wait: calls already fanned out to goroutines are medium; channel-blocking leaves them to io-wait', () => {
  const b = fanout(80e9);
  const f = ioWait(inputs({ block: b }));
  assert.equal(f[0].severity, 'medium');
  assert.equal(f[0].where?.function, 'main.fetch');
  assert.match(f[0].evidence.join('\n'), /already overlap/);
  assert.deepEqual(channelBlocking(inputs({ block: b })), []);
});

test('io-wait: connections set up per call (dialing in CPU and allocation) make even fanned-out waits high', () => {
  const c = cpu([[DIAL, 20], [['main.work'], 80]]);
  const f = ioWait(inputs({ block: fanout(80e9), cpu: c }));
  assert.equal(f[0].severity, 'high');
  assert.match(f[0].evidence.join('\n'), /20% of CPU in setting up connections/);
  assert.match(f[0].suggestion, /^reuse connections: .*MaxIdleConnsPerHost/);
});

test('io-wait reads goroutine snapshots: IO wait in user code counts; listeners and a server reading its client do not', () => {
  const accept = ['runtime.gopark', 'runtime.netpollblock', 'internal/poll.runtime_pollWait', 'internal/poll.(*FD).Accept', 'net.(*netFD).accept', 'net.(*TCPListener).Accept', 'net/http.(*Server).Serve', 'main.serve'];
  const body = ['runtime.gopark', 'runtime.netpollblock', 'internal/poll.runtime_pollWait', 'internal/poll.(*FD).Read', 'net.(*conn).Read', 'net/http.(*connReader).Read', 'bufio.(*Reader).Read', 'net/http.(*body).Read', 'io.ReadAll', 'main.upload', 'net/http.HandlerFunc.ServeHTTP', 'net/http.(*conn).serve'];
  const idle = [goroutines([[accept, 1], [body, 40]], 1e9), goroutines([[accept, 1], [body, 40]], 2e9)];
  assert.deepEqual(ioWait(inputs({ goroutine: idle })), []);
  const g = [goroutines([[READ, 3], [accept, 1]], 1e9), goroutines([[READ, 5], [accept, 1]], 2e9)];
  const f = ioWait(inputs({ goroutine: g }));
  assert.equal(f[0].where?.function, 'main.readReply');
  assert.equal(f[0].severity, 'medium');
  assert.match(f[0].evidence[0], /^2 goroutine snapshots: 4\.0 goroutines on average parked on downstream I\/O \(80% of the goroutines in user code\)/);
});

test('io-wait is quiet without downstream waits', () => {
  assert.deepEqual(ioWait(inputs({ block: contention('block', [[['runtime.chansend1', 'main.enqueue'], 50e9]]) })), []);
  assert.deepEqual(ioWait(inputs({})), []);
  assert.deepEqual(ioWait(inputs({ block: contention('block', [[CALL, 1e6]]) })), []);
});
