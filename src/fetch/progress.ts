// A countdown shown while a server collects a CPU or delta profile: a bar
// redrawn in place on a terminal, nothing more than pprof's plain
// "Please wait..." line elsewhere (logs and pipes get no control codes).

/** ProgressSink is where the bar is drawn: a terminal's standard error. */
export interface ProgressSink {
  write(text: string): void;
  /** Terminal width in columns, when known. */
  columns?: number;
}

/** Countdown is a running progress display; stop() erases it. */
interface Countdown {
  stop(): void;
}

const NONE: Countdown = { stop() {} };

/** renderBar draws one frame: `[#####.....]  12s left` in width columns. */
export function renderBar(elapsedMs: number, totalMs: number, width: number): string {
  const left = Math.max(0, Math.ceil((totalMs - elapsedMs) / 1000));
  const label = left > 0 ? ` ${left}s left` : ' collecting…';
  const room = Math.max(10, Math.min(50, width - label.length - 3));
  const done = Math.min(room, Math.round((Math.min(elapsedMs, totalMs) / totalMs) * room));
  return `[${'#'.repeat(done)}${'.'.repeat(room - done)}]${label}`;
}

/**
 * startCountdown draws a bar on sink for seconds, updated every
 * intervalMs, until stop(); without a sink (not a terminal) it does
 * nothing. After the time is up it says "collecting…" until the answer comes.
 */
export function startCountdown(sink: ProgressSink | undefined, seconds: number, intervalMs = 250, now: () => number = Date.now): Countdown {
  if (!sink || seconds <= 0) return NONE;
  const start = now();
  const total = seconds * 1000;
  let last = '';
  const draw = () => {
    const frame = renderBar(now() - start, total, (sink.columns ?? 80) - 1);
    if (frame === last) return;
    sink.write(`\r${frame}\x1b[K`);
    last = frame;
  };
  draw();
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sink.write('\r\x1b[K');
    },
  };
}
