// The knowledge of Go runtime and standard-library frames, in one table:
// which function names mean allocation, GC work, string concatenation, lock
// or channel waits, and so on. Names cover Go 1.19–1.26 (e.g. concatstrings
// and concatstring2..5 in every version; mallocgc's size-class helpers of
// 1.24+; the futex and semaphore paths of sync.Mutex before and after 1.24's
// internal/sync move).

const CLASSES = [
  'malloc', 'gc', 'growslice', 'map-growth', 'concat', 'fmt', 'regexp-compile', 'json-reflect',
  'defer', 'lock-wait', 'lock-unlock', 'chan-send', 'chan-recv', 'select', 'netpoll', 'syscall', 'sleep', 'timer', 'futex',
  'timer-new', 'http-client', 'conn-pool', 'dial', 'accept', 'server-read', 'request',
] as const;

/** FrameClass is what a known frame means to a diagnosis. */
export type FrameClass = typeof CLASSES[number];

// Each class is a bit, so that a stack's classes are one number, read by every rule without walking its frames again.
const BITS = new Map<FrameClass, number>(CLASSES.map((c, i) => [c, 1 << i]));

/** classBit is the bit of a class in a class set (0 for null). */
export function classBit(c: FrameClass | null): number {
  return c === null ? 0 : BITS.get(c)!;
}

/** classOfBit is the class of a single bit (null for 0). */
export function classOfBit(bit: number): FrameClass | null {
  return bit === 0 ? null : CLASSES[31 - Math.clz32(bit)];
}

/** classMask is the set of some classes, as bits. */
export function classMask(classes: readonly FrameClass[]): number {
  let m = 0;
  for (const c of classes) m |= BITS.get(c)!;
  return m;
}

