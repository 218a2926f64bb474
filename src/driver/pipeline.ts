// The shared pipeline behind every face of `gotune pprof`: fetch and
// combine the sources (and bases), then turn the profile into a report —
// in pprof's order of steps, so the numbers come out the same.

import { UserError } from '../user-error.js';
import { basePath } from '../graph/gopath.js';
import { aggregateProfile } from '../profile/aggregate.js';
import { compatibilizeSampleTypes } from '../profile/compatibilize.js';
import { numLabelUnits, setLabel } from '../profile/labels.js';
import { mergeProfiles } from '../profile/merge.js';
import { removeUninteresting } from '../profile/prune.js';
import { normalizeProfile } from '../profile/scale.js';
import type { Mapping, Profile } from '../profile/types.js';
import { generate, reportDef } from '../report/generate.js';
import type { ReportOutput } from '../report/output.js';
import { Report, type ReportOptions } from '../report/report.js';
import { scaleProfiles } from '../units/scale-profiles.js';
import type { Fetcher, FetchOptions, ReportTools, Ui } from '../ports.js';
import type { CommandDef } from './commands.js';
import type { Config } from './config.js';
import { simplifyNames } from './demangle.js';
import { applyFocus } from './focus.js';
import { compileGoRegexp } from './goregexp.js';
import { markRemoteSymbolized, remoteSymbolization } from './remote-symbols.js';
import { addLabelNodes } from './tagroot.js';

/** SourceSpec is where the profiles come from (pprof's source struct). */
export interface SourceSpec {
  sources: string[];
  base: string[];
  diffBase: boolean;
  normalize: boolean;
  execName: string;
  buildId: string;
  comment: string;
  symbolize: string;
  fetch: FetchOptions;
}

/**
 * PipelineError is a failure that the CLI reports as one line: exit 1, or 2
 * when `usage` says an option value was wrong for this profile.
 */
class PipelineError extends UserError {
  constructor(message: string, readonly usage = false) {
    super(message, usage ? 2 : 1);
  }
}

// pprof gives a profile without mappings a fake one, and applies the
// binary name and build id flags to the first mapping.
function locateBinaries(p: Profile, spec: SourceSpec): Profile {
  let out = p;
  if (out.mappings.length === 0) {
    const m: Mapping = {
      id: 1, start: 0n, limit: 0n, offset: 0n, file: '', buildId: '',
      hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
    };
    out = { ...out, mappings: [m], locations: out.locations.map((l) => ({ ...l, mapping: m })) };
  }
  if (spec.execName !== '' || spec.buildId !== '') {
    const m0 = out.mappings[0];
    const m = { ...m0 };
    if (spec.execName !== '') m.file = spec.execName;
    if (spec.buildId !== '' && m.buildId === '') m.buildId = spec.buildId;
    out = {
      ...out,
      mappings: [m, ...out.mappings.slice(1)],
      locations: out.locations.map((l) => (l.mapping === m0 ? { ...l, mapping: m } : l)),
    };
  }
  return out;
}

// signs[i] multiplies ps[i] as it is merged (-1 for a base), so that no
// negated copy of a base is made.
function combineProfiles(ps: Profile[], signs?: number[]): Profile {
  const scaled = scaleProfiles(compatibilizeSampleTypes(ps));
  return scaled.length === 1 && (signs?.[0] ?? 1) === 1 ? scaled[0] : mergeProfiles(scaled, signs);
}

async function fetchOne(source: string, spec: SourceSpec, fetcher: Fetcher, ui: Ui): Promise<{ p: Profile; remote: boolean }> {
  const { profile, remote } = await fetcher.fetch(source, spec.fetch);
  if (profile.sampleTypes.length === 0 && profile.samples.count === 0) {
    // pprof would fail later, with "empty common sample type list".
    throw new PipelineError('profile has no sample types and no samples');
  }
  const p = locateBinaries(profile, spec);
  return { p: remote && remoteSymbolization(spec.symbolize) ? markRemoteSymbolized(p, (l) => ui.printErr(l)) : p, remote };
}

