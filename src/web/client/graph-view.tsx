// The call graph: our -dot report laid out by the server's WebAssembly
// Graphviz (no system install), made inert (sanitize-svg.ts), with pan by
// dragging, zoom by the wheel, and a node's click opening the refine menu.

import { useEffect, useRef } from 'preact/hooks';
import { getText } from './api.js';
import { openRefineMenu } from './refine-menu.js';
import { reportQuery, type Place } from './url-state.js';
import { sanitizeSvg } from './sanitize-svg.js';
import { useData } from './use-data.js';

/** nodeFunction reads a graph node's function from its tooltip, "name (value)". */
export function nodeFunction(title: string): string {
  return title.replace(/ \([^()]*\)$/, '');
}

/** GraphView is /ui/graph. */
export function GraphView({ place }: { place: Place }) {
  const rq = reportQuery(place.query);
  const data = useData(rq.toString(), () => getText('/ui/data/graph', rq));
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (data.state !== 'ok' || !box.current) return;
    const host = box.current;
    host.replaceChildren();
    const svg = sanitizeSvg(data.value);
    if (!svg) {
      host.textContent = 'The call graph could not be read.';
      return;
    }
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('class', 'graph-svg');
    host.appendChild(svg);
    // Pan and zoom: a transform on a wrapper group around Graphviz's own.
    const ns = 'http://www.w3.org/2000/svg';
    const wrap = document.createElementNS(ns, 'g');
    wrap.setAttribute('id', 'viewport');
    while (svg.firstChild) wrap.appendChild(svg.firstChild);
    svg.appendChild(wrap);
    let s = 1, tx = 0, ty = 0;
    const apply = () => wrap.setAttribute('transform', `translate(${tx} ${ty}) scale(${s})`);
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      const k = Math.exp(-e.deltaY * 0.0015);
      const px = e.clientX - r.left, py = e.clientY - r.top;
      tx = px - (px - tx) * k;
      ty = py - (py - ty) * k;
      s *= k;
      apply();
    };
    let drag: { x: number; y: number; moved: boolean } | null = null;
    const down = (e: MouseEvent) => { drag = { x: e.clientX, y: e.clientY, moved: false }; };
    const move = (e: MouseEvent) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      tx += dx; ty += dy; drag.x = e.clientX; drag.y = e.clientY;
      apply();
    };
    const up = () => { setTimeout(() => { drag = null; }, 0); };
    const click = (e: MouseEvent) => {
      if (drag?.moved) return;
      const node = (e.target as Element).closest('g.node');
      const a = node?.querySelector('a');
      const title = a?.getAttributeNS('http://www.w3.org/1999/xlink', 'title') ?? a?.getAttribute('title') ?? node?.querySelector('title')?.textContent ?? '';
      if (!node || title === '') return;
      e.preventDefault();
      openRefineMenu(e.clientX, e.clientY, nodeFunction(title), { sandwich: true });
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    svg.addEventListener('mousedown', down);
    addEventListener('mousemove', move);
    addEventListener('mouseup', up);
    svg.addEventListener('click', click, true);
    return () => {
      removeEventListener('mousemove', move);
      removeEventListener('mouseup', up);
    };
  }, [data]);
  return (
    <div class="graph-view">
      <p class="hint">Drag to pan, wheel to zoom, click a node to refine by it.</p>
      {data.state === 'loading' && <p class="loading">Laying out the call graph…</p>}
      {data.state === 'error' && <p class="error">{data.message}</p>}
      <div class="graph-box" ref={box} />
    </div>
  );
}
