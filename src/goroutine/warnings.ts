// What a parse could not use, counted as it streams by and summed up at the
// end as a few sentences that say what was skipped and where it started.

/** A tally of one kind of problem with where it first happened. */
interface Tally {
  count: number;
  firstLine: number;
  firstText: string;
}

const MAX_DISTINCT = 8;

function quote(s: string): string {
  const short = s.length > 60 ? s.slice(0, 57) + '...' : s;
  return JSON.stringify(short);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** DumpWarnings collects the problems met while reading a dump. */
export class DumpWarnings {
  private skipped: Tally = { count: 0, firstLine: 0, firstText: '' };
  private truncated: Tally = { count: 0, firstLine: 0, firstText: '' };
  private readonly states = new Map<string, Tally>();
  private readonly details = new Map<string, Tally>();
  private moreStates = 0;
  private moreDetails = 0;
  /** A message that stands on its own (e.g. a total that does not add up). */
  readonly notes: string[] = [];

  /** skip records an input line that is not part of a goroutine dump. */
  skip(lineNo: number, text: string): void {
    if (this.skipped.count++ === 0) {
      this.skipped.firstLine = lineNo;
      this.skipped.firstText = text;
    }
  }

  /** incomplete records a goroutine whose stack broke off (what: "goroutine 7"). */
  incomplete(lineNo: number, what: string): void {
    if (this.truncated.count++ === 0) {
      this.truncated.firstLine = lineNo;
      this.truncated.firstText = what;
    }
  }

  /** unknownState records a goroutine in a state gotune does not know. */
  unknownState(lineNo: number, state: string): void {
    this.moreStates += tallyInto(this.states, state, lineNo);
  }

  /** unknownDetail records a header detail gotune does not know. */
  unknownDetail(lineNo: number, detail: string): void {
    this.moreDetails += tallyInto(this.details, detail, lineNo);
  }

  /** messages returns one sentence per kind of problem. */
  messages(): string[] {
    const out: string[] = [];
    const s = this.skipped;
    if (s.count > 0) {
      out.push(`skipped ${plural(s.count, 'line that is', 'lines that are')} not part of a goroutine dump ` +
        `(first at line ${s.firstLine}: ${quote(s.firstText)})`);
    }
    const t = this.truncated;
    if (t.count > 0) {
      out.push(`${plural(t.count, 'stack is', 'stacks are')} incomplete: the dump breaks off inside ` +
        `(first: ${t.firstText} at line ${t.firstLine}); the frames before the break are kept`);
    }
    if (this.states.size > 0) {
      const n = [...this.states.values()].reduce((a, b) => a + b.count, 0) + this.moreStates;
      out.push(`${plural(n, 'goroutine is', 'goroutines are')} in a state gotune does not know ` +
        `(${describe(this.states, this.moreStates)}); they are kept with that state`);
    }
    if (this.details.size > 0) {
      const n = [...this.details.values()].reduce((a, b) => a + b.count, 0) + this.moreDetails;
      out.push(`ignored ${plural(n, 'unknown detail', 'unknown details')} in goroutine headers ` +
        `(${describe(this.details, this.moreDetails)})`);
    }
    return out.concat(this.notes);
  }
}

/** tallyInto counts key in m; returns 1 when m is full and the key was not counted there. */
function tallyInto(m: Map<string, Tally>, key: string, lineNo: number): number {
  const t = m.get(key);
  if (t) {
    t.count++;
    return 0;
  }
  if (m.size >= MAX_DISTINCT) return 1;
  m.set(key, { count: 1, firstLine: lineNo, firstText: key });
  return 0;
}

function describe(m: Map<string, Tally>, more: number): string {
  const parts = [...m.values()].map((t) => `${quote(t.firstText)} ×${t.count}, first at line ${t.firstLine}`);
  if (more > 0) parts.push(`${more} more`);
  return parts.join('; ');
}
