// The -disasm report: the instructions of the functions matching a regexp,
// each with the samples at its address (pprof's PrintAssembly). Binaries are
// read through the ObjTool port.

import type { Graph, Node } from '../graph/graph.js';
import { basePath } from '../graph/gopath.js';
import { byteCompare } from '../graph/node-info.js';
import { sortNodes } from '../graph/sort.js';
import type { ObjFile, ObjInst, ObjSymbol, ObjTool } from '../ports.js';
import type { Profile } from '../profile/types.js';
import { padLeft, padRight } from '../units/go-format.js';
import { percentage } from '../units/measurement.js';
import { ReportError } from './errors.js';
import { dotOr } from './list.js';
import type { Report } from './report.js';

/** ObjSymbolIn is a symbol with the opened binary it came from. */
interface ObjSymbolIn {
  sym: ObjSymbol;
  file: ObjFile;
}

const MAX_UINT64 = (1n << 64n) - 1n;

/**
 * parseGoUint parses an unsigned integer the way Go's strconv.ParseUint(s,
 * 0, 64) does (0x, 0o, 0b or 0 prefixes, underscores between digits); null
 * when s is not one. pprof also treats such a -disasm argument as an address.
 */
export function parseGoUint(s: string): bigint | null {
  const m = /^(?:0[xX]((?:_?[0-9a-fA-F])+)|0[bB]((?:_?[01])+)|0[oO]((?:_?[0-7])+)|0((?:_?[0-7])*)|([1-9](?:_?[0-9])*))$/.exec(s);
  if (!m) return null;
  const [, hex, bin, oct, oct0, dec] = m;
  let v: bigint;
  if (hex !== undefined) v = BigInt('0x' + hex.replace(/_/g, ''));
  else if (bin !== undefined) v = BigInt('0b' + bin.replace(/_/g, ''));
  else if (oct !== undefined) v = BigInt('0o' + oct.replace(/_/g, ''));
  else if (oct0 !== undefined) v = oct0 === '' ? 0n : BigInt('0o' + oct0.replace(/_/g, ''));
  else v = BigInt(dec!.replace(/_/g, ''));
  return v > MAX_UINT64 ? null : v;
}

/**
 * symbolsFromBinaries opens each mapped binary that has samples in
 * functions matching rx (or whose range holds the address) and lists its
 * symbols matching rx. Binaries that cannot be opened are reported by warn.
 */
function symbolsFromBinaries(p: Profile, g: Graph, rx: RegExp, address: bigint | null, obj: ObjTool,
  nodeName: (n: Node) => string, warn: (line: string) => void): ObjSymbolIn[] {
  const matched = new Set<string>();
  for (const n of g.nodes) {
    if (n.info.objfile !== '' && rx.test(nodeName(n))) matched.add(n.info.objfile);
  }
  const out: ObjSymbolIn[] = [];
  let hinted = false;
  for (const m of p.mappings) {
    if (!matched.has(m.file) && (address === null || !(m.start <= address && address <= m.limit))) continue;
    let f: ObjFile;
    try {
      f = obj.open(m.file, m.start, m.limit, m.offset);
    } catch (e) {
      warn(e instanceof Error ? e.message : String(e));
      if (!hinted && /no such file/.test(String(e))) {
        hinted = true;
        warn('(the binary that wrote the profile is needed: give it before the profile, e.g. gotune pprof -disasm=RE ./bin cpu.pb.gz)');
      }
      continue;
    }
    let syms: ObjSymbol[];
    try {
      syms = f.symbols(rx, address ?? 0n);
    } catch (e) {
      warn(e instanceof Error ? e.message : String(e));
      continue;
    }
    for (const sym of syms) out.push({ sym, file: f });
  }
  return out;
}

/** nodesPerSymbol gives each symbol the graph nodes whose address falls inside it. */
function nodesPerSymbol(nodes: Node[], symbols: ObjSymbolIn[]): Map<ObjSymbolIn, Node[]> {
  const out = new Map<ObjSymbolIn, Node[]>();
  for (const s of symbols) {
    for (const n of nodes) {
      const a = s.file.objAddr(n.info.address);
      if (a >= s.sym.start && a < s.sym.end) {
        let l = out.get(s);
        if (!l) out.set(s, (l = []));
        l.push(n);
      }
    }
  }
  return out;
}

/** AsmLine is one instruction with its samples. */
interface AsmLine {
  address: bigint;
  instruction: string;
  function: string;
  file: string;
  line: number;
  flat: number;
  flatDiv: number;
  cum: number;
  cumDiv: number;
}