async function grab(sources: string[], spec: SourceSpec, fetcher: Fetcher, ui: Ui): Promise<{ p: Profile | null; count: number; remote?: boolean }> {
  const results = await Promise.allSettled(sources.map((s) => fetchOne(s, spec, fetcher, ui)));
  const profiles: Profile[] = [];
  let remote = false;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') {
      profiles.push(r.value.p);
      remote ||= r.value.remote;
    } else if (sources.length > 1) ui.printErr(`${sources[i]}: ${errorText(r.reason)}`);
  });
  if (profiles.length === 0) {
    // One source: its own error is the message; several: all were printed.
    const only = results.length === 1 && results[0].status === 'rejected' ? results[0].reason : null;
    if (only) throw new PipelineError(`${sources[0]}: ${errorText(only)}`);
    return { p: null, count: 0 };
  }
  return { p: combineProfiles(profiles), count: profiles.length, remote };
}

/** errorText is the one-line message of an error. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * fetchProfiles obtains the sources and bases and combines them: a base is
 * subtracted (scaled by -1 and merged), a diff base also marked, as pprof.
 */
export async function fetchProfiles(spec: SourceSpec, fetcher: Fetcher, ui: Ui): Promise<Profile> {
  return (await fetchProfileParts(spec, fetcher, ui, false)).p;
}

/** ProfileParts is the combined profile and, when asked for and a base was given, its two sides apart. */
interface ProfileParts {
  p: Profile;
  /** The sources (normalized when -normalize) and the base, both with positive values. */
  sides?: { value: Profile; base: Profile };
}

/**
 * fetchProfileParts is fetchProfiles that can also keep the two sides of a
 * comparison apart (the web UI's differential flame graph shows both).
 */
export async function fetchProfileParts(spec: SourceSpec, fetcher: Fetcher, ui: Ui, keepSides: boolean): Promise<ProfileParts> {
  const [src, base] = await Promise.all([
    grab(spec.sources, spec, fetcher, ui),
    spec.base.length > 0 ? grab(spec.base, spec, fetcher, ui) : Promise.resolve({ p: null, count: 0, remote: false }),
  ]);
  if (src.count === 0 || !src.p) throw new PipelineError('failed to fetch any source profiles');
  if (spec.base.length > 0 && (base.count === 0 || !base.p)) throw new PipelineError('failed to fetch any base profiles');
  if (src.count !== spec.sources.length) ui.printErr(`Fetched ${src.count} source profiles out of ${spec.sources.length}`);
  if (spec.base.length > 0 && base.count !== spec.base.length) ui.printErr(`Fetched ${base.count} base profiles out of ${spec.base.length}`);
  let p = src.p;
  let sides: ProfileParts['sides'];
  if (base.p) {
    let pbase = base.p;
    if (spec.normalize) p = normalizeProfile(p, pbase);
    if (keepSides) sides = { value: finish(p, spec, ui, true), base: finish(pbase, spec, ui, true) };
    if (spec.diffBase) pbase = setLabel(pbase, 'pprof::base', ['true']);
    // pprof scales the base by -1 and merges: here in one step, without a copy.
    p = combineProfiles([p, pbase], [1, -1]);
  }
  p = finish(p, spec, ui, false);
  // pprof saves a copy of the combined profile when any source was remote.
  if ((src.remote || base.remote) && fetcher.saveFetched) fetcher.saveFetched(p, ui);
  return sides ? { p, sides } : { p };
}

/**
 * combineForDiff is what -diff_base makes of two profiles: the base marked
 * and subtracted, for a UI that compares two captures of a run.
 */
export function combineForDiff(value: Profile, base: Profile): Profile {
  return combineProfiles([value, setLabel(base, 'pprof::base', ['true'])], [1, -1]);
}

/** finish symbolizes, drops the uninteresting frames, and adds -add_comment; quiet leaves symbolization's messages to the combined profile. */
function finish(p: Profile, spec: SourceSpec, ui: Ui, quiet: boolean): Profile {
  p = symbolize(p, spec.symbolize, quiet ? { ...ui, printErr: () => {} } : ui);
  p = removeUninteresting(p, (re) => compileGoRegexp(re, 'drop_frames regexp'));
  p = unsourceMappings(p);
  if (spec.comment !== '') p = { ...p, comments: [...p.comments, spec.comment] };
  return p;
}

