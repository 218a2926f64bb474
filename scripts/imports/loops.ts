// Finds import loops: cycles in a directed graph (Tarjan's strongly connected
// components), each reported once as a chain of files.

import type { FileImports } from './read-imports.js';
import type { Problem } from './problem.js';

/**
 * findCycles returns the cycles of a directed graph, each once, as the list of
 * its nodes in order (the first node is not repeated at the end). For each
 * strongly connected component it picks shortest cycles until every edge
 * inside the component lies on one, so a tangle of files gives a few loops
 * to break rather than every one of its (possibly exponentially many) cycles.
 * Each cycle starts at its smallest node; the list is sorted.
 */
export function findCycles(nodes: Iterable<string>, edgesOf: (node: string) => Iterable<string>): string[][] {
  const all = [...new Set(nodes)].sort();
  const known = new Set(all);
  const succ = new Map<string, string[]>();
  for (const n of all) succ.set(n, [...new Set(edgesOf(n))].filter((m) => known.has(m)).sort());
  const cycles = new Map<string, string[]>();
  for (const comp of stronglyConnected(all, succ)) {
    const inComp = new Set(comp);
    const covered = new Set<string>();
    for (const u of comp) {
      for (const v of succ.get(u) ?? []) {
        if (!inComp.has(v) || covered.has(`${u}\n${v}`)) continue;
        const path = shortestPath(v, u, succ, inComp); // v … u
        const cycle = u === v ? [u] : [u, ...path.slice(0, -1)];
        for (let i = 0; i < cycle.length; i++) covered.add(`${cycle[i]}\n${cycle[(i + 1) % cycle.length]}`);
        const canon = rotateToSmallest(cycle);
        cycles.set(canon.join('\n'), canon);
      }
    }
  }
  return [...cycles.values()].sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));
}

/** Tarjan's algorithm: the components that hold a cycle (two or more nodes, or one with an edge to itself). */
function stronglyConnected(nodes: readonly string[], succ: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of succ.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (succ.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return out;
}

/** The shortest path from `from` to `to` inside a component (breadth first, neighbours in sorted order), both ends included. */
function shortestPath(from: string, to: string, succ: ReadonlyMap<string, readonly string[]>, inside: ReadonlySet<string>): string[] {
  const prev = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length && !prev.has(to); i++) {
    for (const w of succ.get(queue[i]) ?? []) {
      if (inside.has(w) && !prev.has(w)) {
        prev.set(w, queue[i]);
        queue.push(w);
      }
    }
  }
  const path = [to];
  while (path[0] !== from) path.unshift(prev.get(path[0])!);
  return path;
}

/** The same cycle, started at its smallest node. */
function rotateToSmallest(cycle: readonly string[]): string[] {
  let k = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i] < cycle[k]) k = i;
  return [...cycle.slice(k), ...cycle.slice(0, k)];
}

/**
 * checkLoops reports each cycle in the file-level import graph of the files
 * `inGraph` keeps: every import counts, type-only, dynamic and worker URLs
 * included, within a folder or across folders. The problem sits at the import
 * from the cycle's first file to its second.
 */
export function checkLoops(files: readonly FileImports[], keep: (path: string) => boolean): Problem[] {
  const inGraph = (p: string | undefined): p is string => p !== undefined && keep(p);
  const out = new Map<string, Map<string, number>>(); // file → target → line of the first import
  for (const f of files) {
    if (!inGraph(f.path)) continue;
    const targets = new Map<string, number>();
    for (const e of f.imports) if (inGraph(e.target) && !targets.has(e.target)) targets.set(e.target, e.line);
    out.set(f.path, targets);
  }
  return findCycles(out.keys(), (n) => out.get(n)?.keys() ?? []).map((cycle) => ({
    file: cycle[0],
    line: out.get(cycle[0])?.get(cycle[1 % cycle.length]),
    rule: 'import-loop',
    message: `${[...cycle, cycle[0]].join(' → ')}: files must not import each other in a circle (type-only and dynamic imports count too); move what they share into a file below both`,
    severity: 'error',
  }));
}
