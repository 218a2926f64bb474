// The profile's details, loaded once per page (/ui/data/info), and the
// sample type the URL selects, with its unit for formatting values.

import { createContext } from 'preact';
import { label } from '../../units/measurement.js';

/** Info is the details panel's data. */
export interface Info {
  sources: string[];
  sampleTypes: { type: string; unit: string }[];
  defaultSampleType: string;
  periodType: string;
  period: number;
  durationNanos: number;
  time: string;
  dropFrames: string;
  keepFrames: string;
  comments: string[];
  docUrl: string;
  samples: number;
  warnings: string[];
  /** Whether a base was given (-base, -diff_base): the flame graph and top are differential. */
  diff: boolean;
  /** Whether run directories are served (gotune web): the header links the dashboard. */
  dashboard: boolean;
  /** Whether the profile is of goroutines (the goroutines page applies). */
  goroutines: boolean;
}

/** InfoContext carries the details to every view. */
export const InfoContext = createContext<Info | null>(null);

/** selectedType is the sample type that si names (an index or a type name), else the profile's default, else the last. */
export function selectedType(info: Info, si: string | null): { index: number; type: string; unit: string } {
  const ts = info.sampleTypes;
  let i = -1;
  if (si !== null && si !== '') {
    i = /^\d+$/.test(si) ? Number(si) : ts.findIndex((t) => t.type === si);
  }
  if (i < 0 || i >= ts.length) i = ts.findIndex((t) => t.type === info.defaultSampleType);
  if (i < 0) i = ts.length - 1;
  const t = ts[i] ?? { type: '', unit: '' };
  return { index: i, type: t.type, unit: t.unit };
}

/** formatValue shows a value in its natural unit ("1.20s", "3.50MB", "120"). */
export function formatValue(v: number, unit: string): string {
  return label(v, unit);
}

/** formatShare is v of total as a percentage with two decimals. */
export function formatShare(v: number, total: number): string {
  return total === 0 ? '0%' : `${((v / total) * 100).toFixed(2)}%`;
}
