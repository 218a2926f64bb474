// The -callgrind report: the call graph at address granularity in the
// callgrind format that KCachegrind and QCachegrind read, written the way
// pprof writes it (name compression, relative addresses).

import type { Graph, Node } from '../graph/graph.js';
import type { NodeInfo } from '../graph/node-info.js';
import { sortEdges } from '../graph/sort.js';
import { scaleValue } from '../units/measurement.js';
import type { Report } from './report.js';

/**
 * disambiguatedNames names each node by its function, adding " [i/n]" when
 * n different functions (e.g. from different binaries) share a file and
 * name, numbered in graph order.
 */
export function disambiguatedNames(g: Graph): Map<Node, string> {
  const byName = new Map<string, Map<Node, number>>();
  const key = (n: Node) => `${n.info.file}\u0000${n.info.name}`;
  for (const n of g.nodes) {
    let fns = byName.get(key(n));
    if (!fns) {
      fns = new Map();
      byName.set(key(n), fns);
    }
    if (!fns.has(n.fn)) fns.set(n.fn, fns.size);
  }
  const names = new Map<Node, string>();
  for (const n of g.nodes) {
    const fns = byName.get(key(n))!;
    names.set(n, fns.size > 1 ? `${n.info.name} [${fns.get(n.fn)! + 1}/${fns.size}]` : n.info.name);
  }
  return names;
}

/**
 * callgrindName compresses a repeated name: "(id) name" the first time,
 * "(id)" afterwards; "" stays "".
 */
export function callgrindName(ids: Map<string, number>, name: string): string {
  if (name === '') return '';
  const id = ids.get(name);
  if (id !== undefined) return `(${id})`;
  ids.set(name, ids.size + 1);
  return `(${ids.size}) ${name}`;
}

/**
 * callgrindAddress writes an address absolutely ("0x401000"), or relative
 * to the previous node's ("+16", "-8", "*" when equal) when that is shorter.
 */
export function callgrindAddress(prev: NodeInfo | null, addr: bigint): string {
  const abs = '0x' + addr.toString(16);
  if (!prev) return abs;
  if (prev.address === addr) return '*';
  // uint64 subtraction read as int64, as Go does.
  const diff = BigInt.asIntN(64, addr - prev.address);
  const rel = (diff >= 0n ? '+' : '') + diff.toString();
  return rel.length < abs.length ? rel : abs;
}

/** printCallgrind renders the whole (untrimmed) graph in callgrind format. */
export function printCallgrind(rpt: Report): string {
  const o = rpt.options;
  // The format forces no trimming (generate.ts), so the graph is whole.
  const { graph: g } = rpt.newTrimmedGraph();
  const unit = rpt.selectOutputUnit(g);
  const nodeNames = disambiguatedNames(g);
  // Callgrind costs are integers: values are truncated in the chosen unit.
  const scaled = (v: number) => Math.trunc(scaleValue(v, o.sampleUnit, unit)[0]);
  const out: string[] = ['positions: instr line\n', `events: ${o.sampleType}(${unit})\n`];
  const objfiles = new Map<string, number>();
  const files = new Map<string, number>();
  const names = new Map<string, number>();
  let prev: NodeInfo | null = null;
  for (const n of g.nodes) {
    const info = n.info;
    // Consecutive nodes of one function share the ob/fl/fn header.
    if (!prev || info.objfile !== prev.objfile || info.file !== prev.file || info.name !== prev.name) {
      out.push('\n');
      out.push(`ob=${callgrindName(objfiles, info.objfile)}\n`);
      out.push(`fl=${callgrindName(files, info.file)}\n`);
      out.push(`fn=${callgrindName(names, info.name)}\n`);
    }
    out.push(`${callgrindAddress(prev, info.address)} ${info.lineno} ${scaled(n.flatValue())}\n`);
    for (const e of sortEdges(n.out.values())) {
      const callee = e.dest;
      out.push(`cfl=${callgrindName(files, callee.info.file)}\n`);
      out.push(`cfn=${callgrindName(names, nodeNames.get(callee) ?? '')}\n`);
      // Calls have no count of their own in a profile; pprof writes 0, and
      // (like pprof) addresses are relative to the previous node's.
      out.push(`calls=0 ${callgrindAddress(prev, callee.info.address)} ${callee.info.lineno}\n`);
      out.push(`* * ${scaled(e.weight)}\n`);
    }
    prev = info;
  }
  return out.join('');
}
