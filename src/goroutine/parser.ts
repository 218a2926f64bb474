// DumpParser reads a goroutine dump line by line — debug=1, debug=2, a
// SIGQUIT or panic traceback, even several mixed with log output — and hands
// each goroutine (or debug=1 group) to a callback as soon as it is complete.

import { parseCountLine, parseFrameLine, parseLabelsLine, parseProfileHeader } from './debug1.js';
import { forEachLine, type TextSource } from './lines.js';
import { isKnownState } from './states.js';
import {
  headlineKind, parseAncestor, parseCallLine, parseCreatedBy, parseElision, parseFileLine, parseHeader,
  parseNonGoFrame, STACK_UNAVAILABLE,
} from './traceback.js';
import type { DumpFormat, DumpInfo, Frame, GoroutineRecord } from './types.js';
import { DumpWarnings } from './warnings.js';

/**
 * Where the parser is: between records; in a traceback goroutine expecting
 * a frame (g), a frame's file line (file) or the creator's file line
 * (created); in ancestor or `runtime stack:` frames it skips (skip); after a
 * panic message that may go on over several lines (message); in a debug=1
 * record (d1).
 */
type Mode = 'outside' | 'g' | 'file' | 'created' | 'skip' | 'message' | 'd1';

/** RecordSink receives each record; it may keep it (records are not reused). */
type RecordSink = (r: GoroutineRecord) => void;

function newRecord(lineNo: number): GoroutineRecord {
  return {
    count: 1, id: -1, state: '', waitMinutes: 0, lockedToThread: false, labels: [], frames: [],
    elided: 0, elidedAt: -1, createdBy: null, ancestors: [], stackUnavailable: false, truncated: false, lineNo,
  };
}

/** DumpParser parses dump text fed to it one line at a time. */
export class DumpParser {
  private mode: Mode = 'outside';
  private rec: GoroutineRecord | null = null;
  private pending: Frame | null = null;
  private lineNo = 0;
  private format: DumpFormat = 'unknown';
  private crashHeadline = '';
  private profileHeadline = '';
  /** The debug=1 record has `#` frame lines (which replace the bare PCs). */
  private symbolic = false;
  private declaredTotal = -1;
  private profileName = '';
  private goroutines = 0;
  private records = 0;
  private readonly warnings = new DumpWarnings();

  constructor(private readonly sink: RecordSink) {}

  /** line consumes the next line of the dump (without its newline). */
  line(text: string): void {
    this.lineNo++;
    if (text === '') {
      this.finish();
      this.mode = 'outside';
      return;
    }
    const c = text.charCodeAt(0);
    // A new record can start anywhere: the previous one is then cut short.
    if (c === 103 /* g */ && this.startGoroutine(text)) return;
    if (c >= 48 && c <= 57 && this.startCountRecord(text)) return;
    switch (this.mode) {
      case 'g': return this.inGoroutine(text);
      case 'file': return this.frameFile(text);
      case 'created': return this.creatorFile(text);
      case 'd1': return this.inCountRecord(text);
      case 'skip': return this.skipFrames(text);
      case 'message': return;
      case 'outside': return this.outside(text);
    }
  }

  /** end finishes the dump and describes it. */
  end(): DumpInfo {
    this.finish();
    if (this.declaredTotal >= 0 && this.format === 'debug=1' && this.declaredTotal !== this.goroutines) {
      this.warnings.notes.push(`the header declares ${this.declaredTotal} goroutines but ${this.goroutines} were read`);
    }
    return {
      format: this.format, headline: this.crashHeadline || this.profileHeadline, declaredTotal: this.declaredTotal,
      profileName: this.profileName, goroutines: this.goroutines, records: this.records, lines: this.lineNo,
      warnings: this.warnings.messages(),
    };
  }

  private startGoroutine(text: string): boolean {
    const h = parseHeader(text);
    if (!h) return false;
    this.finish();
    if (this.format === 'unknown') this.format = 'debug=2';
    const r = newRecord(this.lineNo);
    r.id = h.id;
    r.state = h.state;
    r.waitMinutes = h.waitMinutes;
    r.lockedToThread = h.lockedToThread;
    r.labels = h.labels;
    if (!isKnownState(h.state)) this.warnings.unknownState(this.lineNo, h.state);
    for (const d of h.unknownDetails) this.warnings.unknownDetail(this.lineNo, d);
    this.rec = r;
    this.mode = 'g';
    return true;
  }

  private startCountRecord(text: string): boolean {
    const m = parseCountLine(text);
    if (!m) return false;
    this.finish();
    if (this.format === 'unknown') this.format = 'debug=1';
    const r = newRecord(this.lineNo);
    r.count = m.count;
    // Frames come from the `#` lines; without them the PCs are the stack.
    r.frames = m.pcs.map((pc) => ({ func: '', args: '', file: '', line: 0, offset: -1, pc }));
    this.symbolic = false;
    this.rec = r;
    this.mode = 'd1';
    return true;
  }

