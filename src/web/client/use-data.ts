// useData: load something for a view when its key changes, with loading
// and error states, and without a late answer overwriting a newer one.

import { useEffect, useState } from 'preact/hooks';

/** Loaded is the state of one request. */
type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; value: T };

/** useData runs load whenever key changes. */
export function useData<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [v, setV] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setV({ state: 'loading' });
    load().then(
      (value) => { if (live) setV({ state: 'ok', value }); },
      (e: unknown) => { if (live) setV({ state: 'error', message: e instanceof Error ? e.message : String(e) }); },
    );
    return () => { live = false; };
  }, [key]);
  return v;
}
