// The goroutine states the Go runtime prints (runtime2.go's waitReasonStrings
// and traceback.go's gStatusStrings, Go 1.19 through 1.26), sorted into kinds.

/** StateKind groups states by what the goroutine waits for. */
type StateKind = 'running' | 'channel' | 'io' | 'syscall' | 'sync' | 'sleep' | 'runtime' | 'unknown';

const KINDS: Record<Exclude<StateKind, 'unknown'>, string[]> = {
  running: ['running', 'runnable', 'preempted', 'copystack'],
  channel: ['chan receive', 'chan send', 'chan receive (nil chan)', 'chan send (nil chan)', 'select',
    'select (no cases)', 'chan receive (durable)', 'chan send (durable)', 'select (durable)'],
  io: ['IO wait'],
  syscall: ['syscall', 'waiting for cgo callback'],
  sync: ['semacquire', 'sync.Mutex.Lock', 'sync.RWMutex.RLock', 'sync.RWMutex.Lock', 'sync.Cond.Wait',
    'sync.WaitGroup.Wait', 'sync.WaitGroup.Wait (durable)', 'synctest.Run', 'synctest.Wait', 'coroutine'],
  sleep: ['sleep'],
  runtime: ['idle', 'waiting', 'dead', 'leaked', 'GC assist marking', 'GC assist wait', 'GC sweep wait',
    'GC scavenge wait', 'GC worker (idle)', 'GC worker (active)', 'GC mark termination',
    'GC weak to strong wait', 'garbage collection', 'garbage collection scan', 'dumping heap', 'panicwait',
    'finalizer wait', 'cleanup wait', 'force gc (idle)', 'GOMAXPROCS updater (idle)',
    'trace reader (blocked)', 'wait for GC cycle', 'debug call', 'stopping the world',
    'flushing proc caches', 'trace goroutine status', 'trace proc status', 'page trace flush',
    'timer goroutine (idle)', 'unknown wait reason', '???'],
};

const KIND_OF = new Map<string, StateKind>();
for (const [kind, states] of Object.entries(KINDS)) {
  for (const s of states) KIND_OF.set(s, kind as StateKind);
}

/**
 * stateKind tells what a state waits for. A goroutine the leak detector of
 * Go 1.26 marked (`chan send (leaked)`) keeps the kind of its wait reason;
 * synctest's ` (durable)` marker likewise.
 */
export function stateKind(state: string): StateKind {
  const k = KIND_OF.get(state);
  if (k) return k;
  const base = state.replace(/ \((?:leaked|durable)\)$/, '');
  return base !== state ? (KIND_OF.get(base) ?? 'unknown') : 'unknown';
}

/** isKnownState tells whether gotune recognises a state ('' — no state — counts as known). */
export function isKnownState(state: string): boolean {
  return state === '' || stateKind(state) !== 'unknown';
}
