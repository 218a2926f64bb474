// /ui/data/info: the details panel (file, type, sample types, period,
// duration, time, drop/keep frames, comments, doc URL) and its warnings.

import { sendJson } from '../http-util.js';
import type { Handler } from '../route.js';
import { profileWarnings } from '../warnings.js';

/** infoDataHandler answers the details as JSON. */
export const infoDataHandler: Handler = ({ session, sessions, url, res }) => {
  const p = session.profile;
  const si = url.searchParams.get('si') ?? session.config.sample_index;
  sendJson(res, {
    sources: session.sources,
    sampleTypes: p.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
    defaultSampleType: p.defaultSampleType,
    periodType: p.periodType ? `${p.periodType.type}/${p.periodType.unit}` : '',
    period: p.period,
    durationNanos: p.durationNanos,
    time: p.timeNanos === 0n ? '' : new Date(Number(p.timeNanos / 1000000n)).toISOString(),
    dropFrames: p.dropFrames,
    keepFrames: p.keepFrames,
    comments: p.comments,
    docUrl: p.docUrl,
    samples: p.samples.count,
    warnings: profileWarnings(p, si),
    diff: session.sides !== undefined,
    dashboard: sessions.dashboard !== undefined,
    goroutines: p.sampleTypes.some((t) => t.type === 'goroutine'),
  });
};
