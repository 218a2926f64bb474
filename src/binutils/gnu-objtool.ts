// Binaries read through GNU binutils (`nm` and `objdump`), for machines
// without the go command or for binaries the Go tools cannot read. The
// instruction text is GNU's (AT&T or Intel syntax), not Go's.

import type { ObjFrame, ObjInst, ObjSymbol } from '../ports.js';
import { addressInput, toolError, ToolObjFile, type Runner } from './tool-objfile.js';

/** NmSym is one defined symbol listed by `nm -S -n`. */
interface NmSym {
  addr: bigint;
  /** null when nm printed no size. */
  size: bigint | null;
  code: string;
  name: string;
}

/** parseGnuNm parses `nm -n -S --defined-only` output ("addr [size] code name"). */
export function parseGnuNm(text: string): NmSym[] {
  const out: NmSym[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]+)(?: ([0-9a-fA-F]+))? (\S) (.+)$/.exec(line.trim());
    if (!m) continue;
    out.push({ addr: BigInt('0x' + m[1]), size: m[2] ? BigInt('0x' + m[2]) : null, code: m[3], name: m[4] });
  }
  return out;
}

/**
 * groupSymbols merges names at one address into one symbol (the aliases
 * pprof prints as "AKA"); a symbol without a size ends where the next begins.
 */
export function groupSymbols(syms: NmSym[], file: string): ObjSymbol[] {
  const sorted = [...syms].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  const out: ObjSymbol[] = [];
  for (let i = 0; i < sorted.length;) {
    const addr = sorted[i].addr;
    const names: string[] = [];
    let size: bigint | null = null;
    for (; i < sorted.length && sorted[i].addr === addr; i++) {
      names.push(sorted[i].name);
      const s = sorted[i].size;
      if (s !== null && (size === null || s > size)) size = s;
    }
    const next = i < sorted.length ? sorted[i].addr : null;
    let end: bigint;
    if (size !== null && size > 0n) end = addr + size - 1n;
    else if (next !== null) end = next - 1n;
    else continue;
    out.push({ names, file, start: addr, end });
  }
  return out;
}

/** parseGnuObjdump parses `objdump -d -l --no-show-raw-insn` output into instructions. */
export function parseGnuObjdump(text: string): ObjInst[] {
  const out: ObjInst[] = [];
  let fn = '', file = '', line = 0;
  for (const raw of text.split('\n')) {
    const s = raw.trim();
    const asm = /^([0-9a-fA-F]+):\s+(.*)$/.exec(s);
    if (asm) {
      out.push({ addr: BigInt('0x' + asm[1]), text: asm[2].trim(), function: fn, file, line });
      continue;
    }
    const fl = /^(.*):(\d+)(?: \(discriminator \d+\))?$/.exec(s);
    if (fl && !s.endsWith('():')) {
      file = fl[1];
      line = Number(fl[2]);
      continue;
    }
    const f = /^(\S.*)\(\):$/.exec(s);
    if (f) {
      fn = f[1];
      continue;
    }
    if (/^[0-9a-fA-F]+ <.*>:$/.test(s)) fn = file = '', line = 0;
  }
  return out;
}

/**
 * parseGnuAddr2line parses `addr2line -a -f -i` output: each address line
 * ("0x…") followed by function and file:line pairs, innermost first.
 */
function parseGnuAddr2line(text: string, addrs: bigint[]): (ObjFrame[] | null)[] {
  const byAddr = new Map<bigint, ObjFrame[]>();
  let cur: ObjFrame[] | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^0x[0-9a-fA-F]+$/.test(l)) {
      cur = [];
      if (!byAddr.has(BigInt(l))) byAddr.set(BigInt(l), cur);
      continue;
    }
    if (!cur || l === '') continue;
    const pos = (lines[++i] ?? '').replace(/ \(discriminator \d+\)$/, '');
    const colon = pos.lastIndexOf(':');
    const line = colon >= 0 ? Number(pos.slice(colon + 1)) || 0 : 0;
    const file = colon >= 0 ? pos.slice(0, colon) : pos;
    if (l === '??' && line === 0) continue;
    cur.push({ func: l === '??' ? '' : l, file: file === '??' ? '' : file, line });
  }
  return addrs.map((a) => {
    const f = byAddr.get(a);
    return f && f.length > 0 ? f : null;
  });
}

/** GnuTools are the binutils programs to run. */
interface GnuTools {
  nm: string;
  objdump: string;
  addr2line?: string;
  run?: Runner;
}

/** GnuObjFile is a binary read with binutils. */
export class GnuObjFile extends ToolObjFile<ObjSymbol> {
  /** offset is subtracted from profile addresses to get object addresses. */
  constructor(name: string, offset: bigint, private readonly t: GnuTools) {
    super(name, offset, t.run);
  }

  protected readSymbols(): ObjSymbol[] {
    const r = this.run(this.t.nm, ['-n', '-S', '--defined-only', this.name]);
    if (r.error || r.status !== 0) throw toolError(`nm ${this.name}`, r);
    return groupSymbols(parseGnuNm(r.stdout), this.name);
  }

  symbols(rx: RegExp | null, addr: bigint): ObjSymbol[] {
    const out: ObjSymbol[] = [];
    for (const s of this.symbolTable()) {
      if (addr !== 0n && addr >= s.start && addr <= s.end) {
        out.push(s);
        continue;
      }
      const name = rx ? s.names.find((n) => rx.test(n)) : s.names[0];
      if (name !== undefined) out.push({ ...s, names: [name] });
    }
    return out;
  }

  disasm(start: bigint, end: bigint, intelSyntax: boolean): ObjInst[] {
    const args = ['-d', '--no-show-raw-insn', '-l', '-C', `--start-address=0x${start.toString(16)}`, `--stop-address=0x${end.toString(16)}`];
    if (intelSyntax) args.push('-M', 'intel');
    const r = this.run(this.t.objdump, [...args, this.name]);
    if (r.error || r.status !== 0) throw toolError(`objdump ${this.name}`, r);
    return parseGnuObjdump(r.stdout);
  }

  sourceLines(addrs: bigint[]): (ObjFrame[] | null)[] {
    if (addrs.length === 0) return [];
    const r = this.run(this.t.addr2line ?? 'addr2line', ['-a', '-f', '-i', '-C', '-e', this.name], addressInput(addrs));
    if (r.error || r.status !== 0) return addrs.map(() => null);
    return parseGnuAddr2line(r.stdout, addrs);
  }
}