/** KNOWN_FRAMES maps a frame-name pattern to its class. The first match wins; order from specific to general. */
const KNOWN_FRAMES: ReadonlyArray<readonly [RegExp, FrameClass]> = [
  [/^runtime\.(gcBgMarkWorker|gcDrain\w*|scanobject|scanblock|scanstack|markroot\w*|greyobject|gcAssistAlloc\w*|bgsweep|sweepone|gcMarkDone|gcMarkTermination|findObject|wbBufFlush\w*|(\(\*\w+\)\.)?(tryGet|scan))$/, 'gc'],
  [/^runtime\.(mallocgc\w*|newobject|newarray|makeslice\w*|rawstring\w*|rawbyteslice|rawruneslice|memclrNoHeapPointers|nextFreeFast|\(\*mcache\)\.\w+|\(\*mcentral\)\.\w+|\(\*mheap\)\.\w+)$/, 'malloc'],
  [/^runtime\.growslice$/, 'growslice'],
  [/^runtime\.(mapassign\w*|hashGrow|growWork\w*|evacuate\w*|makemap\w*|\(\*table\)\.(grow|split|rehash)\w*|\(\*groupsReference\)\.\w+)$/, 'map-growth'],
  [/^internal\/runtime\/maps\.\(\*(Map|table)\)\.(grow\w*|split|rehash|PutSlot\w*)$/, 'map-growth'],
  [/^runtime\.(concatstrings|concatstring[2-5]|concatbytes\w*)$/, 'concat'],
  [/^fmt\.(Sprintf|Sprint|Sprintln|Fprintf|Fprint|Fprintln|Printf|Print|Println|Errorf|Appendf|\(\*pp\)\.\w+)$/, 'fmt'],
  [/^regexp\.(Compile|MustCompile|compile|CompilePOSIX|MustCompilePOSIX)$|^regexp\/syntax\.(Parse|Compile)$/, 'regexp-compile'],
  [/^encoding\/json\.(\(\*encodeState\)\.reflectValue|\(\*decodeState\)\.(object|value|array|literalStore)|typeFields|cachedTypeFields|Marshal|Unmarshal)$/, 'json-reflect'],
  // Open-coded defers (Go 1.14+) leave no frame; a defer in a loop cannot be open-coded and goes through these.
  [/^runtime\.(deferproc\w*|newdefer|deferreturn|freedefer\w*|popDefer)$/, 'defer'],
  [/^(sync|internal\/sync)\.\(\*(Mutex|RWMutex)\)\.(Lock|lockSlow|RLock|rLockSlow)$|^(runtime\.semacquire\w*|sync\.runtime_Semacquire\w*|internal\/sync\.runtime_Semacquire\w*)$/, 'lock-wait'],
  [/^(sync|internal\/sync)\.\(\*(Mutex|RWMutex)\)\.(Unlock|unlockSlow|RUnlock|rUnlockSlow)$|^(runtime\.semrelease\w*|sync\.runtime_Semrelease|internal\/sync\.runtime_Semrelease)$/, 'lock-unlock'],
  [/^runtime\.(chansend1?|chansend)$/, 'chan-send'],
  [/^runtime\.(chanrecv[12]?)$/, 'chan-recv'],
  [/^runtime\.(selectgo|block)$/, 'select'],
  // Outbound calls: a client's request and its response body (persistConn is the client side of a connection).
  [/^net\/http\.(\(\*Client\)\.\w+|send|Get|Head|Post|PostForm|\(\*Transport\)\.(roundTrip|RoundTrip)|\(\*persistConn\)\.(roundTrip|Read|readResponse)|\(\*bodyEOFSignal\)\.Read)$/, 'http-client'],
  // Getting a connection from a Transport's pool: waiting there is waiting for a dial or for a connection to free up.
  [/^net\/http\.\(\*Transport\)\.(getConn|queueForDial|queueForIdleConn|tryPutIdleConn)$/, 'conn-pool'],
  // Setting up a new connection (a Transport dials in a goroutine of its own, Transport.dialConnFor).
  [/^net\/http\.\(\*Transport\)\.(dialConn\w*|dial|customDialTLS)$|^net\.(\(\*Dialer\)\.Dial\w*|\(\*sysDialer\)\.\w+|Dial|DialTimeout|DialTCP|\(\*netFD\)\.connect|\(\*Resolver\)\.\w+)$|^internal\/poll\.\(\*FD\)\.Connect$|^crypto\/tls\.\(\*Conn\)\.clientHandshake\w*$/, 'dial'],
  // A listener waiting for connections, and a server waiting for its client's next request or body: idle, not a downstream wait.
  [/^internal\/poll\.\(\*FD\)\.Accept$|^net\.\(\*(TCP|Unix)Listener\)\.(Accept|accept)$|^net\.\(\*netFD\)\.accept$/, 'accept'],
  [/^net\/http\.(\(\*connReader\)\.\w+|\(\*conn\)\.readRequest|\(\*http2serverConn\)\.\w+)$/, 'server-read'],
  [/^(runtime\.netpoll\w*|internal\/poll\.runtime_pollWait|internal\/poll\.\(\*pollDesc\)\.wait\w*|internal\/poll\.\(\*FD\)\.(Read|Write))$/, 'netpoll'],
  // Frames that mean a goroutine is serving a request (they sit above the handler's user frames).
  [/^net\/http\.(\(\*conn\)\.serve|HandlerFunc\.ServeHTTP|serverHandler\.ServeHTTP)$|^google\.golang\.org\/grpc\.\(\*Server\)\.(handleStream|processUnaryRPC|processStreamingRPC)$/, 'request'],
  [/^(syscall\.(Syscall\w*|RawSyscall\w*)|internal\/runtime\/syscall\.Syscall\w*|runtime\/internal\/syscall\.Syscall\w*)$/, 'syscall'],
  [/^time\.Sleep$/, 'sleep'],
  // Creating a timer or ticker (time.newTimer is the runtime's, linknamed, in 1.23+; startTimer before).
  [/^time\.(NewTimer|NewTicker|After|Tick|AfterFunc|newTimer|startTimer)$/, 'timer-new'],
  // The runtime's timer machinery: the per-P heap (1.23+ methods; the functions of 1.19–1.22) and firing (sendTime).
  [/^time\.(sendTime|goFunc|stopTimer|resetTimer)$|^runtime\.(addtimer|deltimer|modtimer|resettimer|runtimer|runOneTimer|checkTimers|adjusttimers|cleantimers|clearDeletedTimers|siftupTimer|siftdownTimer|doaddtimer|dodeltimer\w*|blockTimerChan|unblockTimerChan|\(\*timer\)\.\w+|\(\*timers\)\.\w+)$/, 'timer'],
  [/^runtime\.(futex\w*|lock2|lockWithRank|notesleep|notewakeup)$/, 'futex'],
];

/** classify says what a frame means, or null for an ordinary function. */
export function classify(fn: string): FrameClass | null {
  for (const [re, cls] of KNOWN_FRAMES) if (re.test(fn)) return cls;
  return null;
}

/** packageOf returns the import path of a Go function name ("net/http.(*conn).serve" → "net/http"). */
function packageOf(fn: string): string {
  const slash = fn.lastIndexOf('/');
  const dot = fn.indexOf('.', slash + 1);
  return dot < 0 ? fn : fn.slice(0, dot);
}

/**
 * isUserFunction tells the user's own code from the runtime, the standard
 * library and golang.org/x: a standard-library import path has no dot in
 * its first element ("net/http", "internal/poll"), while "main" and module
 * paths ("github.com/…", "gotune.dev/…") are the user's.
 */
export function isUserFunction(fn: string): boolean {
  if (fn === '' || fn.startsWith('golang.org/x/')) return false;
  const pkg = packageOf(fn);
  if (pkg === 'main') return true;
  const first = pkg.split('/')[0];
  return first.includes('.');
}
