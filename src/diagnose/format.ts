// The three outputs of a diagnosis: text for a terminal, Markdown for an
// issue or a pull request, and JSON (schema 1) for CI and other tools.

import type { Diagnosis, Finding, ViewLink } from './types.js';

/** DIAGNOSIS_SCHEMA is the version of the JSON output; fields may be added within it, a change of meaning bumps it. */
const DIAGNOSIS_SCHEMA = 1;

function whereLine(f: Finding): string | null {
  if (!f.where) return null;
  const at = f.where.file ? ` (${f.where.file}${f.where.line ? `:${f.where.line}` : ''})` : '';
  return `${f.where.function}${at}`;
}

/** shellWord quotes a path for a POSIX shell when it holds anything but plain characters. */
function shellWord(s: string): string {
  if (s.startsWith('-')) s = `./${s}`; // not a flag
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** seeCommand is the command that opens a finding's profile in the web UI, e.g. "gotune pprof -http=: -base=a b". */
function seeCommand(v: ViewLink): string {
  return `gotune pprof -http=: ${v.baseFile !== undefined ? `-base=${shellWord(v.baseFile)} ` : ''}${shellWord(v.file)}`;
}

/** formatText renders a diagnosis for a terminal. */
export function formatText(d: Diagnosis): string {
  const out: string[] = [`Scenario: ${d.scenario}`];
  for (const r of d.reasoning) out.push(`  - ${r}`);
  out.push('');
  if (d.findings.length === 0) out.push('No findings.');
  d.findings.forEach((f, i) => {
    out.push(`${i + 1}. [${f.severity}] ${f.kind}${f.pattern ? ` (${f.pattern})` : ''}: ${f.title}`);
    const w = whereLine(f);
    if (w) out.push(`   where: ${w}`);
    if (f.where && f.where.stack.length > 1) out.push(`   path:  ${f.where.stack.join(' → ')}`);
    for (const e of f.evidence) out.push(`   evidence: ${e}`);
    out.push(`   fix: ${f.suggestion}`);
    out.push(`   confidence: ${f.confidence.toFixed(2)}`);
    if (f.view) out.push(`   see: ${seeCommand(f.view)}  →  ${f.view.path}`);
  });
  if (d.missing.length) {
    out.push('', 'Missing:');
    for (const m of d.missing) out.push(`  - ${m}`);
  }
  if (d.notes.length) {
    out.push('', 'Notes:');
    for (const n of d.notes) out.push(`  - ${n}`);
  }
  return out.join('\n') + '\n';
}

/** formatMarkdown renders a diagnosis as Markdown. */
export function formatMarkdown(d: Diagnosis): string {
  const out: string[] = [`## Diagnosis: ${d.scenario}`, ''];
  for (const r of d.reasoning) out.push(`- ${r}`);
  out.push('');
  d.findings.forEach((f, i) => {
    out.push(`### ${i + 1}. ${f.kind}${f.pattern ? ` (\`${f.pattern}\`)` : ''} — ${f.severity}`, '', f.title, '');
    const w = whereLine(f);
    if (w) out.push(`- **where**: \`${w}\``);
    if (f.where && f.where.stack.length > 1) out.push(`- **path**: ${f.where.stack.map((s) => `\`${s}\``).join(' → ')}`);
    for (const e of f.evidence) out.push(`- **evidence**: ${e}`);
    out.push(`- **fix**: ${f.suggestion}`, `- **confidence**: ${f.confidence.toFixed(2)}`);
    if (f.view) out.push(`- **see**: \`${seeCommand(f.view)}\` → \`${f.view.path}\``);
    out.push('');
  });
  if (d.findings.length === 0) out.push('No findings.', '');
  if (d.missing.length) out.push('### Missing', '', ...d.missing.map((m) => `- ${m}`), '');
  if (d.notes.length) out.push('### Notes', '', ...d.notes.map((m) => `- ${m}`), '');
  return out.join('\n');
}

/** formatJson renders a diagnosis as JSON, schema 1. */
export function formatJson(d: Diagnosis): string {
  const doc = {
    schema: DIAGNOSIS_SCHEMA,
    scenario: d.scenario,
    reasoning: d.reasoning,
    findings: d.findings.map((f) => ({
      kind: f.kind, severity: f.severity, title: f.title, where: f.where, evidence: f.evidence,
      suggestion: f.suggestion, confidence: Number(f.confidence.toFixed(2)), ...(f.pattern ? { pattern: f.pattern } : {}),
      // Added within schema 1: where the profile is on disk stays out (it depends on the cwd).
      view: f.view ? { profile: f.view.profile, ...(f.view.base !== undefined ? { base: f.view.base } : {}), path: f.view.path } : null,
    })),
    missing: d.missing,
    notes: d.notes,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
