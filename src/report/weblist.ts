// The data of the -weblist report (pprof's sourcePrinter): for functions
// matching a regexp, their source lines with weights and, under each line,
// the instructions compiled from it with any inlined calls leading there.
// Binaries come through the ObjTool port, sources through SourceReader.

import { basePath, cleanPath } from '../graph/gopath.js';
import type { ObjFile, ObjFrame, ObjTool, SourceReader } from '../ports.js';
import type { Location, Mapping } from '../profile/types.js';
import { percentage } from '../units/measurement.js';
import { ReportError } from './errors.js';
import { dotOr, SourceCache } from './list.js';
import { parseGoUint } from './disasm.js';
import type { Report } from './report.js';

/** WebListCall is an inlined call on the way to an instruction. */
interface WebListCall { srcLine: string; fileBase: string; line: number }

/** WebListInstruction is one instruction under a source line. */
interface WebListInstruction {
  /** A gap in addresses before it: a new basic block. */
  newBlock: boolean;
  flat: string;
  cum: string;
  /** Made up for a location without a binary: no instruction text. */
  synthetic: boolean;
  address: bigint;
  disasm: string;
  fileLine: string;
  inlinedCalls: WebListCall[];
}

/** WebListLine is one source line. */
export interface WebListLine {
  srcLine: string;
  /** "nop": no code; "deadsrc": code without detail; "livesrc": instructions to show. */
  htmlClass: 'nop' | 'deadsrc' | 'livesrc';
  line: number;
  flat: string;
  cum: string;
  instructions: WebListInstruction[];
}

/** WebListFunc is one function's listing. */
interface WebListFunc { name: string; file: string; flat: string; cum: string; percent: string; lines: WebListLine[] }

/** WebListData is the whole listing, file by file. */
export interface WebListData { total: string; files: WebListFunc[][] }

interface CallId { file: string; line: number }
interface InstInfo { objAddr: bigint; length: bigint; disasm: string; file: string; line: number; flat: number; cum: number }
interface SourceInst { addr: bigint; stack: CallId[] }
interface SourceFile { fname: string; lines: Map<number, SourceInst[]>; funcName: Map<number, string> }
interface AddrInfo { loc: Location; obj: ObjFile | null }
interface AddrRange { begin: bigint; end: bigint; obj: ObjFile; mapping: Mapping; score: number }

const EXPAND = 500n;
const MAX_RANGES = 25;
const NEIGHBORHOOD = 32n;
const u64 = (x: bigint) => BigInt.asUintN(64, x);
const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** canonicalFileName is how pprof keys source files: no /proc/self/cwd/ or ./, cleaned. */
function canonicalFileName(f: string): string {
  let s = f.startsWith('/proc/self/cwd/') ? f.slice(15) : f;
  if (s.startsWith('./')) s = s.slice(2);
  return cleanPath(s);
}

/** indentation is the column where a line's text starts (tabs to multiples of 8). */
export function indentation(line: string): number {
  let col = 0;
  for (const c of line) {
    if (c === ' ') col++;
    else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
    else break;
  }
  return col;
}

/** rightPad pads s to n columns, expanding tabs to the next multiple of 8. */
export function rightPad(s: string, n: number): string {
  let out = '';
  let col = 0;
  for (const c of s) {
    col++;
    if (c === '\t') {
      out += ' ';
      while (col % 8 !== 0) {
        col++;
        out += ' ';
      }
    } else out += c;
  }
  return col < n ? out + ' '.repeat(n - col) : out;
}

/** SourcePrinter gathers what the listing shows (pprof's sourcePrinter). */
class SourcePrinter {
  readonly files = new Map<string, SourceFile>();
  readonly insts = new Map<bigint, InstInfo>();
  readonly interest = new Set<string>();
  readonly prettyNames = new Map<string, string>();
  private readonly objects = new Map<string, ObjFile | null>();

  constructor(private readonly rpt: Report, private readonly obj: ObjTool, private readonly warn: (l: string) => void) {}

  objectFile(m: Mapping | null): ObjFile | null {
    if (!m) return null;
    if (!this.objects.has(m.file)) {
      let f: ObjFile | null = null;
      try {
        f = this.obj.open(m.file, m.start, m.limit, m.offset);
      } catch {
        f = null; // as pprof: such addresses are shown without instructions
      }
      this.objects.set(m.file, f);
    }
    return this.objects.get(m.file)!;
  }

