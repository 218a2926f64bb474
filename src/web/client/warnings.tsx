// The server's warnings for a view (what pprof would print on standard
// error), shown above it as text.

/** Warnings lists lines, or nothing. */
export function Warnings({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return <ul class="warnings">{lines.map((l) => <li>{l}</li>)}</ul>;
}
