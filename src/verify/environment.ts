// Whether two runs were measured alike: the machine, the service's Go
// version and GOMAXPROCS, the request and the load settings. A difference
// is a warning: the KPIs may have moved for that reason, not the code.

import type { RunFiles } from '../ports.js';
import type { RunJson } from '../run/run-json.js';

/** gomaxprocsOf reads GOMAXPROCS from a run's /debug/vars captures (published as "gomaxprocs"), or null when no capture has it. */
export function gomaxprocsOf(json: RunJson, files: RunFiles): number | null {
  for (const r of [...json.repetitions].reverse()) {
    for (const c of r.captures) {
      if (!c.ok || c.file === null || !/^vars\./.test(c.name)) continue;
      let text: string | null = null;
      try {
        text = files.readText(c.file);
      } catch {
        continue;
      }
      if (text === null) continue;
      try {
        const vars = JSON.parse(text) as Record<string, unknown>;
        const v = vars.gomaxprocs ?? vars.GOMAXPROCS;
        if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
      } catch {
        // Not JSON: nothing to learn from it.
      }
    }
  }
  return null;
}

/** requestOf is the request as compared: method, path and query, body size (the port changes with every restart of a service). */
function requestOf(json: RunJson): string {
  let where = json.config.target;
  try {
    const u = new URL(json.config.target);
    where = `${u.pathname}${u.search}`;
  } catch {
    // Not a URL: compare it as written.
  }
  return `${json.config.method ?? 'GET'} ${where}${json.config.bodyBytes ? ` (${json.config.bodyBytes}-byte body)` : ''}`;
}

function hostOf(json: RunJson): string {
  try {
    return new URL(json.config.target).hostname;
  } catch {
    return '';
  }
}

/** loadOf describes the load settings as compared. */
function loadOf(json: RunJson): string {
  const c = json.config;
  const mode = c.rate === null || c.rate === undefined ? 'closed loop' : `open loop at ${c.rate} req/s`;
  return `${mode}, ${c.concurrency} connections, ${c.durationSeconds}s windows after ${c.warmupSeconds}s warm-up, ${c.timeoutMs / 1000}s timeout`;
}

/** machineOf describes the machine as compared. */
function machineOf(json: RunJson): string {
  const m = json.environment.machine;
  return `${m.hostname} (${m.platform}/${m.arch}, ${m.cpus} CPUs${m.cpuModel ? `, ${m.cpuModel}` : ''})`;
}

/**
 * environmentWarnings lists what differs between the runs' environments
 * and settings, one line each, with both values; gomaxprocs are the values
 * gomaxprocsOf found (null: not recorded).
 */
export function environmentWarnings(base: RunJson, cand: RunJson, gomaxprocs: [number | null, number | null]): string[] {
  const out: string[] = [];
  const differ = (what: string, a: string, b: string) => {
    if (a !== b) out.push(`${what} differs: ${a} in the baseline, ${b} in the candidate`);
  };
  differ('the machine', machineOf(base), machineOf(cand));
  differ("the service's Go version", base.environment.go?.version ?? 'unknown', cand.environment.go?.version ?? 'unknown');
  if (gomaxprocs[0] !== null && gomaxprocs[1] !== null) differ('GOMAXPROCS', String(gomaxprocs[0]), String(gomaxprocs[1]));
  differ('the request', requestOf(base), requestOf(cand));
  if (!(base.environment.targetLocal && cand.environment.targetLocal)) differ('the target host', hostOf(base), hostOf(cand));
  differ('where the service ran', base.environment.targetLocal ? 'this machine' : 'another machine', cand.environment.targetLocal ? 'this machine' : 'another machine');
  differ('the load', loadOf(base), loadOf(cand));
  return out;
}
