// --pprof addresses: host:port, bare URLs and full /debug/pprof URLs.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pprofAddress, profileUrl } from './pprof-address.js';

test('the forms --pprof accepts', () => {
  const want = { base: 'http://127.0.0.1:6060/debug/pprof', vars: 'http://127.0.0.1:6060/debug/vars' };
  for (const a of ['127.0.0.1:6060', 'http://127.0.0.1:6060', 'http://127.0.0.1:6060/', 'http://127.0.0.1:6060/debug/pprof', '127.0.0.1:6060/debug/pprof/']) {
    assert.deepEqual(pprofAddress(a), want, a);
  }
  assert.deepEqual(pprofAddress('https://h/admin/debug/pprof/'), { base: 'https://h/admin/debug/pprof', vars: 'https://h/admin/debug/vars' });
  assert.deepEqual(pprofAddress('https://h/admin'), { base: 'https://h/admin/debug/pprof', vars: 'https://h/admin/debug/vars' });
  assert.throws(() => pprofAddress('ftp://h/'), /scheme must be http or https/);
  assert.throws(() => pprofAddress('http://[x'), /not a URL or host:port/);
});

test('profileUrl', () => {
  const a = pprofAddress('h:1');
  assert.equal(profileUrl(a, 'heap'), 'http://h:1/debug/pprof/heap');
  assert.equal(profileUrl(a, 'profile', { seconds: 3 }), 'http://h:1/debug/pprof/profile?seconds=3');
  assert.equal(profileUrl(a, 'goroutine', { debug: 2 }), 'http://h:1/debug/pprof/goroutine?debug=2');
});
