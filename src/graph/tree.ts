// The call tree variant of the graph (pprof's -call_tree): a node per
// distinct path from the root, so the same function under different callers
// stays separate.

import type { Profile } from '../profile/types.js';
import { addNodeTags, Node, NodeInterner, nodeInfoOf, selectNodes, tagPlan, type Graph, type GraphOptions, type TagPlan } from './graph.js';

function addEdge(src: Node, dest: Node, dw: number, w: number, inline: boolean): void {
  const e = src.out.get(dest);
  if (e) {
    e.weightDiv += dw;
    e.weight += w;
    if (!inline) e.inline = false;
    return;
  }
  const edge = { src, dest, weight: w, weightDiv: dw, residual: false, inline };
  src.out.set(dest, edge);
  dest.in.set(src, edge);
}

/** buildCallTree aggregates samples into a call tree (pprof's newTree). */
export function buildCallTree(p: Profile, o: GraphOptions): Graph {
  const maps = new Map<Node | null, NodeInterner>();
  const all: NodeInterner[] = [];
  const s = p.samples;
  const nv = s.nValues;
  const plans: (TagPlan | undefined)[] = new Array(s.labelSets.length);
  const format = o.formatTag ?? ((v: number) => String(v));
  for (let i = 0; i < s.count; i++) {
    const w = s.values[i * nv + o.sampleIndex];
    const dw = o.meanIndex >= 0 ? s.values[i * nv + o.meanIndex] : 0;
    if (w === 0 && dw === 0) continue;
    let plan: TagPlan | undefined;
    if (o.tags) {
      const li = s.labels[i];
      plan = plans[li] ?? (plans[li] = tagPlan(s.labelSets[li], format));
    }
    let parent: Node | null = null;
    for (let k = s.stackStart[i + 1] - 1; k >= s.stackStart[i]; k--) {
      const l = p.locations[s.locs[k]];
      const nLines = Math.max(l.lines.length, 1);
      for (let li = nLines - 1; li >= 0; li--) {
        let nm = maps.get(parent);
        if (!nm) {
          nm = new NodeInterner(o.keptNodes ?? null);
          maps.set(parent, nm);
          all.push(nm);
        }
        const n = nm.findOrInsert(nodeInfoOf(l, l.lines.length === 0 ? -1 : li, !!o.objNames, !!o.origFnNames));
        if (!n) continue;
        n.cumDiv += dw;
        n.cum += w;
        if (plan) addNodeTags(n, plan, dw, w, false);
        if (parent) addEdge(parent, n, dw, w, li !== nLines - 1);
        parent = n;
      }
    }
    if (parent) {
      parent.flatDiv += dw;
      parent.flat += w;
      if (plan) addNodeTags(parent, plan, dw, w, true);
    }
  }
  const nodes: Node[] = [];
  for (const nm of all) nodes.push(...nm.nodes);
  return { nodes: selectNodes(nodes, !!o.dropNegative) };
}
