// The -topproto report: the top list as a profile — one sample per node
// with its cumulative and flat weights in the report's unit.

import { ProfileBuilder } from '../profile/builder.js';
import { encodeProfile } from '../profile/encode.js';
import { scaleValue } from '../units/measurement.js';
import type { Report } from './report.js';

/**
 * topProtoBytes encodes the trimmed top list as an (uncompressed) profile
 * with sample types cum and flat: each node becomes a location with one
 * line, and nodes of one function share a Function.
 */
export function topProtoBytes(rpt: Report): Uint8Array {
  const p = rpt.prof;
  const o = rpt.options;
  const { graph: g } = rpt.newTrimmedGraph();
  const unit = rpt.selectOutputUnit(g);
  const b = new ProfileBuilder([
    { type: 'cum', unit },
    { type: 'flat', unit },
  ]);
  const scaled = (v: number) => Math.trunc(scaleValue(v, o.sampleUnit, unit)[0]);
  // The builder shares a Function between equal (name, system name, file,
  // start line), as pprof's function map does.
  g.nodes.forEach((n) => {
    const info = n.info;
    const fn = b.fn(info.name, info.file, info.startLine, info.origName);
    const loc = b.addLocation(info.address, null, [{ fn, line: info.lineno, column: info.columnno }]);
    b.addSample([loc], [scaled(n.cumValue()), scaled(n.flatValue())]);
  });
  return encodeProfile(b.build({
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    periodType: p.periodType,
    period: p.period,
  }));
}
