// The options table: every report setting once, with its flag name, URL
// parameter, type, default and help. The CLI flags, the shell's `name=value`
// and the web UI's query string are all derived from it.

/** OptionType is the value type of a setting. */
type OptionType = 'bool' | 'int' | 'float' | 'string';

/** OptionSpec describes one setting as the table states it. */
interface OptionSpec {
  name: string;
  type: OptionType;
  /** pprof's default (-1 for nodecount: the report's own default, see report/generate.ts). */
  default: boolean | number | string;
  /** URL query parameter in the web UI (pprof's names), if any. */
  urlParam?: string;
  /** Whether the setting is kept in saved configurations. */
  saved: boolean;
  /** For a group of alternatives (sort, granularity): the choices, each also a boolean flag. */
  choices?: readonly string[];
  help: string;
}

const h = (...lines: string[]): string => lines.join('\n') + '\n';

// The table, typed as written so that Config can be derived from it.
const TABLE = [
  { name: 'output', type: 'string', default: '', saved: false, help: h('Output filename for file-based outputs') },
  { name: 'call_tree', type: 'bool', default: false, urlParam: 'calltree', saved: true, help: h('Create a context-sensitive call tree', 'Treat locations reached through different paths as separate.') },
  { name: 'relative_percentages', type: 'bool', default: false, urlParam: 'rel', saved: true, help: h('Show percentages relative to focused subgraph', 'If unset, percentages are relative to full graph before focusing', 'to facilitate comparison with original graph.') },
  { name: 'unit', type: 'string', default: 'minimum', urlParam: 'unit', saved: true, help: h('Measurement units to display', 'Scale the sample values to this unit.', 'For time-based profiles, use seconds, milliseconds, nanoseconds, etc.', 'For memory profiles, use megabytes, kilobytes, bytes, etc.', 'Using auto will scale each value independently to the most natural unit.') },
  { name: 'compact_labels', type: 'bool', default: false, urlParam: 'compact', saved: true, help: 'Show minimal headers' },
  { name: 'source_path', type: 'string', default: '', saved: false, help: 'Search path for source files' },
  { name: 'trim_path', type: 'string', default: '', saved: false, help: 'Path to trim from source paths before search' },
  { name: 'intel_syntax', type: 'bool', default: false, urlParam: 'intel', saved: true, help: h('Show assembly in Intel syntax', 'Only applicable to commands `disasm` and `weblist`') },
  { name: 'mean', type: 'bool', default: false, urlParam: 'mean', saved: true, help: h('Average sample value over first value (count)', 'For memory profiles, report average memory per allocation.', 'For time-based profiles, report average time per event.') },
  { name: 'sample_index', type: 'string', default: '', urlParam: 'si', saved: false, help: h('Sample value to report (0-based index or name)', 'Profiles contain multiple values per sample.', 'Use sample_index=i to select the ith value (starting at 0).') },
  { name: 'divide_by', type: 'float', default: 1, saved: false, help: h('Ratio to divide all samples before visualization', 'Divide all samples values by a constant, eg the number of processors or jobs.') },
  { name: 'normalize', type: 'bool', default: false, urlParam: 'norm', saved: true, help: h('Scales profile based on the base profile.') },
  { name: 'sort', type: 'string', default: 'flat', urlParam: 'sort', saved: true, choices: ['cum', 'flat'], help: '' },
  { name: 'tagroot', type: 'string', default: '', saved: true, help: h('Adds pseudo stack frames for labels key/value pairs at the callstack root.', 'A comma-separated list of label keys.', 'The first key creates frames at the new root.') },
  { name: 'tagleaf', type: 'string', default: '', saved: true, help: h('Adds pseudo stack frames for labels key/value pairs at the callstack leaf.', 'A comma-separated list of label keys.', 'The last key creates frames at the new leaf.') },
  { name: 'drop_negative', type: 'bool', default: false, urlParam: 'dropneg', saved: true, help: h('Ignore negative differences', 'Do not show any locations with values <0.') },
  { name: 'nodecount', type: 'int', default: -1, urlParam: 'n', saved: true, help: h('Max number of nodes to show', 'Uses heuristics to limit the number of locations to be displayed.', 'On graphs, dotted edges represent paths through nodes that have been removed.') },
  { name: 'nodefraction', type: 'float', default: 0.005, urlParam: 'nf', saved: true, help: 'Hide nodes below <f>*total' },
  { name: 'edgefraction', type: 'float', default: 0.001, urlParam: 'ef', saved: true, help: 'Hide edges below <f>*total' },
  { name: 'trim', type: 'bool', default: true, urlParam: 'trim', saved: true, help: h('Honor nodefraction/edgefraction/nodecount defaults', 'Set to false to get the full profile, without any trimming.') },
  { name: 'focus', type: 'string', default: '', urlParam: 'f', saved: true, help: h('Restricts to samples going through a node matching regexp', 'Discard samples that do not include a node matching this regexp.', 'Matching includes the function name, filename or object name.') },
  { name: 'ignore', type: 'string', default: '', urlParam: 'i', saved: true, help: h('Skips paths going through any nodes matching regexp', 'If set, discard samples that include a node matching this regexp.', 'Matching includes the function name, filename or object name.') },
  { name: 'prune_from', type: 'string', default: '', urlParam: 'prunefrom', saved: true, help: h('Drops any functions below the matched frame.', 'If set, any frames matching the specified regexp and any frames', 'below it will be dropped from each sample.') },
  { name: 'hide', type: 'string', default: '', urlParam: 'h', saved: true, help: h('Skips nodes matching regexp', 'Discard nodes that match this location.', 'Other nodes from samples that include this location will be shown.', 'Matching includes the function name, filename or object name.') },
  { name: 'show', type: 'string', default: '', urlParam: 's', saved: true, help: h('Only show nodes matching regexp', 'If set, only show nodes that match this location.', 'Matching includes the function name, filename or object name.') },
  { name: 'show_from', type: 'string', default: '', urlParam: 'sf', saved: true, help: h('Drops functions above the highest matched frame.', 'If set, all frames above the highest match are dropped from every sample.', 'Matching includes the function name, filename or object name.') },
  { name: 'tagfocus', type: 'string', default: '', urlParam: 'tf', saved: true, help: h('Restricts to samples with tags in range or matched by regexp', 'Use name=value syntax to limit the matching to a specific tag.', 'Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:', 'String tag filter examples: foo, foo.*bar, mytag=foo.*bar') },
  { name: 'tagignore', type: 'string', default: '', urlParam: 'ti', saved: true, help: h('Discard samples with tags in range or matched by regexp', 'Use name=value syntax to limit the matching to a specific tag.', 'Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:', 'String tag filter examples: foo, foo.*bar, mytag=foo.*bar') },
  { name: 'tagshow', type: 'string', default: '', urlParam: 'ts', saved: true, help: h('Only consider tags matching this regexp', 'Discard tags that do not match this regexp') },
  { name: 'taghide', type: 'string', default: '', urlParam: 'th', saved: true, help: h('Skip tags matching this regexp', 'Discard tags that match this regexp') },
  { name: 'noinlines', type: 'bool', default: false, urlParam: 'noinlines', saved: true, help: h('Ignore inlines.', 'Attributes inlined functions to their first out-of-line caller.') },
  { name: 'showcolumns', type: 'bool', default: false, urlParam: 'showcolumns', saved: true, help: h('Show column numbers at the source code line level.') },
  { name: 'granularity', type: 'string', default: '', urlParam: 'g', saved: true, choices: ['functions', 'filefunctions', 'files', 'lines', 'addresses'], help: '' },
] as const satisfies readonly OptionSpec[];

