// Where a run happened: the machine, Node and gotune, whether the target
// shares this machine, and the service's Go version when it can be found
// (expvar's "goversion" if the service publishes it, else `go version` on
// the binary named in a profile, when that binary is on this machine).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, hostname, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Environment } from '../run/run-json.js';

/** isLoopback tells whether a host name is this machine. */
function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h) || h === '0.0.0.0' || h === '::';
}

function gotuneVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? 'unknown';
      } catch {
        return 'unknown';
      }
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/** machineEnvironment describes this machine; the Go version is filled in later. */
export function machineEnvironment(targetHost: string): Environment {
  const c = cpus();
  const local = isLoopback(targetHost);
  return {
    machine: {
      hostname: hostname(), platform: process.platform, arch: process.arch, cpus: c.length,
      cpuModel: c[0]?.model?.trim() ?? '', memoryBytes: totalmem(), loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    },
    node: process.version,
    gotune: gotuneVersion(),
    go: null,
    targetLocal: local,
    notes: local ? [`the service and the load generator share this machine's ${c.length} cores`] : [],
  };
}

/** goVersionFromVars reads a Go version published in /debug/vars ("goversion", "go_version", "version"). */
export function goVersionFromVars(vars: unknown): string | null {
  if (!vars || typeof vars !== 'object') return null;
  for (const k of ['goversion', 'go_version', 'goVersion']) {
    const v = (vars as Record<string, unknown>)[k];
    if (typeof v === 'string' && /^go\d/.test(v)) return v;
  }
  return null;
}

/**
 * goVersionOfBinary runs `go version FILE` on a binary that exists on this
 * machine (the main mapping of a profile from a local service); null when
 * Go or the file is missing or it is not a Go binary.
 */
export function goVersionOfBinary(file: string): string | null {
  if (file === '' || !existsSync(file)) return null;
  const r = spawnSync('go', ['version', file], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0 || !r.stdout) return null;
  const m = /: (go\S+)/.exec(r.stdout);
  return m ? m[1] : null;
}
