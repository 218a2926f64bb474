// Waiting for Ctrl-C (SIGINT) or SIGTERM: how a foreground server such as
// the web UI learns that it should stop.

/** untilInterrupted resolves on the next SIGINT or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
