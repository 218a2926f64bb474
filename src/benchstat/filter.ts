// -filter: a parsed query compiled to a function over results. Terms on
// .unit select values within a result (a per-value mask); every other term
// keeps or drops the whole result.

import type { BenchResult } from './parse.js';
import { andFilters, newExtractor, type Extractor, type FilterFn, type FilterHolder } from './projection.js';
import { parseFilter, QuerySyntaxError, type FilterExpr, type FilterMatch } from './query.js';

function matches(m: FilterMatch, value: string): boolean {
  return m.regexp ? m.regexp.test(value) : m.lit === value;
}

/** compileFilter parses and compiles a -filter query ("*" keeps everything); it throws QuerySyntaxError. */
export function compileFilter(query: string): FilterHolder {
  const expr = parseFilter(query);
  const extractors = new Map<string, Extractor>();
  const walk = (e: FilterExpr): FilterFn => {
    switch (e.kind) {
      case 'match': {
        if (e.key === '.unit') {
          return (r) => [r.values.map((v) => matches(e, v.unit) || (v.origUnit !== undefined && matches(e, v.origUnit))), false];
        }
        if (e.key === '.config') throw new QuerySyntaxError(query, e.off, '.config is only allowed in projections');
        let ext = extractors.get(e.key);
        if (!ext) {
          try {
            ext = newExtractor(e.key);
          } catch (err) {
            throw new QuerySyntaxError(query, e.off, (err as Error).message);
          }
          extractors.set(e.key, ext);
        }
        const x = ext;
        return (r) => [null, matches(e, x(r))];
      }
      case 'not': {
        const sub = walk(e.exprs[0]);
        return (r) => {
          const [m, x] = sub(r);
          return m === null ? [null, !x] : [m.map((b) => !b), false];
        };
      }
      case 'and':
        return andFilters(e.exprs.map(walk));
      case 'or': {
        const subs = e.exprs.map(walk);
        return (r) => {
          let m: boolean[] | null = null;
          for (const fn of subs) {
            const [m2, x] = fn(r);
            if (m2 === null) {
              if (x) return [null, true];
            } else if (m === null) {
              m = m2.slice();
            } else {
              for (let i = 0; i < m.length; i++) m[i] = m[i] || m2[i];
            }
          }
          return [m, false];
        };
      }
    }
  };
  return { match: walk(expr) };
}

/** applyFilter keeps the values of r the filter passes; null when none pass. */
export function applyFilter(f: FilterHolder, r: BenchResult): BenchResult | null {
  const [m, x] = f.match(r);
  if (m === null) return x ? r : null;
  if (m.every(Boolean)) return r;
  const values = r.values.filter((_, i) => m[i]);
  return values.length === 0 ? null : { ...r, values };
}