  /** collect finds the interesting addresses and their weights from the samples. */
  collect(): { addrs: Map<bigint, AddrInfo>; flat: Map<bigint, number>; cum: Map<bigint, number> } {
    const p = this.rpt.prof;
    const o = this.rpt.options;
    const rx = o.symbol;
    const address = rx ? parseGoUint(o.symbolSource ?? rx.source) : null;
    let next = 1n;
    for (const m of p.mappings) if (next < m.limit) next = m.limit;
    const synth = new Map<Location, bigint>();
    const addrs = new Map<bigint, AddrInfo>();
    const flat = new Map<bigint, number>();
    const cum = new Map<bigint, number>();
    const mark = (addr: bigint, loc: Location, index: number) => {
      const fn = loc.lines[index].fn;
      this.interest.add(fn.name);
      this.interest.add(fn.systemName);
      if (!addrs.has(addr)) addrs.set(addr, { loc, obj: this.objectFile(loc.mapping) });
    };
    const s = p.samples;
    for (let i = 0; i < s.count; i++) {
      let value = s.values[i * s.nValues + o.sampleIndex];
      if (o.meanIndex >= 0) {
        const div = s.values[i * s.nValues + o.meanIndex];
        if (div !== 0) value = Math.trunc(value / div);
      }
      for (let k = s.stackStart[i + 1] - 1; k >= s.stackStart[i]; k--) {
        const loc = p.locations[s.locs[k]];
        for (const ln of loc.lines) this.prettyNames.set(ln.fn.systemName, ln.fn.name);
        let addr = loc.address;
        if (addr === 0n) {
          // Some profiles have no addresses: make one up per location.
          addr = synth.get(loc) ?? next++;
          synth.set(loc, addr);
        }
        cum.set(addr, (cum.get(addr) ?? 0) + value);
        if (k === s.stackStart[i]) flat.set(addr, (flat.get(addr) ?? 0) + value);
        if (!rx || (address !== null && addr === address)) {
          if (loc.lines.length > 0) mark(addr, loc, loc.lines.length - 1);
          continue;
        }
        const matchFile = loc.mapping !== null && rx.test(loc.mapping.file);
        loc.lines.forEach((ln, j) => {
          if ((j === 0 && matchFile) || rx.test(ln.fn.name) || rx.test(ln.fn.systemName) || rx.test(ln.fn.filename)) mark(addr, loc, j);
        });
      }
    }
    return { addrs, flat, cum };
  }

  /** addStack files an instruction under every interesting frame of its source position. */
  addStack(addr: bigint, frames: ObjFrame[]): void {
    frames.forEach((f, i) => {
      if (!this.interest.has(f.func)) return;
      const fname = canonicalFileName(f.file);
      let file = this.files.get(fname);
      if (!file) this.files.set(fname, (file = { fname, lines: new Map(), funcName: new Map() }));
      const stack = frames.slice(0, i).reverse().map((c) => ({ file: c.file, line: c.line }));
      let l = file.lines.get(f.line);
      if (!l) file.lines.set(f.line, (l = []));
      l.push({ addr, stack });
      if (!file.funcName.has(f.line)) file.funcName.set(f.line, f.func);
    });
  }

  /** expand disassembles the neighbourhood of the addresses in their binaries. */
  expand(addrs: Map<bigint, AddrInfo>, flat: Map<bigint, number>): void {
    const known = [...addrs.keys()].filter((a) => addrs.get(a)!.obj !== null).sort(cmpBig);
    const unknown = [...addrs.keys()].filter((a) => addrs.get(a)!.obj === null).sort(cmpBig);
    for (const addr of unknown) {
      const frames = addrs.get(addr)!.loc.lines.map((ln) => ({ func: ln.fn.name, file: ln.fn.filename, line: ln.line }));
      this.insts.set(addr, { objAddr: addr, length: 1n, disasm: '', file: frames[0]?.file ?? '', line: frames[0]?.line ?? 0, flat: 0, cum: 0 });
      this.addStack(addr, frames);
    }
    const ranges: AddrRange[] = [];
    for (let i = 0; i < known.length;) {
      let begin = known[i], end = known[i];
      let score = flat.get(begin) ?? 0;
      const info = addrs.get(begin)!;
      const m = info.loc.mapping!;
      for (i++; i < known.length && known[i] <= end + 2n * EXPAND && known[i] < m.limit; i++) {
        end = known[i];
        score += flat.get(end) ?? 0;
      }
      // pprof's unsigned arithmetic, kept for parity.
      begin = u64(m.start - begin) >= EXPAND ? u64(begin - EXPAND) : m.start;
      end = u64(m.limit - end) >= EXPAND ? u64(end + EXPAND) : m.limit;
      ranges.push({ begin, end, obj: info.obj!, mapping: m, score });
    }
    ranges.sort((a, b) => b.score - a.score || cmpBig(a.begin, b.begin));
    for (const r of ranges.slice(0, MAX_RANGES)) this.disassembleRange(r);
  }

