// The web UI's query string as report settings: each option's URL
// parameter from the options table (pprof's f, i, h, s, sf, si, g, t…).

import { OPTIONS, type Config } from '../../driver/config.js';
import { UserError } from '../../user-error.js';

/** QueryError is a bad query parameter, answered with 400. */
class QueryError extends UserError {
  constructor(message: string) {
    super(message, 2);
  }
}

/**
 * configFromQuery overlays the query's settings on the command line's.
 * A choice group (sort, granularity) takes its value directly; booleans
 * accept true/false/1/0 and an empty value as true.
 */
export function configFromQuery(base: Config, q: URLSearchParams): Config {
  const c: Record<string, unknown> = { ...base };
  for (const o of OPTIONS) {
    if (o.urlParam === undefined) continue;
    const v = q.get(o.urlParam);
    if (v === null) continue;
    switch (o.type) {
      case 'bool':
        if (!['', 'true', '1', 'false', '0'].includes(v)) throw new QueryError(`${o.urlParam}: not a boolean: ${v}`);
        c[o.name] = v === '' || v === 'true' || v === '1';
        break;
      case 'int':
      case 'float': {
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n) || (o.type === 'int' && !Number.isInteger(n))) throw new QueryError(`${o.urlParam}: not a number: ${v}`);
        c[o.name] = n;
        break;
      }
      default:
        if (o.choices && v !== '' && !o.choices.includes(v)) throw new QueryError(`${o.urlParam}: must be one of ${o.choices.join(', ')}`);
        c[o.name] = v;
    }
  }
  // pprof's web UI spells the tag filters and label frames like this too.
  for (const [param, name] of [['tagroot', 'tagroot'], ['tagleaf', 'tagleaf']] as const) {
    const v = q.get(param);
    if (v !== null) c[name] = v;
  }
  return c as Config;
}
