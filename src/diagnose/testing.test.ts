// Shared builders of synthetic inputs for the rule tests (a test file, so it may import anything).

import type { Inputs, View } from './types.js';
import { synthView } from './view.js';

/** inputs makes Inputs with the given views and no KPIs. */
export function inputs(part: Partial<Inputs>): Inputs {
  return { cpu: null, heap: [], goroutine: [], block: null, mutex: null, kpis: null, notes: [], ...part };
}

const HTTP = ['main.handler', 'net/http.HandlerFunc.ServeHTTP', 'net/http.(*conn).serve'];

/** cpu makes a CPU view from [leaf-first stack, cpu ns] rows; the HTTP server frames are appended. */
export function cpu(rows: Array<[string[], number]>): View {
  return synthView('cpu', ['samples', 'cpu'], rows.map(([s, v]) => [[...s, ...HTTP], v / 1e7, v] as const));
}

/** heap makes a heap snapshot from [stack, alloc_space, inuse_space] rows. */
export function heap(rows: Array<[string[], number, number]>, timeNanos = 0, name = 'heap.pb.gz'): View {
  return synthView('heap', ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
    rows.map(([s, a, u]) => [[...s, ...HTTP], 1, a, 1, u] as const), { timeNanos, name });
}

/** contention makes a block or mutex view from [stack, delay ns] rows over a window. */
export function contention(kind: 'block' | 'mutex', rows: Array<[string[], number]>, durationNanos = 10e9): View {
  return synthView(kind, ['contentions', 'delay'], rows.map(([s, d]) => [[...s, ...HTTP], 1, d] as const), { durationNanos });
}

/** goroutines makes a goroutine snapshot from [stack, count] rows. */
export function goroutines(rows: Array<[string[], number]>, timeNanos: number): View {
  return synthView('goroutine', ['goroutine'], rows.map(([s, n]) => [s, n] as const), { timeNanos, name: `goroutine.${timeNanos}.pb.gz` });
}
