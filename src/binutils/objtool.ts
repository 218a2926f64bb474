// The ObjTool of the CLI: opens a binary with the Go toolchain when the go
// command is on PATH (what `go tool pprof` uses), else, or when the Go tools
// cannot read the file, with GNU binutils; says so when neither is there.

import { statSync } from 'node:fs';
import type { ObjFile, ObjTool } from '../ports.js';
import { findGoTool, GoObjFile, type GoTool } from './go-objtool.js';
import { GnuObjFile } from './gnu-objtool.js';
import { runProgram, type Runner, type ToolObjFile } from './tool-objfile.js';
import { fileLoadAddress } from './load-address.js';

/** LocalObjToolOptions lets tests replace how programs run and are found. */
interface LocalObjToolOptions {
  run?: Runner;
  /** Use only these back ends, in this order (default: go, then binutils). */
  prefer?: ('go' | 'binutils')[];
}

/** NO_TOOLS says what to install when no disassembler is available. */
export const NO_TOOLS = 'no disassembler found: install Go (gotune runs `go tool objdump`, as go tool pprof does) or GNU binutils (`objdump`, `nm`)';

/** profileOffset is what to subtract from profile addresses: mapping start minus load address (0 when unknown or unmapped). */
export function profileOffset(start: bigint, load: bigint | null): bigint {
  if (start === 0n || load === null) return 0n;
  return BigInt.asUintN(64, start - load);
}

/** preferFromEnv reads $GOTUNE_OBJTOOL ("go" or "binutils") to force one back end; both when unset. */
export function preferFromEnv(v: string | undefined): ('go' | 'binutils')[] {
  if (v === 'go' || v === 'binutils') return [v];
  return ['go', 'binutils'];
}

/** localObjTool opens binaries on this machine with the tools it has. */
export function localObjTool(opts: LocalObjToolOptions = {}): ObjTool {
  const run = opts.run ?? runProgram;
  const prefer = opts.prefer ?? preferFromEnv(process.env.GOTUNE_OBJTOOL);
  let go: { nm: GoTool; objdump: GoTool; addr2line: GoTool | null } | null | undefined;
  let gnu: { nm: string; objdump: string } | null | undefined;
  const goTools = () => {
    if (go === undefined) {
      const nm = findGoTool('nm', run);
      const objdump = nm ? findGoTool('objdump', run) : null;
      go = nm && objdump ? { nm, objdump, addr2line: findGoTool('addr2line', run) } : null;
    }
    return go;
  };
  const gnuTools = () => {
    if (gnu === undefined) {
      const ok = (cmd: string) => {
        const r = run(cmd, ['--version']);
        return !r.error && r.status === 0;
      };
      gnu = ok('objdump') && ok('nm') ? { nm: 'nm', objdump: 'objdump' } : null;
    }
    return gnu;
  };
  return {
    open(file: string, start: bigint, _limit: bigint, _offset: bigint): ObjFile {
      try {
        statSync(file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(`open ${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String(code)}`);
      }
      const offset = profileOffset(start, fileLoadAddress(file));
      // Each back end this machine has, as a way to open the file.
      const opener = (backEnd: 'go' | 'binutils'): (() => ToolObjFile<unknown>) | null => {
        if (backEnd === 'go') {
          const t = goTools();
          return t && (() => new GoObjFile(file, offset, { ...t, run }));
        }
        const t = gnuTools();
        return t && (() => new GnuObjFile(file, offset, { ...t, run }));
      };
      const failures: string[] = [];
      let found = false;
      for (const backEnd of prefer) {
        const make = opener(backEnd);
        if (!make) continue;
        found = true;
        try {
          return make().load();
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
      if (!found) throw new Error(`${file}: ${NO_TOOLS}`);
      throw new Error(failures.join('; '));
    },
  };
}
