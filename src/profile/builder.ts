// ProfileBuilder assembles a Profile in code: for legacy-format parsers,
// synthetic test profiles and benchmark generators.

import { LabelInterner, SampleBuilder } from './samples.js';
import type { Func, LabelSet, Line, Location, Mapping, Profile, ValueType } from './types.js';

/** LabelsInit describes a sample's labels in plain objects. */
export interface LabelsInit {
  str?: Record<string, string[]>;
  num?: Record<string, number[]>;
  numUnits?: Record<string, string[]>;
}

/** toLabelSet converts LabelsInit into a LabelSet. */
function toLabelSet(l: LabelsInit): LabelSet {
  return {
    str: new Map(Object.entries(l.str ?? {})),
    num: new Map(Object.entries(l.num ?? {})),
    numUnits: new Map(Object.entries(l.numUnits ?? {})),
  };
}

/** ProfileBuilder collects tables and samples; ids are assigned 1, 2, 3, … */
export class ProfileBuilder {
  readonly mappings: Mapping[] = [];
  readonly locations: Location[] = [];
  readonly functions: Func[] = [];
  private readonly samples: SampleBuilder;
  private readonly labels = new LabelInterner();
  private readonly fnByKey = new Map<string, Func>();

  constructor(readonly sampleTypes: ValueType[]) {
    this.samples = new SampleBuilder(sampleTypes.length, 64, 1024, this.labels);
  }

  /** addMapping adds a mapping; unspecified fields are zero. */
  addMapping(m: Partial<Omit<Mapping, 'id'>>): Mapping {
    const full: Mapping = {
      id: this.mappings.length + 1,
      start: 0n, limit: 0n, offset: 0n, file: '', buildId: '',
      hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
      ...m,
    };
    this.mappings.push(full);
    return full;
  }

  /** fn returns the function with these fields, adding it once. */
  fn(name: string, filename = '', startLine = 0, systemName = name): Func {
    const key = `${name}\u0000${systemName}\u0000${filename}\u0000${startLine}`;
    let f = this.fnByKey.get(key);
    if (!f) {
      f = { id: this.functions.length + 1, name, systemName, filename, startLine };
      this.functions.push(f);
      this.fnByKey.set(key, f);
    }
    return f;
  }

  /** addLocation adds a location and returns its index. */
  addLocation(address: bigint, mapping: Mapping | null, lines: Line[] = [], isFolded = false): number {
    this.locations.push({ id: this.locations.length + 1, mapping, address, lines, isFolded });
    return this.locations.length - 1;
  }

  /** addSample adds a sample: stack as location indexes, leaf first. */
  addSample(stack: ArrayLike<number>, values: ArrayLike<number>, labels?: LabelsInit | LabelSet): void {
    let li = 0;
    if (labels) li = this.labels.intern(labels.str instanceof Map ? (labels as LabelSet) : toLabelSet(labels as LabelsInit));
    this.samples.push(stack, 0, stack.length, values, 0, li);
  }

  /** build returns the profile with the given header fields. */
  build(header: Partial<Pick<Profile, 'defaultSampleType' | 'comments' | 'docUrl' | 'dropFrames' | 'keepFrames' |
    'timeNanos' | 'durationNanos' | 'periodType' | 'period'>> = {}): Profile {
    return {
      sampleTypes: this.sampleTypes,
      defaultSampleType: '',
      samples: this.samples.finish(),
      mappings: this.mappings,
      locations: this.locations,
      functions: this.functions,
      comments: [],
      docUrl: '',
      dropFrames: '',
      keepFrames: '',
      timeNanos: 0n,
      durationNanos: 0,
      periodType: null,
      period: 0,
      ...header,
    };
  }
}
