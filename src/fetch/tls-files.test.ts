// pprof's rules and messages for -tls_cert, -tls_key and -tls_ca.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../testkit/run-cli.js';
import { loadTlsFiles } from './tls-files.js';

const dir = join(repoRoot(), 'testdata', 'tls');

test('certificate, key and CA files load', () => {
  assert.deepEqual(loadTlsFiles(undefined), {});
  assert.deepEqual(loadTlsFiles({ cert: '', key: '', ca: '' }), {});
  const o = loadTlsFiles({ cert: join(dir, 'leaf.pem'), key: join(dir, 'leaf.key'), ca: join(dir, 'ca.pem') });
  assert.ok(o.cert && o.key && o.ca);
});

test('a certificate needs its key, a key its certificate; files must be readable', () => {
  assert.throws(() => loadTlsFiles({ cert: '', key: 'k.pem', ca: '' }), { message: '-tls_key is specified, so -tls_cert must also be specified' });
  assert.throws(() => loadTlsFiles({ cert: 'c.pem', key: '', ca: '' }), { message: '-tls_cert is specified, so -tls_key must also be specified' });
  assert.throws(() => loadTlsFiles({ cert: '', key: '', ca: '/nonexistent/ca.pem' }),
    { message: 'could not load CA specified by -tls_ca: open /nonexistent/ca.pem: no such file or directory' });
  assert.throws(() => loadTlsFiles({ cert: join(dir, 'leaf.key'), key: join(dir, 'leaf.key'), ca: '' }), /no PEM certificate found/);
});
