// Projections: how a result maps to a table, a row and a column. A
// projection extracts some fields of a result (.config, .fullname, .name,
// /sub-name keys, file keys) into a Key; Keys compare by value and sort by
// each field's order (first seen, alpha, num, or a fixed list). Several
// projections parsed together exclude each other's specific keys from the
// group keys .config and .fullname, and the residue is what none of them took.

import { nameBase, nameParts, parseGoFloat, type BenchResult } from './parse.js';
import { parseProjection, QuerySyntaxError, type ProjectionField } from './query.js';

/** Extractor reads one field of a result ("" when absent). */
export type Extractor = (r: BenchResult) => string;

/** FilterFn is a compiled filter: a per-value mask, or (mask null) one verdict for the whole result. */
export type FilterFn = (r: BenchResult) => [mask: boolean[] | null, all: boolean];

/** FilterHolder is a filter that projections with fixed orders narrow further. */
export interface FilterHolder {
  match: FilterFn;
}

/** newExtractor reads a key: .name, .fullname, /sub-name (/gomaxprocs: the -N suffix) or a configuration key. */
export function newExtractor(key: string): Extractor {
  if (key === '') throw new Error('key must not be empty');
  if (key === '.name') return (r) => nameBase(r.name);
  if (key === '.fullname') return (r) => r.name;
  if (key.startsWith('/')) {
    const prefix = `${key}=`;
    const procs = key === '/gomaxprocs';
    return (r) => {
      const parts = nameParts(r.name)[1];
      if (procs && parts.length > 0 && parts[parts.length - 1].startsWith('-')) return parts[parts.length - 1].slice(1);
      const p = parts.find((x) => x.startsWith(prefix));
      return p === undefined ? '' : p.slice(prefix.length);
    };
  }
  return (r) => r.config.find((c) => c.key === key)?.value ?? '';
}

/** fullNameExtractor is .fullname without the parts other projections take (.name becomes "*"). */
function fullNameExtractor(exclude: readonly string[]): Extractor {
  const drop = exclude.filter((k) => k.startsWith('/')).map((k) => `${k}=`);
  const noName = exclude.includes('.name');
  const noProcs = exclude.includes('/gomaxprocs');
  if (drop.length === 0 && !noName && !noProcs) return (r) => r.name;
  return (r) => {
    const name = r.name;
    if (!noName && !drop.some((d) => name.includes(d)) && !(noProcs && name.includes('-'))) return name;
    const [base, parts] = nameParts(name);
    let out = noName ? '*' : base;
    for (const part of parts) {
      if (drop.some((d) => part.startsWith(d))) continue;
      if (noProcs && part.startsWith('-')) continue;
      out += part;
    }
    return out;
  };
}

/** Field is one field of a projection; a tuple (.config) has sub-fields and no value of its own. */
class Field {
  readonly sub: Field[] = [];
  cmp: (a: string, b: string) => number = () => 0;
  /** The order values were first seen in, for "first" fields at the top level. */
  order: Map<string, number> | null = null;
  constructor(readonly proj: Projection, readonly name: string, readonly idx: number, readonly isTuple = false) {}
}

/** Key is a projected result: one value per field, compared by identity (keys are interned per projection). */
export class Key {
  constructor(readonly proj: Projection, readonly vals: readonly string[]) {}

  /** get is the value of field f ("" if the key predates the field). */
  get(f: Field): string {
    return f.idx < this.vals.length ? this.vals[f.idx] : '';
  }

  /** stringValues is the non-empty values in field order, space-separated: a row label. */
  stringValues(): string {
    const out: string[] = [];
    for (const f of this.proj.flattened()) {
      const v = this.get(f);
      if (v !== '') out.push(v);
    }
    return out.join(' ');
  }
}

/** Projection extracts fields of results into Keys. */
export class Projection {
  readonly root: Field;
  nFields = 0;
  unitField: Field | null = null;
  readonly projectFns: ((r: BenchResult, row: string[]) => void)[] = [];
  private readonly keys = new Map<string, Key>();
  private flat: Field[] | null = null;

  constructor() {
    this.root = new Field(this, '', -1, true);
  }

  /** addField appends a value field to a group. */
  addField(group: Field, name: string): Field {
    const f = new Field(this, name, this.nFields++);
    group.sub.push(f);
    this.flat = null;
    return f;
  }

  /** addGroup appends a tuple field (.config) to a group. */
  addGroup(group: Field, name: string): Field {
    const f = new Field(this, name, -1, true);
    group.sub.push(f);
    return f;
  }

  /** fields are the top-level fields, as the projection named them. */
  fields(): readonly Field[] {
    return this.root.sub;
  }

  /** flattened is every value field with tuples expanded: the sort and display order. */
  flattened(): readonly Field[] {
    if (!this.flat) {
      const out: Field[] = [];
      const walk = (f: Field) => {
        if (f.idx !== -1) out.push(f);
        else f.sub.forEach(walk);
      };
      walk(this.root);
      this.flat = out;
    }
    return this.flat;
  }

