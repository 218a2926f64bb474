// benchstat in one pure function: the options of the command line and the
// texts of the input files in, the standard output and the warning lines
// out, exactly as Go's benchstat (golang.org/x/perf/cmd/benchstat) prints them.

import { UsageError, UserError } from '../user-error.js';
import { applyFilter, compileFilter } from './filter.js';
import { formatCsv } from './format-csv.js';
import { formatText } from './format-text.js';
import { BenchReadError, formatSyntaxError, readBenchFile, type UnitMetadataMap } from './parse.js';
import { ProjectionParser, type FilterHolder, type Projection } from './projection.js';
import { QuerySyntaxError } from './query.js';
import { TableBuilder } from './tables.js';

/** BenchstatOptions are benchstat's flags. */
export interface BenchstatOptions {
  /** -alpha: a change is significant when p < alpha (0.05). */
  alpha: number;
  /** -confidence: the level of the ± ranges (0.95). */
  confidence: number;
  format: 'text' | 'csv';
  /** -filter: which results and units to use ("*"). */
  filter: string;
  /** -table, -row, -col: the projections (.config, .fullname, .file). */
  table: string;
  row: string;
  col: string;
  /** -ignore: keys whose variation does not split or warn (""). */
  ignore: string;
}

/** DEFAULT_OPTIONS are benchstat's defaults. */
export const DEFAULT_OPTIONS: Readonly<BenchstatOptions> = {
  alpha: 0.05, confidence: 0.95, format: 'text', filter: '*', table: '.config', row: '.fullname', col: '.file', ignore: '',
};

/** BenchstatInput is one input file: the name in messages, its .file label, and its text. */
export interface BenchstatInput {
  readonly path: string;
  readonly label: string;
  readonly text: string;
}

/** BenchstatOutput is what benchstat printed: standard output, and the lines of standard error. */
interface BenchstatOutput {
  readonly stdout: string;
  readonly stderr: readonly string[];
  /** The number of benchmark results read from each input, in order (0: the file holds none). */
  readonly resultsPerInput: readonly number[];
}

/** checkOptions rejects option values benchstat rejects, before any file is read. */
export function checkOptions(o: BenchstatOptions): void {
  if (!(o.alpha >= 0 && o.alpha <= 1)) throw new UsageError('-alpha must be in range [0, 1]');
  if (!(o.confidence >= 0 && o.confidence <= 1)) throw new UsageError('-confidence must be in range [0, 1]');
  if (o.format !== 'text' && o.format !== 'csv') throw new UsageError('-format must be text or csv');
}

/** parseQueries compiles -filter and the projections; a syntax error is a UsageError naming the flag. */
function parseQueries(o: BenchstatOptions): { filter: FilterHolder; table: Projection; row: Projection; col: Projection; residue: Projection } {
  let flag = '-filter';
  try {
    const filter = compileFilter(o.filter);
    const parser = new ProjectionParser();
    flag = '-table';
    const table = parser.parseWithUnit(o.table, filter);
    flag = '-row';
    const row = parser.parse(o.row, filter);
    flag = '-col';
    const col = parser.parse(o.col, filter);
    flag = '-ignore';
    parser.parse(o.ignore, filter);
    return { filter, table, row, col, residue: parser.residue() };
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw new UsageError(`parsing ${flag}: ${e.oneLine()}`);
    throw e;
  }
}

/**
 * benchstat summarizes and compares the inputs. It throws UserError for
 * what stops Go's benchstat (a bad query or option, a line too long);
 * malformed benchmark lines are warnings on stderr, as benchstat prints them.
 */
export function benchstat(inputs: readonly BenchstatInput[], opts: BenchstatOptions): BenchstatOutput {
  checkOptions(opts);
  const q = parseQueries(opts);
  const builder = new TableBuilder(q);
  const units: UnitMetadataMap = new Map();
  const stderr: string[] = [];
  const resultsPerInput: number[] = [];
  for (const input of inputs) {
    let recs;
    try {
      recs = readBenchFile(input.text, input.path, input.label, units);
    } catch (e) {
      if (e instanceof BenchReadError) throw new UserError(e.message);
      throw e;
    }
    let n = 0;
    for (const rec of recs) {
      if (rec.kind === 'error') {
        stderr.push(formatSyntaxError(rec.error));
        continue;
      }
      n++;
      const kept = applyFilter(q.filter, rec.result);
      if (kept) builder.add(kept);
    }
    resultsPerInput.push(n);
  }
  const tables = builder.finish({ confidence: opts.confidence, alpha: opts.alpha, units });
  if (opts.format === 'csv') {
    const { csv, warnings } = formatCsv(tables);
    return { stdout: csv, stderr: [...stderr, ...warnings], resultsPerInput };
  }
  return { stdout: formatText(tables), stderr, resultsPerInput };
}
