// Java legacy profiles: binary CPU with the Java flag, and the text
// "--- heapz 1 ---" / "--- contentionz 1 ---" formats, each with a symbol section.

import { newCpuDraft, readCpuSamples, type CpuHeader } from './cpu-binary.js';
import { DraftProfile } from './draft.js';
import { malformed, notThisFormat } from './errors.js';
import { scaleHeapSample } from './heap-scale.js';
import { decodeText, goTrimSpace } from './lines.js';
import { GoRegExp } from './linear-regexp.js';
import { dropJavaAddresses, readJavaSymbols } from './java-symbols.js';
import { parseGoInt, parseHexAddresses, toInt64 } from './strconv.js';

const ATTRIBUTE = new GoRegExp('([0-9A-Za-z_ ]+)=([0-9A-Za-z_ ]+)');
const SAMPLE = new GoRegExp(' *([0-9]+) +([0-9]+) +@ +([ x0-9a-f]*)');
/** The Java agent samples heaps every 512 KiB on average. */
const JAVA_HEAP_RATE = 524288n;

type JavaKind = 'heap' | 'contention';

/** parseJavaCpu reads a Java CPU profile body after its header. */
export function parseJavaCpu(data: Uint8Array, h: CpuHeader): DraftProfile {
  const d = newCpuDraft(h.periodMicros);
  const rest = readCpuSamples(d, h.reader, false);
  readJavaSymbols(d, decodeText(data, rest));
  dropJavaAddresses(d);
  return d;
}

// Line cursor over text that, like the Go code, only sees lines ended by "\n".
class TerminatedLines {
  pos = 0;
  constructor(readonly text: string) {}

  /** next returns the next complete line, or null when none is left. */
  next(): string | null {
    const nl = this.text.indexOf('\n', this.pos);
    return nl < 0 ? null : this.text.slice(this.pos, nl);
  }

  advance(): void {
    this.pos = this.text.indexOf('\n', this.pos) + 1;
  }
}

function readAttributes(kind: JavaKind, lines: TerminatedLines, d: DraftProfile): void {
  for (let raw = lines.next(); raw !== null; raw = lines.next()) {
    const line = goTrimSpace(raw);
    if (line !== '') {
      const a = ATTRIBUTE.exec(line);
      if (!a) return;
      const key = goTrimSpace(a[1] ?? '');
      const value = goTrimSpace(a[2] ?? '');
      const number = (): bigint => {
        const r = parseGoInt(value, 0);
        if (!r.ok) throw malformed(`failed to parse attribute ${line}: ${r.message}`);
        return r.value;
      };
      switch (`${kind}/${key}`) {
        case 'heap/format':
        case 'contention/format':
          if (value !== 'java') throw notThisFormat();
          break;
        case 'heap/resolution':
          d.sampleTypes = [{ type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: value }];
          break;
        case 'contention/resolution':
          d.sampleTypes = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: value }];
          break;
        case 'contention/sampling period':
          d.periodType = { type: 'contentions', unit: 'count' };
          d.period = number();
          break;
        case 'contention/ms since reset':
          d.durationNanos = toInt64(number() * 1000000n);
          break;
        default:
          throw notThisFormat();
      }
    }
    lines.advance();
  }
}

function readSamples(kind: JavaKind, lines: TerminatedLines, d: DraftProfile): void {
  for (let raw = lines.next(); raw !== null; raw = lines.next()) {
    const line = goTrimSpace(raw);
    if (line !== '') {
      const m = SAMPLE.exec(line);
      if (!m) return;
      // The columns are "<size or delay> <count> @ pcs"; values are [count, size or delay].
      const [, amountText = '', countText = '', pcs = ''] = m;
      const a = parseHexAddresses(pcs);
      if ('error' in a) throw malformed(`malformed sample: ${line}: ${a.error}`);
      const locs = a.addrs.map((addr) => d.locationAt(addr));
      const count = parseGoInt(countText, 0);
      if (!count.ok) throw malformed(`parsing sample ${line}: ${count.message}`);
      const amount = parseGoInt(amountText, 0);
      if (!amount.ok) throw malformed(`parsing sample ${line}: ${amount.message}`);
      let values = [count.value, amount.value];
      let bytes: bigint | null = null;
      if (kind === 'heap') {
        if (values[0] === 0n) throw malformed(`parsing sample ${line}: second value must be non-zero`);
        bytes = toInt64(values[1] / values[0]);
        values = scaleHeapSample(values[0], values[1], JAVA_HEAP_RATE);
      } else if (d.period !== 0n) {
        values = values.map((v) => toInt64(v * d.period));
      }
      d.addSample(locs, values, bytes);
    }
    lines.advance();
  }
}

/** parseJavaText parses a Java heapz or contentionz text profile. */
export function parseJavaText(data: Uint8Array): DraftProfile {
  const text = decodeText(data);
  const nl = text.indexOf('\n');
  if (nl < 0) throw notThisFormat();
  let kind: JavaKind;
  switch (goTrimSpace(text.slice(0, nl))) {
    case '--- heapz 1 ---':
      kind = 'heap';
      break;
    case '--- contentionz 1 ---':
      kind = 'contention';
      break;
    default:
      throw notThisFormat();
  }
  const d = new DraftProfile();
  d.periodType = { type: '', unit: '' };
  const lines = new TerminatedLines(text.slice(nl + 1));
  readAttributes(kind, lines, d);
  readSamples(kind, lines, d);
  readJavaSymbols(d, lines.text.slice(lines.pos));
  dropJavaAddresses(d);
  return d;
}
