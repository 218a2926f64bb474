// A small structural check of a parsed run.json: the fields the later
// steps read exist and have their types, so a hand-edited or truncated
// file fails with a message that names the field, not deep in a rule.

/** Shape describes what a JSON value must look like. */
export type Shape =
  | 'string' | 'number' | 'boolean' | 'any'
  | { nullable: Shape }
  | { array: Shape }
  | { record: Shape }
  | { object: Record<string, Shape>; optional?: readonly string[] };

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function want(s: Shape): string {
  if (typeof s === 'string') return s === 'any' ? 'a value' : `a ${s}`;
  if ('nullable' in s) return `${want(s.nullable)} or null`;
  if ('array' in s) return 'an array';
  return 'an object';
}

/** shapeProblem returns the first place where v does not fit s ("repetitions[0].kpis: want an object, found null"), or null. */
export function shapeProblem(v: unknown, s: Shape, path: string): string | null {
  const fail = () => `${path}: want ${want(s)}, found ${kind(v)}`;
  if (typeof s === 'string') {
    if (s === 'any') return v === undefined ? fail() : null;
    if (s === 'number') return typeof v === 'number' && Number.isFinite(v) ? null : fail();
    return typeof v === s ? null : fail();
  }
  if ('nullable' in s) return v === null ? null : shapeProblem(v, s.nullable, path);
  if ('array' in s) {
    if (!Array.isArray(v)) return fail();
    for (let i = 0; i < v.length; i++) {
      const p = shapeProblem(v[i], s.array, `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail();
  const o = v as Record<string, unknown>;
  if ('record' in s) {
    for (const [k, x] of Object.entries(o)) {
      const p = shapeProblem(x, s.record, `${path}.${k}`);
      if (p) return p;
    }
    return null;
  }
  for (const [k, sub] of Object.entries(s.object)) {
    if (!(k in o)) {
      if (s.optional?.includes(k)) continue;
      return `${path}.${k}: missing`;
    }
    const p = shapeProblem(o[k], sub, `${path}.${k}`);
    if (p) return p;
  }
  return null;
}
