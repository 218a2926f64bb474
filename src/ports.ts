// Small interfaces for side effects. Core layers take them as parameters;
// the CLI passes real ones and tests pass fakes.

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
}

/** FileSystem is what reports need from the file system. */
export interface FileSystem {
  writeFile(path: string, data: Uint8Array | string): void;
  /** isObjectFile tells whether path is a binary (ELF, Mach-O, PE). */
  isObjectFile(path: string): boolean;
}

/** Gzip compresses data (reports that write .pb.gz). */
export type Gzip = (data: Uint8Array) => Uint8Array;
