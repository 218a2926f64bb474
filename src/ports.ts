// Small interfaces for side effects. Core layers take them as parameters;
// the CLI passes real ones and tests pass fakes.

import type { Parallel } from './profile/parallel.js';
import type { Profile } from './profile/types.js';

/** Ui is where a command prints: stdout for results, stderr for messages. */
export interface Ui {
  /** print writes to standard output (text is written as is). */
  print(text: string): void;
  /** printErr writes one message line to standard error. */
  printErr(line: string): void;
  /** isTerminal tells whether standard output is a terminal. */
  isTerminal(): boolean;
}

/** FetchOptions carries the source flags that affect fetching. */
export interface FetchOptions {
  /** Duration of CPU/trace profiles for URL sources, -1 for the default. */
  seconds: number;
  /** Timeout in seconds for URL sources, -1 for the default. */
  timeout: number;
  /** Decompressed-size limit in bytes. */
  maxDecompressedBytes: number;
  /** pprof's -tls_cert, -tls_key and -tls_ca files for https sources. */
  tls?: TlsFiles;
  /**
   * False when the report reads no stack: a file's samples may then come
   * with empty stacks (a fetched profile keeps them, as it is saved).
   */
  stacks?: boolean;
}

/** TlsFiles names the PEM files of pprof's TLS flags ('' when not given). */
export interface TlsFiles {
  cert: string;
  key: string;
  ca: string;
}

/** Fetched is one profile obtained from a source. */
export interface Fetched {
  profile: Profile;
  /** Fetched over the network (pprof then saves a copy). */
  remote: boolean;
  /** The URL it came from, for remote symbolization and mapping sources. */
  url?: string;
}

/** Fetcher obtains a profile from a source (a file name or a URL). */
export interface Fetcher {
  fetch(source: string, opts: FetchOptions): Promise<Fetched>;
  /**
   * saveFetched keeps a copy of the combined profile when a source came
   * over the network, as pprof does, and prints where (optional).
   */
  saveFetched?(p: Profile, ui: Ui): void;
}

/** SourceSearch is where the source reports look: pprof's -source_path and -trim_path. */
export interface SourceSearch {
  /** Directories separated by ":"; "" means the current directory (as in pprof). */
  searchPath: string;
  /** Prefixes separated by ":" to remove from recorded paths before searching. */
  trimPath: string;
}

/** SourceText is a source file found and read, or why it was not. */
export type SourceText =
  | { ok: true; path: string; lines: string[] }
  | { ok: false; error: string; tried: string[] };

/**
 * SourceReader finds a source file named in a profile and reads it: `lines[0]`
 * is line 1. When it fails, `error` is the message pprof would print and
 * `tried` lists every place looked at.
 */
export interface SourceReader {
  read(file: string, search: SourceSearch): SourceText;
}

/** ObjSymbol is a symbol of a binary, as pprof's plugin.Sym. */
export interface ObjSymbol {
  /** The symbol's names: the first is shown, the others as aliases. */
  names: string[];
  /** The binary it was found in. */
  file: string;
  /** Object-file address of the first instruction. */
  start: bigint;
  /** pprof's End: start + size - 1 (disassembly stops before it). */
  end: bigint;
}

/** ObjInst is one disassembled instruction, as pprof's plugin.Inst. */
export interface ObjInst {
  /** Object-file address. */
  addr: bigint;
  text: string;
  /** The function, when the disassembler names it (go tool objdump does not). */
  function: string;
  file: string;
  line: number;
}

/** ObjFrame is one frame of the (inlined) source position of an address. */
export interface ObjFrame {
  func: string;
  file: string;
  line: number;
}

/** ObjFile is an opened binary, mapped where the profile says it was. */
export interface ObjFile {
  readonly name: string;
  /** objAddr translates a profile address to an object-file address (PIE, mappings). */
  objAddr(addr: bigint): bigint;
  /** symbols lists symbols whose name matches rx (all when null) and, unless addr is 0n, contain addr. */
  symbols(rx: RegExp | null, addr: bigint): ObjSymbol[];
  /** disasm disassembles object-file addresses [start, end); throws when it cannot. */
  disasm(start: bigint, end: bigint, intelSyntax: boolean): ObjInst[];
  /**
   * sourceLines gives the source position of each object-file address:
   * its frames, innermost first, or null when the binary has none for it.
   */
  sourceLines(addrs: bigint[]): (ObjFrame[] | null)[];
}

/** ObjTool opens binaries for the assembly reports (pprof's plugin.ObjTool). */
export interface ObjTool {
  /** open loads a binary mapped at [start, limit) from offset; throws an Error whose message says why not. */
  open(file: string, start: bigint, limit: bigint, offset: bigint): ObjFile;
}

/** ReportTools are the side effects of the source and assembly reports (-list, -disasm). */
export interface ReportTools {
  sources?: SourceReader;
  obj?: ObjTool;
  /** A helper thread for the passes over large profiles. */
  parallel?: Parallel;
  /** warn prints one line on standard error. */
  warn?: (line: string) => void;
}

/** RunFiles reads the files of one run directory (paths are relative to it). */
export interface RunFiles {
  /** The directory as shown in messages. */
  readonly dir: string;
  /** readText returns a file's text, or null when it does not exist; throws an Error whose message says why it cannot be read. */
  readText(path: string): string | null;
  /** readBytes returns a file's bytes, or null when it does not exist. */
  readBytes(path: string): Uint8Array | null;
}
