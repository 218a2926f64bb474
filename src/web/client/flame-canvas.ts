// Drawing a laid-out flame graph on a canvas: one rectangle per visible
// frame (subtrees narrower than half a pixel are skipped whole), names
// clipped to their box, search matches and the selection outlined.

import type { FlameData } from './flame-data.js';
import type { Layout } from './flame-layout.js';

/** ROW is a frame's height in CSS pixels. */
export const ROW = 18;
const FONT = '12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/** DrawOptions are what the picture depends on besides the layout. */
interface DrawOptions {
  /** Fill per node. */
  color: (node: number) => string;
  matched: Uint8Array | null;
  selected: number;
  /** Draw the root at the bottom (the callers half of a sandwich). */
  flip?: boolean;
}

let charWidth = 0;

/** drawFlame paints the layout into canvas at its CSS width; it returns how many frames it drew. */
export function drawFlame(canvas: HTMLCanvasElement, d: FlameData, l: Layout, o: DrawOptions): number {
  const dpr = window.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || canvas.parentElement!.clientWidth;
  const cssH = (d.maxDepth + 1) * ROW;
  if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
    canvas.style.height = `${cssH}px`;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  if (charWidth === 0) charWidth = ctx.measureText('MMMMMMMMMM').width / 10;
  const minW = 0.5 / cssW;
  const rowY = (i: number) => (o.flip ? d.maxDepth - d.depth[i] : d.depth[i]) * ROW;
  let drawn = 0;
  const box = (i: number) => {
    const x = l.x[i] * cssW;
    const w = l.w[i] * cssW;
    const y = rowY(i);
    const dim = o.matched !== null && !o.matched[i];
    ctx.globalAlpha = dim ? 0.35 : 1;
    ctx.fillStyle = o.color(i);
    ctx.fillRect(x, y, Math.max(w - 0.5, 0.5), ROW - 1);
    if (o.matched?.[i]) {
      ctx.strokeStyle = '#7a00cc';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x + 0.75, y + 0.75, Math.max(w - 2, 0.5), ROW - 2.5);
    }
    const chars = Math.floor((w - 6) / charWidth);
    if (chars >= 3) {
      const name = d.names[d.name[i]];
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText(name.length <= chars ? name : name.slice(0, chars - 1) + '…', x + 3, y + ROW / 2);
    }
    ctx.globalAlpha = 1;
    drawn++;
  };
  for (let k = l.zoom; k !== 0xffffffff; k = d.parent[k]) box(k);
  let i = l.zoom + 1;
  const end = d.end[l.zoom];
  while (i < end) {
    if (l.w[i] < minW) {
      i = d.end[i];
      continue;
    }
    box(i);
    i++;
  }
  if (o.selected >= 0 && l.w[o.selected] > 0) {
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    ctx.strokeRect(l.x[o.selected] * cssW + 1, rowY(o.selected) + 1, Math.max(l.w[o.selected] * cssW - 2, 1), ROW - 3);
  }
  return drawn;
}