  private inGoroutine(text: string): void {
    const r = this.rec!;
    const call = parseCallLine(text);
    if (call) {
      this.pending = { func: call.func, args: call.args, file: '', line: 0, offset: -1, pc: '' };
      this.mode = 'file';
      return;
    }
    const creator = parseCreatedBy(text);
    if (creator) {
      r.createdBy = { func: creator.func, file: '', line: 0, offset: -1, goid: creator.goid };
      this.mode = 'created';
      return;
    }
    const elided = parseElision(text);
    if (elided !== null) {
      r.elided = elided;
      r.elidedAt = r.frames.length;
      return;
    }
    if (text === STACK_UNAVAILABLE) {
      r.stackUnavailable = true;
      return;
    }
    const pc = parseNonGoFrame(text);
    if (pc !== null) {
      r.frames.push({ func: 'non-Go function', args: '', file: '', line: 0, offset: -1, pc });
      return;
    }
    const ancestor = parseAncestor(text);
    if (ancestor !== null) {
      // Ancestors' stacks (GODEBUG=tracebackancestors) are history, not this
      // goroutine's stack: note the id, pass over their frames.
      r.ancestors.push(ancestor);
      this.mode = 'skip';
      return;
    }
    if (headlineKind(text) !== null) {
      // Runtime output after the last goroutine (`exit status 2`, registers).
      this.finish();
      this.mode = 'outside';
      return this.outside(text);
    }
    this.warnings.skip(this.lineNo, text);
  }

  private frameFile(text: string): void {
    const pos = parseFileLine(text);
    if (!pos) {
      this.warnings.skip(this.lineNo, text);
      return;
    }
    const f = this.pending!;
    f.file = pos.file;
    f.line = pos.line;
    f.offset = pos.offset;
    this.rec!.frames.push(f);
    this.pending = null;
    this.mode = 'g';
  }

  private creatorFile(text: string): void {
    const pos = parseFileLine(text);
    if (!pos) {
      this.warnings.skip(this.lineNo, text);
      return;
    }
    const c = this.rec!.createdBy!;
    c.file = pos.file;
    c.line = pos.line;
    c.offset = pos.offset;
    this.mode = 'g';
  }

  private inCountRecord(text: string): void {
    const r = this.rec!;
    const frame = parseFrameLine(text);
    if (frame) {
      // The first `#` frame replaces the bare PCs of the `@` line.
      if (!this.symbolic) {
        r.frames = [];
        this.symbolic = true;
      }
      r.frames.push(frame);
      return;
    }
    const labels = parseLabelsLine(text);
    if (labels) {
      r.labels = labels;
      return;
    }
    this.warnings.skip(this.lineNo, text);
  }

  private outside(text: string): void {
    const profile = parseProfileHeader(text);
    if (profile) {
      if (this.declaredTotal < 0) {
        this.declaredTotal = profile.total;
        this.profileName = profile.name;
      }
      if (this.format === 'unknown') this.format = 'debug=1';
      if (this.profileHeadline === '') this.profileHeadline = text;
      return;
    }
    const kind = headlineKind(text);
    if (kind === 'headline') {
      if (this.crashHeadline === '') this.crashHeadline = text;
      // A panic message may go on over several lines, up to a blank line.
      this.mode = text.startsWith('panic: ') || text.startsWith('fatal error: ') ? 'message' : 'outside';
      return;
    }
    if (kind === 'known') {
      if (text === 'runtime stack:') this.mode = 'skip';
      return;
    }
    this.warnings.skip(this.lineNo, text);
  }

  /** skipFrames passes over ancestors' frames and `runtime stack:` frames. */
  private skipFrames(text: string): void {
    if (parseCallLine(text) || parseFileLine(text) || parseCreatedBy(text) || parseElision(text) !== null) return;
    const ancestor = parseAncestor(text);
    if (ancestor !== null) {
      this.rec?.ancestors.push(ancestor);
      return;
    }
    if (this.rec && headlineKind(text) === null) return this.warnings.skip(this.lineNo, text);
    this.finish();
    this.mode = 'outside';
    this.outside(text);
  }

  /** finish hands over the current record, if any. */
  private finish(): void {
    const r = this.rec;
    if (!r) return;
    if (this.pending) r.frames.push(this.pending);
    if (this.mode === 'file' || this.mode === 'created' ||
        (this.mode === 'g' && r.frames.length === 0 && !r.stackUnavailable && r.createdBy === null)) {
      r.truncated = true;
      this.warnings.incomplete(r.lineNo, r.id >= 0 ? `goroutine ${r.id}` : 'a record');
    }
    this.rec = null;
    this.pending = null;
    this.records++;
    this.goroutines += r.count;
    this.sink(r);
  }
}

/**
 * parseDump streams a dump from text or chunks into sink and describes it.
 * It keeps no goroutine after handing it over, so memory stays bounded by
 * the largest single goroutine, whatever the size of the dump.
 */
export async function parseDump(src: TextSource, sink: RecordSink): Promise<DumpInfo> {
  const p = new DumpParser(sink);
  await forEachLine(src, (l) => p.line(l));
  return p.end();
}
