// All of the UI's state lives in the URL: the view is the path, the report
// settings are pprof's query parameters, and the UI's own choices (search,
// zoom, sort…) have keys of their own. Navigation pushes history, so back
// and forward work; views subscribe through useLocation.

import { useEffect, useState } from 'preact/hooks';

/** UI_KEYS are the query keys the browser keeps for itself; every other key is a report setting sent to the server. */
const UI_KEYS = ['q', 'zoom', 'zoomup', 'width', 'normalize', 'order', 'sel', 'panel', 'mode', 'fn'];

/** Place is the current view and query. */
export interface Place {
  path: string;
  query: URLSearchParams;
}

const EVENT = 'gotune:navigate';

function here(): Place {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** useLocation re-renders on every navigation, back and forward included. */
export function useLocation(): Place {
  const [place, setPlace] = useState(here);
  useEffect(() => {
    const on = () => setPlace(here());
    addEventListener('popstate', on);
    addEventListener(EVENT, on);
    return () => {
      removeEventListener('popstate', on);
      removeEventListener(EVENT, on);
    };
  }, []);
  return place;
}

/** hrefFor is the URL of path with the changes applied to the current query (null removes a key). */
export function hrefFor(path: string | null, changes: Record<string, string | null> = {}, keep = true): string {
  const q = keep ? new URLSearchParams(location.search) : new URLSearchParams();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') q.delete(k);
    else q.set(k, v);
  }
  const qs = q.toString();
  return (path ?? location.pathname) + (qs === '' ? '' : `?${qs}`);
}

let navigatedAt: number | null = null;

/** lastNavigation is when the last navigate() began (performance.now()), for redraw timings; null before any. */
export function lastNavigation(): number | null {
  return navigatedAt;
}

/**
 * navigate goes to path (null: stay) with the query changed; replace keeps
 * one history entry (typing in a box); keep false starts from an empty query.
 */
export function navigate(path: string | null, changes: Record<string, string | null> = {}, replace = false, keep = true): void {
  const url = hrefFor(path, changes, keep);
  if (url === location.pathname + location.search) return;
  navigatedAt = performance.now();
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new Event(EVENT));
}

/** reportQuery keeps the report settings of q, the part the server reads. */
export function reportQuery(q: URLSearchParams, keepAlso: string[] = []): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of q) if (!UI_KEYS.includes(k) || keepAlso.includes(k)) out.append(k, v);
  return out;
}

/** quoteRegexp makes a name match itself exactly, as a refine action's regexp (RE2 syntax). */
export function quoteRegexp(name: string): string {
  return '^' + name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') + '$';
}