type ValueOf<T extends OptionType> = T extends 'bool' ? boolean : T extends 'int' | 'float' ? number : string;

/** Config holds the report settings (pprof's config struct): one field per row of OPTIONS. */
export type Config = { -readonly [O in (typeof TABLE)[number] as O['name']]: ValueOf<O['type']> };

/** OptionDef describes one setting. */
export interface OptionDef extends OptionSpec {
  name: keyof Config;
}

/** OPTIONS lists every setting in pprof's order. */
export const OPTIONS: readonly OptionDef[] = TABLE;

/** CHOICE_HELP is the help of each choice that is also a flag. */
export const CHOICE_HELP: Record<string, string> = {
  flat: h('Sort entries based on own weight'),
  cum: h('Sort entries based on cumulative weight'),
  functions: h('Aggregate at the function level.', 'Ignores the filename where the function was defined.'),
  filefunctions: h('Aggregate at the function level.', 'Takes into account the filename where the function was defined.'),
  files: 'Aggregate at the file level.',
  lines: 'Aggregate at the source code line level.',
  addresses: h('Aggregate at the address level.', "Includes functions' addresses in the output."),
};

/** defaultConfig returns pprof's defaults, from the options table. */
export function defaultConfig(): Config {
  return Object.fromEntries(OPTIONS.map((o) => [o.name, o.default])) as Config;
}

/** optionByName finds a setting by name or by one of its choices. */
export function optionByName(name: string): OptionDef | undefined {
  return OPTIONS.find((o) => o.name === name || (o.choices ?? []).includes(name));
}
