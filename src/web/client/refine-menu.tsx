// The right-click menu of a frame, a table row or a graph node: refine the
// profile by that function (pprof's focus, ignore, hide, show, show_from,
// prune_from, each setting its query parameter to the quoted name), or
// open it in another view. One host in the page renders the open menu.

import { useEffect, useState } from 'preact/hooks';
import { hrefFor, navigate, quoteRegexp } from './url-state.js';

/** REFINES are the filter actions: label, query key. */
export const REFINES: readonly [string, string][] = [
  ['Focus', 'f'], ['Ignore', 'i'], ['Hide', 'h'], ['Show', 's'], ['Show from', 'sf'], ['Prune from', 'prunefrom'],
];

interface MenuState { x: number; y: number; name: string; sandwich: boolean }

let setMenu: ((m: MenuState | null) => void) | null = null;

/** openRefineMenu shows the menu for function `name` at the pointer. */
export function openRefineMenu(x: number, y: number, name: string, opts: { sandwich?: boolean } = {}): void {
  setMenu?.({ x, y, name, sandwich: opts.sandwich ?? false });
}

/** RefineMenuHost renders the open menu; closed by a choice, Escape or a click elsewhere. */
export function RefineMenuHost() {
  const [m, set] = useState<MenuState | null>(null);
  useEffect(() => {
    setMenu = set;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.type === 'mousedown' && (e.target as Element).closest?.('.menu')) return;
      set(null);
    };
    addEventListener('keydown', close);
    addEventListener('mousedown', close);
    return () => {
      setMenu = null;
      removeEventListener('keydown', close);
      removeEventListener('mousedown', close);
    };
  }, []);
  if (!m) return null;
  const re = quoteRegexp(m.name);
  const pick = (f: () => void) => () => { set(null); f(); };
  return (
    <div class="menu" role="menu" style={{ left: `${Math.min(m.x, innerWidth - 240)}px`, top: `${Math.min(m.y, innerHeight - 300)}px` }}>
      <div class="menu-title">{m.name}</div>
      {REFINES.map(([label, key]) => (
        <button type="button" role="menuitem" onClick={pick(() => navigate(null, { [key]: re, zoom: null, sel: null }))}>{label}</button>
      ))}
      <hr />
      {m.sandwich && <button type="button" role="menuitem" onClick={pick(() => navigate('/ui/flamegraph', { mode: 'sandwich', fn: m.name, zoom: null, zoomup: null, sel: null }))}>Sandwich (callers and callees)</button>}
      <button type="button" role="menuitem" onClick={pick(() => navigate('/ui/source', { f: re }))}>Source</button>
      <button type="button" role="menuitem" onClick={pick(() => navigate('/ui/peek', { f: re }))}>Peek</button>
      <a role="menuitem" href={hrefFor('/ui/disasm', { f: re })}>Disassembly</a>
    </div>
  );
}