  private row(r: BenchResult): string[] {
    const row: string[] = [];
    for (const fn of this.projectFns) fn(r, row);
    while (row.length < this.nFields) row.push('');
    return row;
  }

  /** project maps a result to its Key. */
  project(r: BenchResult): Key {
    return this.intern(this.row(r));
  }

  /** projectValues maps each value of a result to a Key (differing in .unit when the projection has it). */
  projectValues(r: BenchResult): Key[] {
    const row = this.row(r);
    if (!this.unitField) {
      const k = this.intern(row);
      return r.values.map(() => k);
    }
    const idx = this.unitField.idx;
    return r.values.map((v) => {
      row[idx] = v.unit;
      return this.intern(row);
    });
  }

  private intern(full: readonly string[]): Key {
    let n = full.length;
    while (n > 0 && full[n - 1] === '') n--;
    const vals = full.slice(0, n);
    const id = JSON.stringify(vals);
    const have = this.keys.get(id);
    if (have) return have;
    // Only top-level fields track the order they are first seen in; .config's
    // sub-fields never do, so they sort by value.
    for (const f of this.fields()) {
      if (!f.order) continue;
      const v = f.idx < vals.length ? vals[f.idx] : '';
      if (!f.order.has(v)) f.order.set(v, f.order.size);
    }
    const k = new Key(this, vals);
    this.keys.set(id, k);
    return k;
  }
}

/** lessKeys orders two keys of one projection field by field; values a field's order cannot tell apart sort as strings. */
function lessKeys(flat: readonly Field[], a: Key, b: Key): boolean {
  for (const f of flat) {
    const x = a.get(f);
    const y = b.get(f);
    if (x !== y) {
      const c = f.cmp(x, y);
      if (c !== 0) return c < 0;
      return x < y;
    }
  }
  return false;
}

/** sortKeys sorts keys of one projection in place. */
export function sortKeys(keys: Key[]): Key[] {
  if (keys.length === 0) return keys;
  const flat = keys[0].proj.flattened();
  return keys.sort((a, b) => (lessKeys(flat, a, b) ? -1 : lessKeys(flat, b, a) ? 1 : 0));
}

/** parseNum reads a number with an optional SI or IEC prefix and B: "2k", "1Mi", "64KiB". */
function parseNum(x: string): number | null {
  const v = parseGoFloat(x);
  if (typeof v === 'number') return v;
  const m = /^([+-]?[0-9.]+)([kKMGTPEZY]i?)?[bB]?$/.exec(x);
  if (!m) return null;
  const base = parseGoFloat(m[1]);
  if (typeof base !== 'number') return null;
  if (!m[2]) return base;
  const exp = 1 + 'KMGTPEZY'.indexOf(m[2][0] === 'k' ? 'K' : m[2][0]);
  return base * Math.pow(m[2].endsWith('i') ? 1024 : 1000, exp);
}

const BUILTIN_ORDERS: Record<string, (a: string, b: string) => number> = {
  alpha: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  num: (a, b) => {
    const x = parseNum(a);
    const y = parseNum(b);
    if (x !== null && y !== null) {
      if (x < y || (!Number.isNaN(x) && Number.isNaN(y))) return -1;
      if (x > y || (Number.isNaN(x) && !Number.isNaN(y))) return 1;
      return 0;
    }
    if (x === null && y === null) return 0;
    return x !== null ? -1 : 1;
  },
};

/** andFilters is a filter that passes what all of fns pass (per value where they have masks). */
export function andFilters(fns: readonly FilterFn[]): FilterFn {
  return (r) => {
    let m: boolean[] | null = null;
    for (const fn of fns) {
      const [m2, x] = fn(r);
      if (m2 === null) {
        if (!x) return [null, false];
      } else if (m === null) {
        m = m2.slice();
      } else {
        for (let i = 0; i < m.length; i++) m[i] = m[i] && m2[i];
      }
    }
    return [m, true];
  };
}

/**
 * ProjectionParser parses the projections of one command line (-table,
 * -row, -col, -ignore) as a group, so that a key named in one is left out
 * of the group keys (.config, .fullname) of the others.
 */
export class ProjectionParser {
  private readonly configKeys = new Set<string>();
  private readonly fullnameKeys: string[] = [];
  private haveConfig = false;
  private haveFullname = false;
  private fullExtractor: Extractor | null = null;

  /** parse parses one projection; fixed orders (key@(a b)) also narrow filter to those values. Throws QuerySyntaxError. */
  parse(q: string, filter: FilterHolder): Projection {
    const proj = new Projection();
    const fields = parseProjection(q);
    const parts: FilterFn[] = [];
    for (const f of fields) {
      const fn = this.addField(proj, q, f);
      if (fn) parts.push(fn);
    }
    if (parts.length > 0) filter.match = andFilters([...parts, filter.match]);
    return proj;
  }

