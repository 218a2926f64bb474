// /ui/data/flame: the flame graph of the query's settings, packed by the
// report table's "flame" row (report/flame.ts).

import { send } from '../http-util.js';
import type { Handler } from '../route.js';
import { webCommand } from '../session.js';

const FLAME = webCommand('flamegraph', 'flame');

/** flameDataHandler answers with the packed layout (application/octet-stream). */
export const flameDataHandler: Handler = ({ session, url, res }) => {
  const { out, warnings } = session.render(FLAME, url.searchParams);
  if (out.kind !== 'binary') throw new Error('flame report is not binary');
  send(res, 200, 'application/octet-stream', out.data, { 'x-gotune-warnings': encodeURIComponent(JSON.stringify(warnings)) });
};