/**
 * annotateAssembly adds to each instruction the samples from its address up
 * to the next instruction's (a sample can point into the middle of one), and
 * takes function, file and line from the samples where the disassembler
 * gave none.
 */
function annotateAssembly(insts: ObjInst[], samples: Node[], file: ObjFile): AsmLine[] {
  const sorted = [...samples];
  sortNodes(sorted, 'address');
  const out: AsmLine[] = [];
  let s = 0;
  insts.forEach((inst, ix) => {
    const a: AsmLine = {
      address: inst.addr, instruction: inst.text, function: inst.function,
      file: inst.file !== '' ? basePath(inst.file) : '', line: inst.line,
      flat: 0, flatDiv: 0, cum: 0, cumDiv: 0,
    };
    const next = ix + 1 < insts.length ? insts[ix + 1].addr : MAX_UINT64;
    for (; s < sorted.length; s++) {
      const n = sorted[s];
      if (file.objAddr(n.info.address) >= next) break;
      a.flatDiv += n.flatDiv;
      a.flat += n.flat;
      a.cumDiv += n.cumDiv;
      a.cum += n.cum;
      if (n.info.file !== '' && a.file === '') a.file = basePath(n.info.file);
      if (n.info.lineno !== 0 && a.line === 0) a.line = n.info.lineno;
      if (n.info.name !== '' && a.function === '') a.function = n.info.name;
    }
    out.push(a);
  });
  return out;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** printDisasm renders the -disasm report. */
export function printDisasm(rpt: Report, obj: ObjTool, warn: (line: string) => void): string {
  const o = rpt.options;
  const rx = o.symbol;
  if (!rx) throw new ReportError('-disasm needs a regexp');
  const g = rpt.newGraph(null);
  const source = o.symbolSource ?? rx.source;
  const address = parseGoUint(source);
  const out: string[] = [`Total: ${rpt.formatValue(rpt.total)}\n`];
  const symbols = symbolsFromBinaries(rpt.prof, g, rx, address, obj, (n) => rpt.nodeName(n), warn);
  const symNodes = nodesPerSymbol(g.nodes, symbols);
  const syms = [...symNodes.keys()].sort((a, b) =>
    byteCompare(a.sym.names[0], b.sym.names[0]) || (a.sym.start < b.sym.start ? -1 : a.sym.start > b.sym.start ? 1 : 0));
  if (syms.length === 0) {
    if (address === null) throw new ReportError(`no matches found for regexp ${source}`);
    const hex = '0x' + address.toString(16);
    if (symbols.length === 0) throw new ReportError(`no matches found for address ${hex}`);
    throw new ReportError(`address ${hex} found in binary, but the corresponding symbols do not have samples in the profile`);
  }
  const v = (x: number, div: number) => dotOr(rpt, div !== 0 ? Math.trunc(x / div) : x);
  for (const s of syms) {
    const sns = symNodes.get(s)!;
    let flatSum = 0, cumSum = 0;
    for (const n of sns) {
      flatSum += n.flat;
      cumSum += n.cum;
    }
    let insts: ObjInst[];
    try {
      insts = s.file.disasm(s.sym.start, s.sym.end, o.intelSyntax);
    } catch (e) {
      throw new ReportError(e instanceof Error ? e.message : String(e));
    }
    const ns = annotateAssembly(insts, sns, s.file);
    out.push(`ROUTINE ======================== ${s.sym.names[0]}\n`);
    for (const alias of s.sym.names.slice(1)) out.push(`    AKA ======================== ${alias}\n`);
    out.push(`${padLeft(rpt.formatValue(flatSum), 10)} ${padLeft(rpt.formatValue(cumSum), 10)} (flat, cum) ${percentage(cumSum, rpt.total)} of Total\n`);
    let fn = '', file = '', line = 0;
    for (const n of ns) {
      let loc = '';
      // Location is printed only when it changes from the previous instruction.
      if (n.function !== fn || n.file !== file || n.line !== line) {
        fn = n.function;
        file = n.file;
        line = n.line;
        if (n.function !== '') loc = n.function + ' ';
        if (n.file !== '') {
          loc += n.file;
          if (n.line !== 0) loc += `:${n.line}`;
        }
      }
      const values = `${padLeft(v(n.flat, n.flatDiv), 10)} ${padLeft(v(n.cum, n.cumDiv), 10)} ${padLeft(n.address.toString(16), 10)}: `;
      if (loc === '') out.push(`${values}${n.instruction}\n`);
      else if (utf8Length(n.instruction) < 40) out.push(`${values}${padRight(n.instruction, 40)};${loc}\n`);
      else out.push(`${' '.repeat(74)};${loc}\n${values}${n.instruction}\n`);
    }
  }
  return out.join('');
}
