// TLS client settings from pprof's -tls_cert, -tls_key and -tls_ca flags,
// loaded with pprof's rules and messages (its internal/transport package).

import { readFileSync } from 'node:fs';
import type { TlsFiles } from '../ports.js';
import { FetchError } from './errors.js';


/** TlsClientOptions are the node:tls options those files give. */
export interface TlsClientOptions {
  cert?: Buffer;
  key?: Buffer;
  /** When set, replaces the default trusted roots (as Go's RootCAs does). */
  ca?: Buffer;
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file or directory' : err.message;
    throw new FetchError(`could not load ${what}: open ${path}: ${why}`);
  }
}

/**
 * loadTlsFiles reads the files: a certificate needs its key and a key its
 * certificate, and each file must be readable (pprof's messages).
 */
export function loadTlsFiles(f: TlsFiles | undefined): TlsClientOptions {
  if (!f) return {};
  const out: TlsClientOptions = {};
  if (f.cert !== '' && f.key !== '') {
    out.cert = read(f.cert, 'certificate/key pair specified by -tls_cert and -tls_key');
    out.key = read(f.key, 'certificate/key pair specified by -tls_cert and -tls_key');
    const pem = out.cert.toString('latin1');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new FetchError(`could not load certificate/key pair specified by -tls_cert and -tls_key: ${f.cert}: no PEM certificate found`);
    }
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(out.key.toString('latin1'))) {
      throw new FetchError(`could not load certificate/key pair specified by -tls_cert and -tls_key: ${f.key}: no PEM private key found`);
    }
  } else if (f.cert === '' && f.key !== '') {
    throw new FetchError('-tls_key is specified, so -tls_cert must also be specified');
  } else if (f.cert !== '' && f.key === '') {
    throw new FetchError('-tls_cert is specified, so -tls_key must also be specified');
  }
  if (f.ca !== '') out.ca = read(f.ca, 'CA specified by -tls_ca');
  return out;
}
