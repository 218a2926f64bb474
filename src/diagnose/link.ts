// Links from a finding into the web UI (`gotune pprof -http`): the view
// that shows it, focused on its function with pprof's query parameters.

import type { View, ViewLink } from './types.js';

/** UiView is a view of the web UI a finding opens: pprof's paths. */
type UiView = 'flamegraph' | 'source' | 'peek';

/**
 * quoteRegexp makes a regexp (RE2 syntax, as pprof's focus takes it) that
 * matches exactly one function name: anchored, every metacharacter escaped,
 * as Go's regexp.QuoteMeta does. Names like "main.(*T).Get" or
 * "main.F[...]" are full of them.
 */
export function quoteRegexp(name: string): string {
  return '^' + name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') + '$';
}

/**
 * viewLink links the view `ui` of profile v focused on fn (f=), showing
 * sample type vi (si=, by name) when the profile has more than one, and
 * for a diff the earlier profile `base`. Null when a profile cannot be
 * opened by gotune pprof (View.file is null).
 */
export function viewLink(ui: UiView, v: View, fn: string, vi?: number, base?: View): ViewLink | null {
  if (v.file === null || (base && base.file === null)) return null;
  const q = new URLSearchParams({ f: quoteRegexp(fn) });
  if (vi !== undefined && v.types.length > 1 && v.types[vi]) q.set('si', v.types[vi]);
  return {
    profile: v.name,
    ...(base ? { base: base.name } : {}),
    path: `/ui/${ui}?${q}`,
    file: v.file,
    ...(base ? { baseFile: base.file! } : {}),
  };
}
