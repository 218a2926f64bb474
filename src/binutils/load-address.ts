// The load address of a binary, read from its headers: where the executable
// segment of an ELF file, the __TEXT segment of a Mach-O file or the image
// of a PE file is linked. A profile's mapping start minus this is the
// offset between profile addresses and object-file addresses (PIE, ASLR).

import { closeSync, openSync, readSync } from 'node:fs';

/** ByteReader reads bytes at an offset (fewer at the end of the file). */
type ByteReader = (offset: number, length: number) => Uint8Array;

class View {
  constructor(private readonly read: ByteReader, private readonly le: boolean) {}
  private bytes(off: number, n: number): Uint8Array {
    const b = this.read(off, n);
    if (b.length < n) throw new Error('truncated header');
    return b;
  }
  u16(off: number): number {
    return new DataView(this.bytes(off, 2).slice().buffer).getUint16(0, this.le);
  }
  u32(off: number): number {
    return new DataView(this.bytes(off, 4).slice().buffer).getUint32(0, this.le);
  }
  u64(off: number): bigint {
    return new DataView(this.bytes(off, 8).slice().buffer).getBigUint64(0, this.le);
  }
  str(off: number, n: number): string {
    const b = this.bytes(off, n);
    const z = b.indexOf(0);
    return new TextDecoder('latin1').decode(z >= 0 ? b.subarray(0, z) : b);
  }
}

const PT_LOAD = 1;
const PF_X = 1;

function elfLoadAddress(read: ByteReader): bigint | null {
  const ident = read(0, 6);
  const is64 = ident[4] === 2;
  const v = new View(read, ident[5] !== 2);
  const phoff = is64 ? Number(v.u64(0x20)) : v.u32(0x1c);
  const phentsize = v.u16(is64 ? 0x36 : 0x2a);
  const phnum = v.u16(is64 ? 0x38 : 0x2c);
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (v.u32(ph) !== PT_LOAD) continue;
    const flags = is64 ? v.u32(ph + 4) : v.u32(ph + 24);
    if ((flags & PF_X) === 0) continue;
    const vaddr = is64 ? v.u64(ph + 16) : BigInt(v.u32(ph + 8));
    const align = is64 ? v.u64(ph + 48) : BigInt(v.u32(ph + 28));
    // The mapping starts at the aligned address (what cmd/internal/objfile reports).
    return align === 0n ? vaddr : vaddr - (vaddr % align);
  }
  return null;
}

const LC_SEGMENT = 0x1;
const LC_SEGMENT_64 = 0x19;

function machoLoadAddress(read: ByteReader, le: boolean, is64: boolean): bigint | null {
  const v = new View(read, le);
  const ncmds = v.u32(16);
  let off = is64 ? 32 : 28;
  for (let i = 0; i < ncmds; i++) {
    const cmd = v.u32(off);
    const size = v.u32(off + 4);
    if ((cmd === LC_SEGMENT_64 || cmd === LC_SEGMENT) && v.str(off + 8, 16) === '__TEXT') {
      return cmd === LC_SEGMENT_64 ? v.u64(off + 24) : BigInt(v.u32(off + 24));
    }
    if (size === 0) break;
    off += size;
  }
  return null;
}

function peLoadAddress(read: ByteReader): bigint | null {
  const v = new View(read, true);
  const pe = v.u32(0x3c);
  if (v.u32(pe) !== 0x00004550) return null; // "PE\0\0"
  const opt = pe + 4 + 20;
  const magic = v.u16(opt);
  if (magic === 0x10b) return BigInt(v.u32(opt + 28));
  if (magic === 0x20b) return v.u64(opt + 24);
  return null;
}

/** loadAddressOf reads the load address from a binary's headers; null when unknown. */
export function loadAddressOf(read: ByteReader): bigint | null {
  try {
    const m = read(0, 4);
    if (m.length < 4) return null;
    if (m[0] === 0x7f && m[1] === 0x45 && m[2] === 0x4c && m[3] === 0x46) return elfLoadAddress(read);
    const be = ((m[0] << 24) | (m[1] << 16) | (m[2] << 8) | m[3]) >>> 0;
    const le = ((m[3] << 24) | (m[2] << 16) | (m[1] << 8) | m[0]) >>> 0;
    if (le === 0xfeedface || le === 0xfeedfacf) return machoLoadAddress(read, true, le === 0xfeedfacf);
    if (be === 0xfeedface || be === 0xfeedfacf) return machoLoadAddress(read, false, be === 0xfeedfacf);
    if (m[0] === 0x4d && m[1] === 0x5a) return peLoadAddress(read);
    return null;
  } catch {
    return null;
  }
}

/** fileLoadAddress is loadAddressOf for a file on disk. */
export function fileLoadAddress(path: string): bigint | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    return loadAddressOf((offset, length) => {
      const b = new Uint8Array(length);
      const n = readSync(fd, b, 0, length, offset);
      return b.subarray(0, n);
    });
  } finally {
    closeSync(fd);
  }
}
