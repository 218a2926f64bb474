// Aggregation by granularity (pprof's Profile.Aggregate): forget the parts
// of each frame that a granularity ignores, so equal frames merge in graphs.

import type { Func, Location, Mapping, Profile } from './types.js';

/** AggregateOptions says which frame attributes to keep. */
interface AggregateOptions {
  inlineFrame: boolean;
  function: boolean;
  filename: boolean;
  lineNumber: boolean;
  columnNumber: boolean;
  address: boolean;
}

/** aggregateProfile returns p with the attributes not kept cleared. */
export function aggregateProfile(p: Profile, o: AggregateOptions): Profile {
  const mappingMap = new Map<Mapping, Mapping>();
  const mappings = p.mappings.map((m) => {
    const nm: Mapping = {
      ...m,
      hasInlineFrames: m.hasInlineFrames && o.inlineFrame,
      hasFunctions: m.hasFunctions && o.function,
      hasFilenames: m.hasFilenames && o.filename,
      hasLineNumbers: m.hasLineNumbers && o.lineNumber,
    };
    mappingMap.set(m, nm);
    return nm;
  });
  const fnMap = new Map<Func, Func>();
  const functions = p.functions.map((f) => {
    const nf: Func = {
      ...f,
      name: o.function ? f.name : '',
      systemName: o.function ? f.systemName : '',
      filename: o.filename ? f.filename : '',
    };
    fnMap.set(f, nf);
    return nf;
  });
  const locations: Location[] = p.locations.map((l) => {
    let lines = l.lines;
    if (!o.inlineFrame && lines.length > 1) lines = lines.slice(lines.length - 1);
    return {
      ...l,
      mapping: l.mapping ? mappingMap.get(l.mapping) ?? l.mapping : null,
      address: o.address ? l.address : 0n,
      lines: lines.map((ln) => ({
        fn: fnMap.get(ln.fn) ?? ln.fn,
        line: o.lineNumber ? ln.line : 0,
        column: o.lineNumber && o.columnNumber ? ln.column : 0,
      })),
    };
  });
  return { ...p, mappings, functions, locations };
}
