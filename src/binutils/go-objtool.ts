// Binaries read through the Go toolchain: `go tool nm` for symbols and
// `go tool objdump` for instructions. These are the cmd/internal/objfile
// and disassembler that `go tool pprof` itself uses, so the text of every
// instruction is the same as pprof's.

import type { ObjFrame, ObjInst, ObjSymbol } from '../ports.js';
import { addressInput, runProgram, toolError, ToolObjFile, type Runner } from './tool-objfile.js';

/** GoTool is how to run one Go tool: the program and the arguments before the tool's own. */
export interface GoTool {
  cmd: string;
  args: string[];
}

/** findGoTool locates a Go tool (`go tool -n name`), or null when the go command is missing. */
export function findGoTool(name: string, run: Runner = runProgram): GoTool | null {
  const r = run('go', ['tool', '-n', name]);
  if (r.error || r.status !== 0) {
    // Older go commands have no -n: run the tool through go itself.
    const v = run('go', ['version']);
    return v.error || v.status !== 0 ? null : { cmd: 'go', args: ['tool', name] };
  }
  const exe = r.stdout.trim().split('\n').pop() ?? '';
  return exe !== '' ? { cmd: exe, args: [] } : { cmd: 'go', args: ['tool', name] };
}

/** GoSym is one line of `go tool nm -size` output. */
interface GoSym {
  addr: bigint;
  size: bigint;
  code: string;
  name: string;
}

/** parseGoNm parses `go tool nm -size` output ("addr size code name"; names may hold spaces). */
export function parseGoNm(text: string): GoSym[] {
  const out: GoSym[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([0-9a-f]+)?\s+(\d+) (\S) (.*)$/.exec(line);
    if (!m) continue;
    out.push({ addr: m[1] ? BigInt('0x' + m[1]) : 0n, size: BigInt(m[2]), code: m[3], name: m[4] });
  }
  return out;
}

/** ObjdumpBlock is one TEXT symbol of `go tool objdump` output. */
interface ObjdumpBlock {
  name: string;
  insts: ObjInst[];
}

/**
 * parseGoObjdump parses `go tool objdump` output: "TEXT sym(SB) file"
 * headers and "  file.go:12\t0x401000\t\tbytes\t\tTEXT\t" rows.
 */
export function parseGoObjdump(text: string): ObjdumpBlock[] {
  const blocks: ObjdumpBlock[] = [];
  let cur: ObjdumpBlock | null = null;
  for (const line of text.split('\n')) {
    const head = /^TEXT (.*)\(SB\)(?: .*)?$/.exec(line);
    if (head) {
      cur = { name: head[1], insts: [] };
      blocks.push(cur);
      continue;
    }
    const m = /^ {2}(.*):(\d+)\t+0x([0-9a-f]+)\t+[0-9a-f ]*\t+(.*?)\t*$/.exec(line);
    if (!m || !cur) continue;
    cur.insts.push({ addr: BigInt('0x' + m[3]), text: m[4], function: '', file: m[1], line: Number(m[2]) });
  }
  return blocks;
}

/** GoObjFileOptions are the tools a GoObjFile runs. */
interface GoObjFileOptions {
  nm: GoTool;
  objdump: GoTool;
  /** For source positions (weblist); without it none are known. */
  addr2line?: GoTool | null;
  run?: Runner;
}

/**
 * parseGoAddr2line parses `go tool addr2line` output: for each address a
 * function line and a file:line line ("?" and "?:0" when unknown). Like
 * pprof's reader, it gives one frame: the function holding the address and
 * the innermost (inlined) position.
 */
function parseGoAddr2line(text: string, count: number): (ObjFrame[] | null)[] {
  const lines = text.split('\n');
  const out: (ObjFrame[] | null)[] = [];
  for (let i = 0; i < count; i++) {
    const fn = lines[2 * i] ?? '?';
    const pos = lines[2 * i + 1] ?? '?:0';
    const colon = pos.lastIndexOf(':');
    if (fn === '?' || colon < 0) {
      out.push(null);
      continue;
    }
    out.push([{ func: fn, file: pos.slice(0, colon), line: Number(pos.slice(colon + 1)) || 0 }]);
  }
  return out;
}

/** GoObjFile is a binary read with `go tool nm` and `go tool objdump`. */
export class GoObjFile extends ToolObjFile<GoSym> {
  /** offset is subtracted from profile addresses to get object addresses. */
  constructor(name: string, offset: bigint, private readonly o: GoObjFileOptions) {
    super(name, offset, o.run);
  }

  protected readSymbols(): GoSym[] {
    const r = this.run(this.o.nm.cmd, [...this.o.nm.args, '-size', '-sort', 'none', this.name]);
    if (r.error || r.status !== 0) throw toolError(`go tool nm ${this.name}`, r);
    return parseGoNm(r.stdout);
  }

  symbols(rx: RegExp | null, addr: bigint): ObjSymbol[] {
    const out: ObjSymbol[] = [];
    for (const s of this.symbolTable()) {
      // An ELF STT_FILE symbol has address and size 0.
      if (s.addr === 0n && s.size === 0n) continue;
      if (rx && !rx.test(s.name)) continue;
      if (addr !== 0n && !(s.addr <= addr && addr < s.addr + s.size)) continue;
      out.push({ names: [s.name], file: this.name, start: s.addr, end: BigInt.asUintN(64, s.addr + s.size - 1n) });
    }
    return out;
  }

  disasm(start: bigint, end: bigint, intelSyntax: boolean): ObjInst[] {
    if (intelSyntax) throw new Error('printing assembly in Intel syntax is not supported');
    // With a range, objdump decodes each overlapping symbol from its start up
    // to the end of the range, from code cut at the range's end: exactly the
    // decoding pprof does, including the odd last instructions this gives.
    const r = this.run(this.o.objdump.cmd, [...this.o.objdump.args, this.name, '0x' + start.toString(16), '0x' + end.toString(16)]);
    if (r.error || r.status !== 0) throw toolError(`go tool objdump ${this.name}`, r);
    const blocks = parseGoObjdump(r.stdout);
    const exact = blocks.find((b) => b.insts.length > 0 && b.insts[0].addr === start);
    const insts = exact ? exact.insts : blocks.flatMap((b) => b.insts);
    const seen = new Set<bigint>();
    return insts.filter((i) => i.addr >= start && i.addr < end && !seen.has(i.addr) && seen.add(i.addr) !== null);
  }

  sourceLines(addrs: bigint[]): (ObjFrame[] | null)[] {
    const tool = this.o.addr2line;
    if (!tool || addrs.length === 0) return addrs.map(() => null);
    const r = this.run(tool.cmd, [...tool.args, this.name], addressInput(addrs));
    if (r.error || r.status !== 0) return addrs.map(() => null);
    return parseGoAddr2line(r.stdout, addrs.length);
  }
}
