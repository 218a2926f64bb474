// What the binaries read through external programs share (the Go tools or
// GNU binutils): how a program is run, the one-line reason it failed, and
// an ObjFile that reads its symbol table once and maps profile addresses.

import { spawnSync } from 'node:child_process';
import type { ObjFile, ObjFrame, ObjInst, ObjSymbol } from '../ports.js';

/** Runner runs a program (with optional standard input) and returns its exit status and output. */
export type Runner = (cmd: string, args: string[], input?: string) => { status: number | null; stdout: string; stderr: string; error?: Error };

/** runProgram runs a program synchronously (large outputs allowed). */
export const runProgram: Runner = (cmd, args, input) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000, input });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
};

/** toolError is the one-line reason a tool failed. */
export function toolError(what: string, r: ReturnType<Runner>): Error {
  const msg = r.error ? r.error.message : (r.stderr.trim().split('\n')[0] || `exit status ${r.status}`);
  return new Error(`${what}: ${msg}`);
}

/** addressInput is what addr2line-style tools read on standard input: one hex address per line. */
export function addressInput(addrs: bigint[]): string {
  return addrs.map((a) => '0x' + a.toString(16)).join('\n') + '\n';
}

/**
 * ToolObjFile is a binary read through external programs: the symbol table
 * (rows of type S) is read on first use and kept; the subclass says how to
 * read it and how to disassemble and find source lines.
 */
export abstract class ToolObjFile<S> implements ObjFile {
  private syms: S[] | null = null;
  protected readonly run: Runner;

  /** offset is subtracted from profile addresses to get object addresses. */
  constructor(readonly name: string, private readonly offset: bigint, run?: Runner) {
    this.run = run ?? runProgram;
  }

  /** readSymbols runs the symbol lister; it throws when the file cannot be read. */
  protected abstract readSymbols(): S[];

  /** load reads the symbol table (once); throws when the tool cannot read the file. */
  load(): this {
    this.syms ??= this.readSymbols();
    return this;
  }

  /** symbolTable is the symbol table, read if need be. */
  protected symbolTable(): S[] {
    return this.load().syms!;
  }

  objAddr(addr: bigint): bigint {
    return BigInt.asUintN(64, addr - this.offset);
  }

  abstract symbols(rx: RegExp | null, addr: bigint): ObjSymbol[];
  abstract disasm(start: bigint, end: bigint, intelSyntax: boolean): ObjInst[];
  abstract sourceLines(addrs: bigint[]): (ObjFrame[] | null)[];
}
