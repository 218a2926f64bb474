// pprof's remote symbolization of profiles fetched over HTTP, as far as Go
// services need it: pprof asks the server's /debug/pprof/symbol for the
// addresses without function names, then marks each mapping HasFunctions.
// Go's profiles arrive symbolized, so there is nothing to ask and only the
// marks remain; a profile that does need names is left as it is, with a message.

import type { Profile } from '../profile/types.js';

/** remoteSymbolization tells whether a -symbolize value lets pprof symbolize remotely. */
export function remoteSymbolization(mode: string): boolean {
  let remote = true;
  for (const o of mode.toLowerCase().split(':')) {
    if (o === 'none' || o === 'no') return false;
    if (o === 'local' || o === 'fastlocal') remote = false;
    if (o === 'remote') remote = true;
  }
  return remote;
}

/**
 * markRemoteSymbolized returns p with HasFunctions set on every mapping
 * whose locations all have lines already, as pprof's symbolz step leaves
 * them; warn is told when some addresses would need the server's help.
 */
export function markRemoteSymbolized(p: Profile, warn: (line: string) => void): Profile {
  const needs = new Set(p.locations.filter((l) => l.mapping && l.address !== 0n && l.lines.length === 0).map((l) => l.mapping!));
  if (needs.size > 0) warn('remote symbolization (/debug/pprof/symbol) is not supported yet: addresses without function names are shown as they are');
  if (!p.mappings.some((m) => !m.hasFunctions && !needs.has(m))) return p;
  const map = new Map(p.mappings.map((m) => [m, !m.hasFunctions && !needs.has(m) ? { ...m, hasFunctions: true } : m]));
  return {
    ...p,
    mappings: p.mappings.map((m) => map.get(m)!),
    locations: p.locations.map((l) => (l.mapping && map.get(l.mapping) !== l.mapping ? { ...l, mapping: map.get(l.mapping)! } : l)),
  };
}
