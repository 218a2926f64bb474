// The vocabulary of a diagnosis: profile kinds, the shared view of one
// profile's stacks, the inputs all rules read, and the findings they return.

import type { FrameClass } from './frames.js';

/** ProfileKind is what a profile measures, detected from its sample types. */
export type ProfileKind = 'cpu' | 'heap' | 'goroutine' | 'block' | 'mutex' | 'threadcreate';

/** Frame is one function on a stack (inline frames expanded). */
export interface Frame {
  fn: string;
  file: string;
  line: number;
}

/**
 * StackFacts is what the rules ask of a stack, found once when the view is
 * built: its first user function and the classes of its known frames
 * (frames.ts), so that no rule walks frames.
 */
export interface StackFacts {
  /** The first user function from the leaf ('' when none). */
  userFn: string;
  /** The classes (classBit) of the frames below the user frame (of every frame when there is none). */
  below: number;
  /** The classes of every frame. */
  all: number;
  /** The class of the innermost known frame below the user frame, or null. */
  leaf: FrameClass | null;
}

/** Trace is one stack of a profile, with its frames (for `where`). */
export interface Trace extends StackFacts {
  /** Leaf first, as profile.proto stores them. */
  readonly frames: readonly Frame[];
  /** Index in frames of the first user function from the leaf, or -1 when the stack has none. */
  user: number;
}

/** Heaviest is a group's heaviest stack for one sample type: the stack, its value, and its rank in the profile (first seen first). */
export interface Heaviest {
  trace: Trace;
  value: number;
  order: number;
}

/**
 * StackGroup is the stacks of a profile that no rule can tell apart (the
 * same user function and the same classes of known frames), their values
 * summed (one per sample type). Rules read groups, a few thousand, not the
 * million stacks of a large profile; `heaviest` keeps what `where` needs.
 */
export interface StackGroup extends StackFacts {
  values: number[];
  /** The group's heaviest stack by sample type vi (the first seen among equals). */
  heaviest(vi: number): Heaviest;
}

/** View is one decoded profile, aggregated by stack once for every rule. */
export interface View {
  kind: ProfileKind;
  /** Where it came from (a file name), for evidence lines. */
  name: string;
  /** Sample type names, e.g. ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']. */
  types: string[];
  groups: StackGroup[];
  /** The sum of each sample type over every stack. */
  totals: number[];
  /** Nanoseconds since the epoch (0 when unknown). */
  timeNanos: number;
  /** The profile's window in nanoseconds (0 when unknown): a CPU profile's length, a delta block profile's. */
  durationNanos: number;
  /**
   * Where `gotune pprof` can open the profile, as the user reaches it (a
   * path relative to the cwd, or absolute as given); null when it cannot
   * (a goroutine debug=2 dump, a live capture that was not kept).
   */
  file: string | null;
}

/** Kpis are the measured figures of a `gotune measure` run that the rules use (any may be missing). */
export interface Kpis {
  cores?: number;
  percentOfMachine?: number | null;
  machineCpus?: number;
  gcPerSecond?: number;
  gcCpuFraction?: number;
  heapInuseStart?: number;
  heapInuseEnd?: number;
  goroutinesStart?: number;
  goroutinesEnd?: number;
  p50Us?: number;
  p99Us?: number;
  throughputRps?: number;
  windowSeconds?: number;
}

/** Inputs is everything a diagnosis reads, built once. Snapshots are ordered oldest first. */
export interface Inputs {
  cpu: View | null;
  heap: View[];
  goroutine: View[];
  block: View | null;
  mutex: View | null;
  kpis: Kpis | null;
  /** What loading skipped or noticed, shown with the diagnosis. */
  notes: string[];
}

/** Severity orders findings. */
export type Severity = 'high' | 'medium' | 'low';

/** FindingKind is the class of a bottleneck. */
export type FindingKind =
  | 'cpu-hotspot' | 'gc-pressure' | 'allocation-hotspot' | 'memory-leak' | 'goroutine-leak'
  | 'lock-contention' | 'channel-blocking' | 'io-wait' | 'anti-pattern';

/** Where names the user's function that owns a cost, and the path to it (outermost first). */
export interface Where {
  function: string;
  file: string | null;
  line: number | null;
  stack: string[];
}

/**
 * ViewLink names the web UI view (`gotune pprof -http`) that shows a
 * finding: the profile it comes from, the view's path with pprof's query
 * parameters (f, si…), and for a diff the earlier profile as -base.
 */
export interface ViewLink {
  /** The profile, named as in the evidence (relative to the run or directory it comes from). */
  profile: string;
  /** For a diff: the earlier profile, to open with -base. */
  base?: string;
  /** The view and its query, e.g. "/ui/flamegraph?f=%5Emain%5C.get%24&si=alloc_space". */
  path: string;
  /** Where the profile and the base are on disk (View.file); for the "see:" lines, not in the JSON. */
  file: string;
  baseFile?: string;
}

/** Finding is one bottleneck a rule found. */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  title: string;
  where: Where | null;
  /** Which profiles and metrics show it, with values and shares. */
  evidence: string[];
  suggestion: string;
  /** 0..1: how sure the rule is. */
  confidence: number;
  /** For kind 'anti-pattern': which one, e.g. 'string-concat-in-loop'. */
  pattern?: string;
  /** The web UI view that shows it; null when there is none (no `where`, or the profile cannot be opened). */
  view: ViewLink | null;
}

/** Scenario is the overall shape of the problem, decided first. */
export type Scenario = 'wait-bound' | 'cpu-bound' | 'gc-bound' | 'memory-growth' | 'healthy';

/** Diagnosis is the result of `gotune diagnose`. */
export interface Diagnosis {
  scenario: Scenario;
  /** The chain of reasoning that led to the scenario, one step a line. */
  reasoning: string[];
  findings: Finding[];
  /** What was lacking to be sure, and how to get it. */
  missing: string[];
  notes: string[];
}

/** Rule is one check over the inputs. */
export type Rule = (inputs: Inputs) => Finding[];
