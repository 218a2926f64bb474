// Reading a run directory that `gotune measure` wrote: run.json parsed and
// checked (version, and the shape of the fields the later steps read),
// through the RunFiles port so that the browser and tests can supply it.

import type { RunFiles } from '../ports.js';
import { UserError } from '../user-error.js';
import { RUN_JSON_VERSION, type CaptureRecord, type RunJson } from './run-json.js';
import { shapeProblem, type Shape } from './validate.js';

/** RunError is a run directory that cannot be read: missing, not JSON, of a newer version, or malformed. */
export class RunError extends UserError {}

/** RUN_FILE is the name of the document in a run directory. */
const RUN_FILE = 'run.json';

const n = 'number';
const PERCENTILES: Shape = { object: { p50: n, p90: n, p95: n, p99: n, max: n, min: n, mean: n } };
const CAPTURE: Shape = {
  object: { name: 'string', url: 'string', file: { nullable: 'string' }, ok: 'boolean', at: 'string', ms: n, bytes: n, error: 'string', hint: 'string' },
  optional: ['bytes', 'error', 'hint'],
};
const KPIS: Shape = {
  object: {
    load: {
      object: {
        throughputRps: n, requests: n, latencyUs: PERCENTILES,
        errors: { object: { http: n, connection: n, timeouts: n, total: n, byCode: { record: n } } },
        statuses: { record: n },
      },
    },
    cpu: { nullable: { object: { cpuSeconds: n, profileSeconds: n, cores: n, percentOfMachine: { nullable: n } } } },
    memory: { nullable: { record: { nullable: n } } },
    gc: { nullable: { object: { count: n, perSecond: n, cpuFraction: n } } },
    goroutines: { nullable: { object: { start: { nullable: n }, end: { nullable: n } } } },
  },
};
const RUN_SHAPE: Shape = {
  object: {
    version: n, tool: 'string', complete: 'boolean', status: 'string', reason: { nullable: 'string' },
    startedAt: 'string', finishedAt: { nullable: 'string' },
    config: { object: { target: 'string', pprof: { nullable: 'string' }, durationSeconds: n, concurrency: n, repeat: n, profiles: { array: 'string' } } },
    environment: { object: { machine: { object: { cpus: n } }, targetLocal: 'boolean', notes: { array: 'string' } } },
    repetitions: {
      array: {
        object: {
          index: n, complete: 'boolean', startedAt: 'string', durationSeconds: n, kpis: KPIS,
          latencyHistogram: { object: { buckets: { array: { array: n } }, count: n, min: n, max: n, mean: n } },
          captures: { array: CAPTURE }, warnings: { array: 'string' },
        },
      },
    },
    warnings: { array: 'string' },
  },
};

/** parseRunJson parses and checks the text of a run.json; `where` names it in messages. */
function parseRunJson(text: string, where: string): RunJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RunError(`${where}: not JSON (${(e as Error).message})`);
  }
  const version = (doc as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > RUN_JSON_VERSION) {
    throw new RunError(`${where}: written by a newer gotune (run.json version ${version}; this gotune reads version ${RUN_JSON_VERSION})`);
  }
  const problem = shapeProblem(doc, RUN_SHAPE, 'run.json');
  if (problem) throw new RunError(`${where}: not a gotune run: ${problem}`);
  return doc as RunJson;
}

/** RunCapture is one capture of a run, with the repetition it belongs to. */
interface RunCapture extends CaptureRecord {
  repetition: number;
}

/** Run is a run directory as read: its document and where it is. */
interface Run {
  dir: string;
  json: RunJson;
  /** Every capture that kept a file, in repetition order. */
  captures: RunCapture[];
}

/** readRun reads and checks the run.json of a run directory. */
export function readRun(files: RunFiles): Run {
  let text: string | null;
  try {
    text = files.readText(RUN_FILE);
  } catch (e) {
    throw new RunError(`${files.dir}: ${(e as Error).message}`);
  }
  if (text === null) throw new RunError(`${files.dir}: no ${RUN_FILE} here: not a run directory of gotune measure`);
  const json = parseRunJson(text, `${files.dir}/${RUN_FILE}`);
  const captures: RunCapture[] = [];
  for (const r of json.repetitions) {
    for (const c of r.captures) if (c.ok && c.file !== null) captures.push({ ...c, repetition: r.index });
  }
  return { dir: files.dir, json, captures };
}