  private disassembleRange(r: AddrRange): void {
    const objBegin = r.obj.objAddr(r.begin);
    const base = u64(r.begin - objBegin);
    let insts;
    try {
      insts = r.obj.disasm(objBegin, r.obj.objAddr(r.end), this.rpt.options.intelSyntax);
    } catch (e) {
      this.warn(e instanceof Error ? e.message : String(e));
      return;
    }
    const positions = r.obj.sourceLines(insts.map((i) => i.addr));
    let lastFrames: ObjFrame[] | null = null;
    let lastAddr = 0n, maxAddr = 0n;
    insts.forEach((inst, i) => {
      const addr = u64(inst.addr + base);
      if (addr <= maxAddr) return;
      maxAddr = addr;
      const length = i + 1 < insts.length && insts[i + 1].addr > inst.addr ? insts[i + 1].addr - inst.addr : 1n;
      let frames: ObjFrame[] = positions[i] ?? [{ func: inst.function, file: inst.file, line: inst.line }];
      this.insts.set(addr, { objAddr: inst.addr, length, disasm: inst.text, file: frames[0]?.file ?? '', line: frames[0]?.line ?? 0, flat: 0, cum: 0 });
      // An instruction without a line takes that of one shortly before it.
      if (frames.length > 0 && frames[0].line !== 0) {
        lastFrames = frames;
        lastAddr = addr;
      } else if (addr - lastAddr <= NEIGHBORHOOD && lastFrames) {
        frames = lastFrames;
      }
      this.addStack(addr, frames);
    });
  }

  /** initSamples gives each instruction the samples at its bytes. */
  initSamples(flat: Map<bigint, number>, cum: Map<bigint, number>): void {
    const starts = [...this.insts.keys()].sort(cmpBig);
    const find = (p: bigint): InstInfo | null => {
      let lo = 0, hi = starts.length - 1, best = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= p) {
          best = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (best < 0) return null;
      const inst = this.insts.get(starts[best])!;
      return p < starts[best] + inst.length ? inst : null;
    };
    for (const [p, v] of flat) {
      const inst = find(p);
      if (inst) inst.flat += v;
    }
    for (const [p, v] of cum) {
      const inst = find(p);
      if (inst) inst.cum += v;
    }
  }
}

interface FuncRange { name: string; begin: number; end: number; flat: number; cum: number }

/** functionRanges splits a file's lines into per-function ranges with context (pprof's functions). */
function functionRanges(sp: SourcePrinter, f: SourceFile): FuncRange[] {
  const funcs: FuncRange[] = [];
  for (const l of [...f.lines.keys()].sort((a, b) => a - b)) {
    let name = f.funcName.get(l)!;
    name = sp.prettyNames.get(name) ?? name;
    let flat = 0, cum = 0;
    for (const x of f.lines.get(l)!) {
      const inst = sp.insts.get(x.addr)!;
      flat += inst.flat;
      cum += inst.cum;
    }
    const last = funcs[funcs.length - 1];
    // Lines of one function less than 20 apart are shown as one range.
    if (last && l - last.end < 20 && last.name === name) {
      last.end = l + 1;
      last.flat += flat;
      last.cum += cum;
      continue;
    }
    funcs.push({ name, begin: l, end: l + 1, flat, cum });
  }
  funcs.forEach((fn, i) => {
    if (i === 0) {
      if (fn.begin > 5) fn.begin -= 5;
      else if (fn.begin > 1) fn.begin = 1;
    } else {
      const half = Math.min(Math.trunc((fn.begin - funcs[i - 1].end) / 2), 5);
      funcs[i - 1].end += half;
      fn.begin -= half;
    }
  });
  if (funcs.length > 0) funcs[funcs.length - 1].end += 5;
  return funcs;
}

