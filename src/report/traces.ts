// The -traces report: every sample with its labels, value and whole stack.

import { createNodes } from '../graph/graph.js';
import { printableName } from '../graph/node-info.js';
import { label } from '../units/measurement.js';
import { padLeft } from '../units/go-format.js';
import { profileLabels, type Report } from './report.js';

const SEPARATOR = '-----------+-------------------------------------------------------';

// Output is handed over in pieces of this many bytes.
const CHUNK = 1 << 18;

const encoder = new TextEncoder();

/**
 * TextArena keeps encoded texts side by side in a few large blocks. Why:
 * copying from tens of thousands of small arrays, each with its own
 * buffer, ran four times slower than copying from views of one block.
 */
class TextArena {
  private block = new Uint8Array(1 << 20);
  private pos = 0;

  /** bytes returns s's UTF-8 bytes as a view into the arena. */
  bytes(s: string): Uint8Array {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.pos + s.length * 3 > this.block.length) {
      this.block = new Uint8Array(Math.max(1 << 20, s.length * 3));
      this.pos = 0;
    }
    const { written } = encoder.encodeInto(s, this.block.subarray(this.pos));
    const v = this.block.subarray(this.pos, this.pos + written);
    this.pos += written;
    return v;
  }
}

/**
 * Pieces copies UTF-8 bytes into a chunk buffer that is handed over when
 * full and then reused: the stream's contract is that a chunk of bytes is
 * valid until the next is taken, and the generator writes again only when
 * the next is asked for. Why bytes: the report is the same few texts (a
 * location's lines, a label set's lines) over and over, so each is encoded
 * once and copied, where joining strings and encoding each chunk at the
 * write took longer; and reusing the buffer saves faulting in fresh pages
 * for each of the report's gigabytes.
 */
class Pieces {
  private readonly chunk = new Uint8Array(CHUNK);
  /** The buffer being filled (the chunk, or one sized for a larger write), and how far. */
  private buf = this.chunk;
  private pos = 0;

  /**
   * room makes room for n more bytes and returns the bytes it had to hand
   * over for that (yield them before writing), or null.
   */
  room(n: number): Uint8Array | null {
    if (this.pos + n <= this.buf.length) return null;
    const full = this.pos > 0 ? this.buf.subarray(0, this.pos) : null;
    // A sample larger than a chunk gets an array of its own.
    this.buf = n <= CHUNK ? this.chunk : new Uint8Array(n);
    this.pos = 0;
    return full;
  }

  /** put copies b in; room must have been made. */
  put(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** rest returns the bytes not yet handed over. */
  rest(): Uint8Array {
    const r = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return r;
  }
}

/**
 * traceChunks yields the traces report in pieces: it is as long as the
 * profile has samples (gigabytes for large profiles), so it is never built
 * whole.
 */
export function* traceChunks(rpt: Report): Generator<Uint8Array> {
  const out = new Pieces();
  const arena = new TextArena();
  const header = encoder.encode(profileLabels(rpt).join('\n') + '\n');
  out.room(header.length); // the first room hands nothing over
  out.put(header);
  const p = rpt.prof;
  const o = rpt.options;
  const { frames } = createNodes(p, {});
  // Each location's lines, rendered once: many samples share them. A
  // sample's first line carries its value, so the first location of a
  // stack has its text apart, without the value and its padding.
  const blank = padLeft('', 10);
  const firstText: (Uint8Array | undefined)[] = new Array(p.locations.length);
  const allText: Uint8Array[] = new Array(p.locations.length);
  const prepare = (li: number): void => {
    const nodes = frames[li];
    const names = nodes.map((n, i) => printableName(n!.info) + (i !== nodes.length - 1 ? ' (inline)' : ''));
    const rest = names.slice(1).map((f) => `${blank}   ${f}\n`).join('');
    firstText[li] = arena.bytes(`   ${names[0]}\n${rest}`);
    allText[li] = arena.bytes(`${blank}   ${names[0]}\n${rest}`);
  };
  // The separator and label lines depend only on the label set.
  const labelText: (Uint8Array | undefined)[] = new Array(p.samples.labelSets.length);
  const labelsOf = (k: number): Uint8Array => {
    let t = labelText[k];
    if (t === undefined) {
      const ls = p.samples.labelSets[k];
      const strs = [...ls.str].map(([key, vs]) => `${padLeft(key, 10)}:  ${vs.join(' ')}\n`).sort();
      const nums = [...ls.num].map(([key, vs]) => {
        const unit = o.numLabelUnits.get(key) ?? '';
        return `${padLeft(key, 10)}:  ${vs.map((v) => label(v, unit)).join(' ')}\n`;
      }).sort();
      t = arena.bytes(SEPARATOR + '\n' + strs.join('') + nums.join(''));
      labelText[k] = t;
    }
    return t;
  };
  // Sample values repeat (CPU samples are multiples of the period).
  const valueText = new Map<number, Uint8Array>();
  const s = p.samples;
  const nv = s.nValues;
  for (let i = 0; i < s.count; i++) {
    const from = s.stackStart[i];
    const to = s.stackStart[i + 1];
    if (to === from) continue;
    let v = s.values[i * nv + o.sampleIndex];
    const d = o.meanIndex >= 0 ? s.values[i * nv + o.meanIndex] : 0;
    if (d !== 0) v = Math.trunc(v / d);
    let vt = valueText.get(v);
    if (vt === undefined) {
      vt = arena.bytes(padLeft(rpt.formatValue(v), 10));
      if (valueText.size < 1 << 16) valueText.set(v, vt);
    }
    const lt = labelsOf(s.labels[i]);
    const li = s.locs[from];
    if (firstText[li] === undefined) prepare(li);
    // The sample's size first, so that it is written in one piece.
    let n = lt.length + vt.length + firstText[li]!.length;
    for (let k = from + 1; k < to; k++) {
      const lk = s.locs[k];
      if (firstText[lk] === undefined) prepare(lk);
      n += allText[lk].length;
    }
    const full = out.room(n);
    if (full !== null) yield full;
    out.put(lt);
    out.put(vt);
    out.put(firstText[li]!);
    for (let k = from + 1; k < to; k++) out.put(allText[s.locs[k]]);
  }
  const end = encoder.encode(SEPARATOR + '\n');
  const full = out.room(end.length);
  if (full !== null) yield full;
  out.put(end);
  yield out.rest();
}
