// The goroutines page: placeholder until the goroutine groups route exists.

import type { Place } from './url-state.js';

/** GoroutinesView is /ui/goroutines. */
export function GoroutinesView(_: { place: Place }) {
  return <p>The goroutines page is not built yet.</p>;
}
