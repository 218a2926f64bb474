// Goals and budgets: `--goal p99=-20%` (the KPI must improve significantly
// by at least that much) and `--budget heap=+5%` (it must not get
// significantly worse by more than that), from flags or a budget file
// (`{ "goals": { "p99": "-20%" }, "budgets": { "heap": "+5%" } }`).

import { UsageError } from '../user-error.js';
import { KPI_NAMES, kpiByName, type KpiName } from './kpis.js';

/** Target is one goal or budget. */
export interface Target {
  kind: 'goal' | 'budget';
  kpi: KpiName;
  /** The relative change of the KPI's median it names, signed: -0.2 for -20%. */
  change: number;
  /** As written: "p99=-20%". */
  spec: string;
  /** Where it was given: "--goal" or the budget file's name. */
  source: string;
}

/** TargetError is a malformed goal, budget or budget file (exit 2). */
export class TargetError extends UsageError {}

const SPEC = /^([A-Za-z0-9_]+)=(.*)$/;
const PERCENT = /^([+-]?)(\d+(?:\.\d+)?)%$/;

/** parseChange reads "-20%" for a KPI: the sign must point the way the kind asks (a goal improves, a budget limits a worsening). */
function parseChange(kind: Target['kind'], kpi: KpiName, value: string, shown: string): number {
  const def = kpiByName(kpi)!;
  const m = PERCENT.exec(value.trim());
  const better = def.better === 'lower' ? '-' : '+';
  const worse = def.better === 'lower' ? '+' : '-';
  const want = kind === 'goal' ? better : worse;
  const example = `${kpi}=${want}${kind === 'goal' ? 20 : 5}%`;
  if (!m) throw new TargetError(`${shown}: want a signed percentage such as ${example}`);
  const n = Number(m[2]);
  const sign = m[1];
  if (sign === '' && n !== 0) throw new TargetError(`${shown}: say which way with a sign, such as ${example}`);
  if (sign !== '' && sign !== want && n !== 0) {
    const way = kind === 'goal' ? `a goal asks for an improvement and ${kpi} is better ${def.better}` : `a budget limits how much worse ${kpi} may get, and it is better ${def.better}`;
    throw new TargetError(`${shown}: ${way}: did you mean ${kpi}=${want}${m[2]}%?`);
  }
  if (want === '-' && n >= 100) throw new TargetError(`${shown}: ${kpi} cannot fall by 100% or more`);
  return (want === '-' ? -n : n) / 100;
}

/** parseTarget reads one `KPI=±N%`; source names the flag or file in messages. */
export function parseTarget(kind: Target['kind'], text: string, source: string): Target {
  const shown = source.startsWith('--') ? `${source} ${text}` : `${source}: ${kind} ${text}`;
  const m = SPEC.exec(text.trim());
  if (!m) throw new TargetError(`${shown}: want KPI=±N%, such as ${kind === 'goal' ? 'p99=-20%' : 'heap=+5%'}`);
  const name = m[1].toLowerCase();
  if (!kpiByName(name)) throw new TargetError(`${shown}: unknown KPI "${m[1]}": want one of ${KPI_NAMES.join(', ')}`);
  const kpi = name as KpiName;
  return { kind, kpi, change: parseChange(kind, kpi, m[2], shown), spec: `${kpi}=${m[2].trim()}`, source };
}

/**
 * parseBudgetFile reads a budget file: a JSON object with "goals" and/or
 * "budgets", each mapping a KPI to a signed percentage string. Anything
 * else in it is an error, so that a typo does not drop a budget silently.
 */
export function parseBudgetFile(text: string, where: string): Target[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new TargetError(`${where}: not JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TargetError(`${where}: want a JSON object with "goals" and/or "budgets"`);
  const out: Target[] = [];
  for (const [key, section] of Object.entries(doc as Record<string, unknown>)) {
    if (key !== 'goals' && key !== 'budgets') throw new TargetError(`${where}: unknown key "${key}": want "goals" and/or "budgets"`);
    if (typeof section !== 'object' || section === null || Array.isArray(section)) {
      throw new TargetError(`${where}: "${key}" must map KPIs to percentages, such as {"${key === 'goals' ? 'p99": "-20%' : 'heap": "+5%'}"}`);
    }
    const kind = key === 'goals' ? 'goal' : 'budget';
    for (const [kpi, v] of Object.entries(section as Record<string, unknown>)) {
      if (typeof v !== 'string') throw new TargetError(`${where}: ${kind} ${kpi}: want a string such as "${kind === 'goal' ? '-20%' : '+5%'}", found ${JSON.stringify(v)}`);
      out.push(parseTarget(kind, `${kpi}=${v}`, where));
    }
  }
  return out;
}

/**
 * mergeTargets joins a budget file's targets with the flags': a flag
 * replaces the file's target of the same kind and KPI; the same KPI twice
 * among the flags is an error.
 */
export function mergeTargets(file: readonly Target[], flags: readonly Target[]): Target[] {
  const key = (t: Target) => `${t.kind} ${t.kpi}`;
  const seen = new Map<string, Target>();
  for (const t of flags) {
    const before = seen.get(key(t));
    if (before) throw new TargetError(`--${t.kind} ${t.spec}: a ${t.kind} for ${t.kpi} is already given (${before.spec})`);
    seen.set(key(t), t);
  }
  return [...file.filter((t) => !seen.has(key(t))), ...flags];
}
