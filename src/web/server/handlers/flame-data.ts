// /ui/data/flame: the flame graph of the query's settings (mode, fn for a
// sandwich), packed by report/flame.ts; with a base, a differential one.

import { send } from '../http-util.js';
import type { Handler } from '../route.js';

/** flameDataHandler answers with the packed layout (application/octet-stream). */
export const flameDataHandler: Handler = ({ session, url, res }) => {
  const { out, warnings } = session.flame(url.searchParams);
  if (out.kind !== 'binary') throw new Error('flame report is not binary');
  send(res, 200, 'application/octet-stream', out.data, { 'x-gotune-warnings': encodeURIComponent(JSON.stringify(warnings)) });
};
