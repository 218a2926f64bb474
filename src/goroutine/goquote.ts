// Go's quoted strings (strconv.Quote, the runtime's quoted()) and the label
// maps built from them: `{"role":"consumer", "shard":"0"}`.

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

/**
 * readGoQuoted reads the Go double-quoted string that starts at s[at] and
 * returns its value and the index after the closing quote, or null when
 * s[at..] is not a well-formed quoted string. A `\xHH` escape above 0x7f
 * stands for a byte of invalid UTF-8 and becomes U+FFFD.
 */
export function readGoQuoted(s: string, at: number): { value: string; end: number } | null {
  if (s[at] !== '"') return null;
  let out = '';
  let i = at + 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') return { value: out, end: i + 1 };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return null;
    if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = s.slice(i + 2, i + 2 + width);
      if (hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) return null;
      const n = parseInt(hex, 16);
      if (e === 'x') out += n < 0x80 ? String.fromCharCode(n) : '\uFFFD';
      else if (n > 0x10ffff || (n >= 0xd800 && n < 0xe000)) return null;
      else out += String.fromCodePoint(n);
      i += 2 + width;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      const n = parseInt(oct, 8);
      if (n > 255) return null;
      out += n < 0x80 ? String.fromCharCode(n) : '\uFFFD';
      i += 4;
      continue;
    }
    return null;
  }
  return null;
}

/**
 * parseLabelMap reads a label map that starts at s[at] (`{` … `}`), as
 * runtime/pprof prints it in debug=1 dumps (`{"k":"v", "k2":"v2"}`) and the
 * runtime in Go 1.26 tracebacks (`{"k": "v"}`). It returns the pairs in
 * order and the index after `}`, or null when the text is not such a map.
 */
export function parseLabelMap(s: string, at = 0): { labels: [string, string][]; end: number } | null {
  if (s[at] !== '{') return null;
  const labels: [string, string][] = [];
  let i = at + 1;
  if (s[i] === '}') return { labels, end: i + 1 };
  for (;;) {
    const k = readGoQuoted(s, i);
    if (!k) return null;
    i = k.end;
    if (s[i] !== ':') return null;
    i++;
    if (s[i] === ' ') i++;
    const v = readGoQuoted(s, i);
    if (!v) return null;
    labels.push([k.value, v.value]);
    i = v.end;
    if (s[i] === '}') return { labels, end: i + 1 };
    if (s[i] !== ',') return null;
    i++;
    if (s[i] === ' ') i++;
  }
}