  /** parseWithUnit is parse with a trailing .unit field, to project each value of a result separately. */
  parseWithUnit(q: string, filter: FilterHolder): Projection {
    const proj = this.parse(q, filter);
    const f = proj.addField(proj.root, '.unit');
    const order = new Map<string, number>();
    f.order = order;
    f.cmp = (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
    proj.unitField = f;
    return proj;
  }

  /** residue projects everything no parsed projection took, to warn when one cell mixes results that differ in it. */
  residue(): Projection {
    const p = new Projection();
    if (!this.haveConfig) this.addField(p, '', { key: '.config', order: 'first', fixed: [], keyOff: 0, orderOff: 0 });
    if (!this.haveFullname) this.addField(p, '', { key: '.fullname', order: 'first', fixed: [], keyOff: 0, orderOff: 0 });
    return p;
  }

  private addField(p: Projection, q: string, spec: ProjectionField): FilterFn | null {
    let init: (f: Field) => void;
    let makeFilter: (ext: Extractor) => FilterFn | null = () => null;
    if (spec.order === 'fixed') {
      const fixed = new Map<string, number>();
      spec.fixed.forEach((v, i) => fixed.set(v, i));
      init = (f) => {
        f.cmp = (a, b) => (fixed.get(a) ?? 0) - (fixed.get(b) ?? 0);
      };
      makeFilter = (ext) => (r) => [null, fixed.has(ext(r))];
    } else if (spec.order === 'first') {
      init = (f) => {
        const order = new Map<string, number>();
        f.order = order;
        f.cmp = (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
      };
    } else if (BUILTIN_ORDERS[spec.order]) {
      const cmp = BUILTIN_ORDERS[spec.order];
      init = (f) => {
        f.cmp = cmp;
      };
    } else {
      throw new QuerySyntaxError(q, spec.orderOff, `unknown order ${JSON.stringify(spec.order)}`);
    }
    switch (spec.key) {
      case '.config': {
        if (spec.order === 'fixed') throw new QuerySyntaxError(q, spec.orderOff, 'fixed order not allowed for .config');
        this.haveConfig = true;
        const group = p.addGroup(p.root, '.config');
        const seen = new Map<string, Field>();
        p.projectFns.push((r, row) => {
          for (const c of r.config) {
            if (!c.file) continue;
            let f = seen.get(c.key);
            if (!f) {
              // Keys another projection names are left out of .config.
              if (this.configKeys.has(c.key)) continue;
              f = p.addField(group, c.key);
              init(f);
              seen.set(c.key, f);
            }
            while (row.length <= f.idx) row.push('');
            row[f.idx] = c.value;
          }
        });
        return null;
      }
      case '.fullname': {
        this.haveFullname = true;
        const f = p.addField(p.root, '.fullname');
        init(f);
        p.projectFns.push((r, row) => {
          this.fullExtractor ??= fullNameExtractor(this.fullnameKeys);
          while (row.length <= f.idx) row.push('');
          row[f.idx] = this.fullExtractor(r);
        });
        return makeFilter((r) => r.name);
      }
      case '.unit':
        throw new QuerySyntaxError(q, spec.keyOff, '.unit is only allowed in filters');
      default: {
        if (spec.key === '.name' || spec.key.startsWith('/')) this.fullnameKeys.push(spec.key);
        else this.configKeys.add(spec.key);
        let ext: Extractor;
        try {
          ext = newExtractor(spec.key);
        } catch (e) {
          throw new QuerySyntaxError(q, spec.keyOff, (e as Error).message);
        }
        const f = p.addField(p.root, spec.key);
        init(f);
        p.projectFns.push((r, row) => {
          while (row.length <= f.idx) row.push('');
          row[f.idx] = ext(r);
        });
        return makeFilter(ext);
      }
    }
  }
}

/** nonSingularFields are the fields in which keys (of one projection) differ. */
export function nonSingularFields(keys: readonly Key[]): Field[] {
  if (keys.length <= 1) return [];
  return keys[0].proj.flattened().filter((f) => keys.some((k) => k.get(f) !== keys[0].get(f)));
}

/** KeyHeaderNode is one header cell over a run of columns that share a value at one level. */
interface KeyHeaderNode {
  value: string;
  start: number;
  len: number;
  children: KeyHeaderNode[];
}

/** keyHeader groups sorted column keys into header levels, one per field: runs of equal values nest under their parent. */
export function keyHeader(keys: readonly Key[]): KeyHeaderNode[] {
  if (keys.length === 0) return [];
  const fields = keys[0].proj.flattened();
  const walk = (parent: KeyHeaderNode, level: number) => {
    if (level === fields.length) return;
    let node: KeyHeaderNode | null = null;
    for (let j = parent.start; j < parent.start + parent.len; j++) {
      const v = keys[j].get(fields[level]);
      if (node && v === node.value) node.len++;
      else {
        node = { value: v, start: j, len: 1, children: [] };
        parent.children.push(node);
      }
    }
    for (const c of parent.children) walk(c, level + 1);
  };
  const root: KeyHeaderNode = { value: '', start: 0, len: keys.length, children: [] };
  walk(root, 0);
  return root.children;
}
