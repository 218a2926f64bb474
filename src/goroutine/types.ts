// The model of a goroutine dump: one record per goroutine (debug=2, SIGQUIT
// and panic tracebacks) or per group of identical stacks (debug=1, profiles).

/** Frame is one call in a goroutine's stack, as the dump printed it. */
export interface Frame {
  /**
   * Function name as printed: `main.(*T).Run`, `main.main.func1`, `panic`;
   * generic shapes appear as `[...]`. Empty when only an address is known
   * (debug=1 dumps of binaries without symbols).
   */
  func: string;
  /**
   * The text between the parentheses of a traceback frame, e.g.
   * `0x1, {0x2, 0x3}` or `...` for inlined frames; empty for debug=1 frames.
   */
  args: string;
  /** Source file, or '' when unknown. */
  file: string;
  /** Line in file, 0 when unknown. */
  line: number;
  /** PC offset from the function's entry (`+0x1f`), or -1 when not printed. */
  offset: number;
  /** Program counter (`0x4843ee`) when the dump gives it (debug=1), else ''. */
  pc: string;
}

/** CreatedBy is the `created by` line: the `go` statement that started a goroutine. */
export interface CreatedBy {
  func: string;
  file: string;
  line: number;
  offset: number;
  /** Parent goroutine (`in goroutine N`, Go 1.21+), -1 when not printed. */
  goid: number;
}

/**
 * GoroutineRecord is one goroutine (count 1) or a group of goroutines that a
 * debug=1 dump or a profile already counted together (count N).
 */
export interface GoroutineRecord {
  count: number;
  /** Goroutine id, -1 when the source has none (debug=1, profiles). */
  id: number;
  /**
   * State as printed in the header (`chan receive`, `IO wait`, `running`),
   * without the transient ` (scan)` marker; '' when the source has no states.
   */
  state: string;
  /** Minutes the goroutine had been blocked (`, 5 minutes`); 0 when not printed. */
  waitMinutes: number;
  /** `, locked to thread`: wired to its OS thread (runtime.LockOSThread). */
  lockedToThread: boolean;
  /** pprof labels (debug=1 `# labels:`, Go 1.26 `labels:{…}` in headers). */
  labels: [string, string][];
  /** Innermost first. */
  frames: Frame[];
  /**
   * Frames the runtime left out: N for `...N frames elided...` (Go 1.21+),
   * -1 for `...additional frames elided...` (older Go), 0 for none.
   */
  elided: number;
  /** Index in frames where the elided frames were (frames before it are inner). */
  elidedAt: number;
  createdBy: CreatedBy | null;
  /** Ids of ancestors (`[originating from goroutine N]`, GODEBUG=tracebackancestors). */
  ancestors: number[];
  /** `goroutine running on other thread; stack unavailable`. */
  stackUnavailable: boolean;
  /** The record ended before its stack was complete (a truncated dump). */
  truncated: boolean;
  /** 1-based input line where the record started, 0 when not from text. */
  lineNo: number;
}

/** DumpFormat says which text format a dump was in. */
export type DumpFormat = 'debug=1' | 'debug=2' | 'profile' | 'unknown';

/** DumpInfo describes a parsed dump as a whole. */
export interface DumpInfo {
  format: DumpFormat;
  /**
   * What the text said about itself: the `panic: …`, `fatal error: …` or
   * `SIGQUIT: quit` line of a traceback, or `goroutine profile: total N`.
   */
  headline: string;
  /** The total a debug=1 header declared, -1 when none. */
  declaredTotal: number;
  /** Profile name of a debug=1 header (`goroutine`, `threadcreate`), else ''. */
  profileName: string;
  /** Goroutines read (the sum of record counts). */
  goroutines: number;
  /** Records read. */
  records: number;
  /** Lines read. */
  lines: number;
  /** Problems met while reading, one sentence each, naming what was skipped. */
  warnings: string[];
}