function symbolize(p: Profile, mode: string, ui: Ui): Profile {
  const opts = mode.toLowerCase().split(':').filter((o) => o !== '');
  if (opts.includes('none') || opts.includes('no')) return p;
  for (const o of opts) {
    if (!['local', 'fastlocal', 'remote', 'force', 'demangle=default'].includes(o)) {
      if (o.startsWith('demangle=')) ui.printErr(`-symbolize=${mode}: demangling modes are not supported yet`);
      else ui.printErr(`ignoring unrecognized symbolization option: ${mode}`);
    }
  }
  // Symbolizing addresses needs the binaries; report what stays unsymbolized.
  const unsymbolized = p.mappings.filter((m) => !m.hasFunctions && !m.hasFilenames && !m.hasLineNumbers &&
    p.locations.some((l) => l.mapping === m && l.lines.length === 0));
  if (unsymbolized.length > 0 && opts.some((o) => o === 'local' || o === 'fastlocal' || o === 'force')) {
    ui.printErr('symbolization from local binaries is not supported yet; addresses are shown as they are');
  }
  return simplifyNames(p);
}

function unsourceMappings(p: Profile): Profile {
  const isAbsUrl = (f: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(f) && !/^[A-Za-z]:[\\/]/.test(f);
  if (!p.mappings.some((m) => m.buildId === '' && isAbsUrl(m.file))) return p;
  const map = new Map<Mapping, Mapping>();
  const mappings = p.mappings.map((m) => {
    if (m.buildId === '' && isAbsUrl(m.file)) {
      const nm = { ...m, file: '' };
      map.set(m, nm);
      return nm;
    }
    return m;
  });
  return { ...p, mappings, locations: p.locations.map((l) => (l.mapping && map.has(l.mapping) ? { ...l, mapping: map.get(l.mapping)! } : l)) };
}

// The settings a report runs with: the report's and the command's forced
// settings over the user's, and the node count's default (pprof's
// generateRawReport).
function effectiveConfig(cmd: CommandDef, cfg: Config): Config {
  const def = reportDef(cmd.format);
  const forced = { ...def.forces, ...cmd.forces };
  const c = { ...cfg };
  if (c.nodecount === -1) c.nodecount = def.defaultNodeCount ?? 80;
  if (forced.granularity !== undefined) c.granularity = forced.granularity;
  if (forced.noinlines !== undefined) c.noinlines = forced.noinlines;
  if (!(forced.trim ?? c.trim)) {
    c.nodecount = 0;
    c.nodefraction = 0;
    c.edgefraction = 0;
  }
  return c;
}

/** sampleIndexByName resolves -sample_index (index or type name, "inuse_" optional). */
export function sampleIndexByName(p: Profile, si: string): number {
  if (si === '') {
    if (p.defaultSampleType !== '') {
      const i = p.sampleTypes.findIndex((t) => t.type === p.defaultSampleType);
      if (i >= 0) return i;
    }
    return p.sampleTypes.length - 1;
  }
  if (/^[+-]?\d+$/.test(si)) {
    const i = Number(si);
    if (i < 0 || i >= p.sampleTypes.length) {
      throw new PipelineError(`-sample_index=${si} is outside the range [0..${p.sampleTypes.length - 1}]`, true);
    }
    return i;
  }
  const noInuse = si.startsWith('inuse_') ? si.slice(6) : si;
  const i = p.sampleTypes.findIndex((t) => t.type === si || t.type === noInuse);
  if (i >= 0) return i;
  throw new PipelineError(`-sample_index="${si}" must be one of: [${p.sampleTypes.map((t) => t.type).join(' ')}]`, true);
}

function aggregate(p: Profile, cfg: Config): Profile {
  const inlines = !cfg.noinlines;
  let fn = false, file = false, line = false, addr = false;
  switch (cfg.granularity) {
    case '': case 'functions': fn = true; break;
    case 'addresses':
      if (inlines) return p;
      fn = file = line = addr = true;
      break;
    case 'lines': fn = file = line = true; break;
    case 'files': file = true; break;
    case 'filefunctions': fn = file = true; break;
    default: throw new PipelineError(`unexpected granularity ${cfg.granularity}`);
  }
  return aggregateProfile(p, { inlineFrame: inlines, function: fn, filename: file, lineNumber: line, columnNumber: cfg.showcolumns, address: addr });
}

/** ReportRequest is one command with its optional regexp argument. */
interface ReportRequest {
  cmd: CommandDef;
  arg?: string;
}

/** makeReport runs the report steps up to the formatting (pprof's generateRawReport). */
export function makeReport(p: Profile, req: ReportRequest, config: Config, ui: Ui, tools: ReportTools = {}): Report {
  const units = numLabelUnits(p);
  for (const [k, us] of units.ignored) {
    ui.printErr(`For tag ${k} used unit ${units.units.get(k)}, also encountered unit(s) ${us.join(', ')}`);
  }
  const cfg = effectiveConfig(req.cmd, config);
  const warn = (m: string) => ui.printErr(m);
  const keys = (s: string) => s.split(',').filter((k) => k !== '');
  const tr = addLabelNodes(p, keys(cfg.tagroot), keys(cfg.tagleaf), cfg.unit);
  p = tr.profile;
  if (cfg.tagroot !== '' && !tr.rootMatched) warn('TagRoot expression matched no samples');
  if (cfg.tagleaf !== '' && !tr.leafMatched) warn('TagLeaf expression matched no samples');

  if (cfg.relative_percentages) p = applyFocus(p, units.units, cfg, warn);
  if (p.sampleTypes.length === 0) throw new PipelineError('profile has no samples');
  const index = sampleIndexByName(p, cfg.sample_index);
  const st = p.sampleTypes[index];
  if (cfg.divide_by === 0) throw new PipelineError('-divide_by=0: zero divisor specified', true);
  const filters: string[] = [];
  const add = (k: string, v: string) => { if (v !== '') filters.push(`${k}=${v}`); };
  add('focus', cfg.focus);
  add('ignore', cfg.ignore);
  add('hide', cfg.hide);
  add('show', cfg.show);
  add('show_from', cfg.show_from);
  add('tagfocus', cfg.tagfocus);
  add('tagignore', cfg.tagignore);
  add('tagshow', cfg.tagshow);
  add('taghide', cfg.taghide);
  const opts: ReportOptions = {
    graph: reportDef(req.cmd.format).graph,
    cumSort: cfg.sort === 'cum',
    callTree: cfg.call_tree,
    dropNegative: cfg.drop_negative,
    compactLabels: cfg.compact_labels,
    ratio: 1 / cfg.divide_by,
    title: p.mappings.length > 0 && p.mappings[0].file !== '' ? basePath(p.mappings[0].file) : '',
    profileLabels: [],
    activeFilters: filters,
    numLabelUnits: units.units,
    nodeCount: cfg.nodecount,
    nodeFraction: cfg.nodefraction,
    edgeFraction: cfg.edgefraction,
    sampleIndex: index,
    meanIndex: cfg.mean ? 0 : -1,
    sampleType: cfg.mean ? 'mean_' + st.type : st.type,
    sampleUnit: st.unit,
    outputUnit: cfg.unit,
    symbol: req.arg !== undefined ? compileGoRegexp(req.arg, `-${req.cmd.name} regexp`) : null,
    symbolSource: req.arg,
    sourcePath: cfg.source_path,
    trimPath: cfg.trim_path,
    intelSyntax: cfg.intel_syntax,
    parallel: tools.parallel,
  };
  const totalFrom = p;
  if (!cfg.relative_percentages) p = applyFocus(p, units.units, cfg, warn);
  p = aggregate(p, cfg);
  return new Report(p, totalFrom, opts);
}

/** generateReport is makeReport followed by renderReport. */
export function generateReport(p: Profile, req: ReportRequest, cfg: Config, ui: Ui, tools: ReportTools = {}): ReportOutput {
  return generate(req.cmd.format, makeReport(p, req, cfg, ui, tools), { warn: (l) => ui.printErr(l), ...tools });
}

