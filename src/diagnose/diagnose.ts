// Running every rule over the shared inputs: findings sorted by severity,
// the scenario and what was missing.

import { missingInputs } from './missing.js';
import { RULES } from './rules/index.js';
import { classifyScenario } from './scenario.js';
import type { Diagnosis, Finding, Inputs } from './types.js';

const RANK = { high: 0, medium: 1, low: 2 } as const;

/** diagnose runs the rule table over the inputs. */
export function diagnose(inputs: Inputs): Diagnosis {
  const found: Finding[] = [];
  for (const [, rule] of RULES) found.push(...rule(inputs));
  // A stable sort keeps the rule table's order within a severity.
  const findings = found.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map((x) => x.f);
  const { scenario, reasoning } = classifyScenario(inputs, findings);
  return { scenario, reasoning, findings, missing: missingInputs(inputs), notes: inputs.notes };
}
