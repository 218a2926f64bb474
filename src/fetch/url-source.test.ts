// adjustUrl against the rules of go tool pprof (cmd/pprof's adjustURL):
// which sources are URLs, the default CPU path, -seconds, timeouts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adjustUrl, goDuration } from './url-source.js';

test('host:port and URLs without a path fetch the CPU profile', () => {
  assert.deepEqual(adjustUrl('localhost:6060', -1, -1),
    { url: 'http://localhost:6060/debug/pprof/profile', timeoutSeconds: 60, collectSeconds: 30 });
  assert.equal(adjustUrl('127.0.0.1:6060', -1, -1)?.url, 'http://127.0.0.1:6060/debug/pprof/profile');
  assert.equal(adjustUrl('http://127.0.0.1:6060/', -1, -1)?.url, 'http://127.0.0.1:6060/debug/pprof/profile');
  assert.equal(adjustUrl('https://example.com', -1, -1)?.url, 'https://example.com/debug/pprof/profile');
});

test('paths are kept; -seconds becomes the seconds parameter and sets the timeout', () => {
  assert.deepEqual(adjustUrl('localhost:6060/debug/pprof/heap', -1, -1),
    { url: 'http://localhost:6060/debug/pprof/heap', timeoutSeconds: 60, collectSeconds: 0 });
  assert.deepEqual(adjustUrl('http://h:1/debug/pprof/profile', 10, -1),
    { url: 'http://h:1/debug/pprof/profile?seconds=10', timeoutSeconds: 15, collectSeconds: 10 });
  // The URL's own seconds count when -seconds is not given.
  assert.deepEqual(adjustUrl('http://h:1/debug/pprof/profile?seconds=4', -1, -1),
    { url: 'http://h:1/debug/pprof/profile?seconds=4', timeoutSeconds: 6, collectSeconds: 4 });
  // A delta profile: heap with seconds collects too.
  assert.equal(adjustUrl('h:1/debug/pprof/heap', 5, -1)?.collectSeconds, 5);
  // -timeout wins.
  assert.equal(adjustUrl('h:1', 10, 3)?.timeoutSeconds, 3);
  // -seconds replaces the URL's value; query parameters come out sorted, as Go's Values.Encode.
  assert.equal(adjustUrl('http://h:1/debug/pprof/heap?seconds=3&gc=1&debug=0', 7, -1)?.url,
    'http://h:1/debug/pprof/heap?debug=0&gc=1&seconds=7');
});

test('https+insecure and other schemes with a host are URLs', () => {
  assert.equal(adjustUrl('https+insecure://127.0.0.1:6443/debug/pprof/heap', -1, -1)?.url,
    'https+insecure://127.0.0.1:6443/debug/pprof/heap');
});

test('file names are not URLs', () => {
  for (const s of ['cpu.pb.gz', 'dir/heap.pb.gz', '/abs/path/prof', './x', 'file:///tmp/x']) {
    assert.equal(adjustUrl(s, -1, -1), null, s);
  }
  // Like pprof, a missing file whose first segment has a colon is taken for host:port.
  assert.equal(adjustUrl('mem_2023:55/x', -1, -1)?.url, 'http://mem_2023:55/x');
});

test('goDuration prints as Go does', () => {
  assert.equal(goDuration(30), '30s');
  assert.equal(goDuration(90), '1m30s');
  assert.equal(goDuration(3600), '1h0m0s');
  assert.equal(goDuration(60), '1m0s');
});
