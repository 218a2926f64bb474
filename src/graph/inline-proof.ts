// Inline proofs: the nodes whose "(inline)" mark in the top report follows
// from per-location sums, so that their incoming edges need not be counted
// sample by sample (the costliest pass over a large profile).

/** InlineProofInput is what the proof reads; arrays are indexed by node or location. */
interface InlineProofInput {
  /** Location → its frames' node ids, innermost first: locNode[locStart[l] .. locStart[l+1]). */
  locStart: Int32Array;
  locNode: Int32Array;
  /** 1 for the nodes the graph keeps. */
  keep: Uint8Array;
  /** 1 for the nodes whose incoming edges the report reads. */
  needIn: Uint8Array;
  /** 1 for the nodes that are the outermost frame of some location. */
  outermost: Uint8Array;
  /** Per location with an inline chain: the summed weight of the samples that hold it, each once. */
  chainCum: Float64Array;
  /** Edges lighter than this (in absolute value) are dropped from the report. */
  edgeCutoff: number;
}

/**
 * provenInline marks the kept nodes that the top report labels "(inline)"
 * and no other way, found without a pass over the samples. The caller must
 * know that no sample weight is negative.
 *
 * Why this holds: pprof calls an edge inline when every sample that added
 * to it reached its callee at a frame that is not the outermost of its
 * location. (1) A node that is never a location's outermost frame thus
 * only ever gets inline edges, so it cannot be "(partial-inline)".
 * (2) If such a node sits in location l directly inside a kept frame p of
 * another node, every sample holding l walks p and then the node, adding
 * its weight to the edge p→node once; that edge weighs at least
 * chainCum[l], so with chainCum[l] at or above the cutoff (and above zero)
 * it survives trimming, and the label is "(inline)".
 */
export function provenInline(x: InlineProofInput): Uint8Array {
  const { locStart, locNode, keep, needIn, outermost, chainCum, edgeCutoff } = x;
  const proven = new Uint8Array(keep.length);
  const nLoc = locStart.length - 1;
  for (let l = 0; l < nLoc; l++) {
    const c = chainCum[l];
    if (!(c > 0 && c >= edgeCutoff)) continue;
    const outer = locStart[l + 1] - 1;
    for (let k = locStart[l]; k < outer; k++) {
      const n = locNode[k];
      const p = locNode[k + 1];
      if (keep[n] === 1 && needIn[n] === 1 && outermost[n] === 0 && keep[p] === 1 && p !== n) proven[n] = 1;
    }
  }
  return proven;
}
