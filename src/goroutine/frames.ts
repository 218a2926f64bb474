// Reading Go function names and frames: which package a function is in,
// which frames belong to the runtime, and where a goroutine really waits.

import type { Frame } from './types.js';

/**
 * packageOf returns the import path of a Go function name: everything up to
 * the first dot after the last slash (`net/http.(*conn).serve` → `net/http`).
 * The linker escapes dots in the last path element (`yaml%2ev2`), so the
 * first dot there ends the path.
 */
function packageOf(func: string): string {
  const slash = func.lastIndexOf('/', func.indexOf('(') >= 0 ? func.indexOf('(') : func.length);
  const dot = func.indexOf('.', slash + 1);
  return dot < 0 ? func : func.slice(0, dot);
}

/**
 * isRuntimeFrame tells whether a frame is the runtime's machinery rather
 * than the code that chose to wait: packages runtime, runtime/… and
 * internal/…, the runtime's hooks linked into other packages
 * (`sync.runtime_notifyListWait`, `internal/poll.runtime_pollWait`),
 * `panic`, cgo frames and frames known only by address.
 */
export function isRuntimeFrame(f: Frame): boolean {
  const fn = f.func;
  if (fn === '' || fn === 'panic' || fn === 'non-Go function') return true;
  const pkg = packageOf(fn);
  if (pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/')) return true;
  return fn.startsWith('runtime_', pkg.length + 1);
}

/**
 * topFrameIndex returns the index of the first frame (innermost first)
 * outside the runtime — the call that blocks, e.g. `sync.(*Mutex).Lock` or
 * `net.(*conn).Read` — or 0 when every frame is the runtime's, -1 when
 * there are no frames.
 */
export function topFrameIndex(frames: readonly Frame[]): number {
  if (frames.length === 0) return -1;
  for (let i = 0; i < frames.length; i++) if (!isRuntimeFrame(frames[i])) return i;
  return 0;
}

/** frameName names a frame for people: its function, or its PC when that is all there is. */
export function frameName(f: Frame): string {
  return f.func !== '' ? f.func : f.pc !== '' ? f.pc : '?';
}

/** position prints `file:line` (or '' when the file is unknown). */
export function position(file: string, line: number): string {
  return file === '' ? '' : `${file}:${line}`;
}

/** shortFile keeps the last two elements of a path (`sync/mutex.go`). */
export function shortFile(file: string): string {
  const parts = file.split('/');
  return parts.length <= 2 ? file : parts.slice(-2).join('/');
}