/** makeWebList computes the -weblist listing; throws when nothing matches. */
export function makeWebList(rpt: Report, obj: ObjTool, reader: SourceReader, warn: (l: string) => void): WebListData {
  const o = rpt.options;
  const sp = new SourcePrinter(rpt, obj, warn);
  const { addrs, flat, cum } = sp.collect();
  if (sp.interest.size === 0) throw new ReportError(`no matches found for regexp: ${o.symbolSource ?? o.symbol?.source ?? ''}`);
  sp.expand(addrs, flat);
  sp.initSamples(flat, cum);
  const src = new SourceCache(reader, { searchPath: o.sourcePath, trimPath: o.trimPath }, warn);
  const files = [...sp.files.values()].sort((a, b) => (a.fname < b.fname ? -1 : a.fname > b.fname ? 1 : 0));
  const out: WebListData = { total: rpt.formatValue(rpt.total), files: [] };
  for (const f of files) {
    const funcs: WebListFunc[] = [];
    for (const fn of functionRanges(sp, f)) {
      if (fn.cum === 0) continue;
      const lines: WebListLine[] = [];
      for (let l = fn.begin; l < fn.end; l++) {
        let text = src.line(f.fname, l);
        const insts = f.lines.get(l) ?? [];
        if (text === null) {
          if (insts.length === 0) continue;
          text = l === 0 ? '<instructions with unknown line numbers>' : '???';
        }
        lines.push(webListLine(sp, src, rpt, l, text, insts));
      }
      funcs.push({ name: fn.name, file: f.fname, flat: rpt.formatValue(fn.flat), cum: rpt.formatValue(fn.cum), percent: percentage(fn.cum, rpt.total), lines });
    }
    if (funcs.length > 0 && !src.get(f.fname).ok) src.reportMissing(f.fname);
    out.files.push(funcs);
  }
  return out;
}

function webListLine(sp: SourcePrinter, src: SourceCache, rpt: Report, lineno: number, text: string, insts: SourceInst[]): WebListLine {
  let flatSum = 0, cumSum = 0;
  let lastAddr = 0n;
  const asm = insts.map((si) => {
    const x = sp.insts.get(si.addr)!;
    flatSum += x.flat;
    cumSum += x.cum;
    const prev = sp.insts.get(lastAddr);
    const startsBlock = si.addr !== lastAddr + (prev ? prev.length : 0n);
    lastAddr = si.addr;
    return { x, startsBlock, calls: si.stack };
  });
  const line: WebListLine = { srcLine: text, htmlClass: 'nop', line: lineno, flat: dotOr(rpt, flatSum), cum: dotOr(rpt, cumSum), instructions: [] };
  if (asm.length === 0) return line;
  const nested = asm.some((a) => a.calls.length > 0 || a.x.disasm !== '');
  line.htmlClass = nested ? 'livesrc' : 'deadsrc';
  if (!nested) return line;
  const indent = indentation(text);
  let cur: CallId[] | null = [];
  asm.forEach((a, i) => {
    const inst: WebListInstruction = {
      newBlock: a.startsBlock && i !== 0,
      flat: dotOr(rpt, a.x.flat),
      cum: dotOr(rpt, a.x.cum),
      synthetic: a.x.disasm === '',
      address: a.x.objAddr,
      disasm: rightPad(' '.repeat(indent + 4 + 4 * a.calls.length) + a.x.disasm, 80),
      fileLine: a.x.file !== '' ? `${basePath(a.x.file)}:${a.x.line}` : '',
      inlinedCalls: [],
    };
    a.calls.forEach((c, j) => {
      if (cur && j < cur.length && cur[j].file === c.file && cur[j].line === c.line) return;
      // As pprof: once a call differs, every later one is shown again.
      cur = null;
      const code = (src.line(c.file, c.line) ?? '').trim();
      inst.inlinedCalls.push({ srcLine: rightPad(' '.repeat(indent + 4 + 4 * j) + code, 80), fileBase: basePath(c.file), line: c.line });
    });
    cur = a.calls;
    line.instructions.push(inst);
  });
  return line;
}
