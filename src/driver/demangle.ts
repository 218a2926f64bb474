// The name clean-up pprof's symbolizer applies to every profile: function
// names missing or equal to the system name are set from the system name,
// with C++-looking parameter and template lists removed.

import type { Func, Profile } from '../profile/types.js';

function looksLikeDemangledCPlusPlus(s: string): boolean {
  if (s.includes('.<')) return false; // Java generics
  if (s.includes(']).')) return false; // Go generic methods such as main.(*T[...]).M
  return /[<>[\]]/.test(s) || s.includes('::');
}

/** removeMatching deletes every balanced open…close group (outermost). */
function removeMatching(name: string, open: string, close: string): string {
  let nesting = 0;
  let first = 0;
  let cur = 0;
  for (;;) {
    let idx = -1;
    for (let k = cur; k < name.length; k++) {
      if (name[k] === open || name[k] === close) {
        idx = k;
        break;
      }
    }
    if (idx < 0) return name;
    cur = idx;
    if (name[cur] === open) {
      nesting++;
      if (nesting === 1) first = cur;
    } else {
      nesting--;
      if (nesting < 0) return name; // unbalanced: leave it
      if (nesting === 0) {
        name = name.slice(0, first) + name.slice(cur + 1);
        cur = first - 1;
      }
    }
    cur++;
  }
}

/**
 * simplifyNames applies pprof's default demangling pass (mode "": no
 * parameters, no templates). Itanium-mangled names (_Z…) are left as they
 * are: gotune has no C++ demangler yet.
 */
export function simplifyNames(p: Profile): Profile {
  let changed = false;
  const map = new Map<Func, Func>();
  const functions = p.functions.map((f) => {
    if (f.name !== '' && f.systemName !== f.name) return f;
    let name = f.systemName;
    if (looksLikeDemangledCPlusPlus(name)) {
      name = removeMatching(name, '(', ')');
      name = removeMatching(name, '<', '>');
    }
    if (name === f.name) return f;
    changed = true;
    const nf = { ...f, name };
    map.set(f, nf);
    return nf;
  });
  if (!changed) return p;
  return {
    ...p,
    functions,
    locations: p.locations.map((l) => (l.lines.some((ln) => map.has(ln.fn))
      ? { ...l, lines: l.lines.map((ln) => ({ ...ln, fn: map.get(ln.fn) ?? ln.fn })) }
      : l)),
  };
}
