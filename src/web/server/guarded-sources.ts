// The source reader of the web UI: a profile is attacker-controlled, so
// only files with a source extension that the profile's functions name are
// read, and never a path with a ".." segment (pprof serves any file named).

import type { ReportTools, SourceReader, SourceSearch, SourceText } from '../../ports.js';
import type { Profile } from '../../profile/types.js';

const SOURCE_EXT = /\.(go|s|c|h|cc|cpp|cxx|hpp|hh|m|mm|rs|S|asm|py|java|js|ts)$/;

/** isServableSource tells whether a recorded file name may be read at all. */
export function isServableSource(file: string): boolean {
  if (!SOURCE_EXT.test(file)) return false;
  return !file.split(/[\\/]/).includes('..') && !file.includes('\0');
}

/** guardedSourceReader reads through inner only the source files the profile's functions name. */
function guardedSourceReader(inner: SourceReader, p: Profile): SourceReader {
  const named = new Set<string>();
  for (const f of p.functions) if (f.filename !== '') named.add(f.filename);
  return {
    read(file: string, search: SourceSearch): SourceText {
      if (!named.has(file) || !isServableSource(file)) {
        return { ok: false, error: 'not a source file of this profile', tried: [] };
      }
      const r = inner.read(file, search);
      // The resolver may have joined the name with a search directory; the
      // result must still be a source file.
      if (r.ok && !isServableSource(r.path)) return { ok: false, error: 'not a source file', tried: [] };
      return r;
    },
  };
}

/** guardedTools are the report tools with their source reader guarded for p. */
export function guardedTools(tools: ReportTools, p: Profile): ReportTools {
  return { ...tools, sources: tools.sources ? guardedSourceReader(tools.sources, p) : undefined };
}
