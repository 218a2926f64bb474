// /ui/data/run: the run dashboard's data (`gotune web`): the runs' KPIs per
// repetition, their captures, the diagnosis and, for two runs, the verify
// comparison; 404 when the server serves a single profile.

import { sendError, sendJson } from '../http-util.js';
import type { Handler } from '../route.js';

/** runDataHandler answers the dashboard JSON. */
export const runDataHandler: Handler = async ({ sessions, res }) => {
  if (!sessions.dashboard) return sendError(res, 404, 'no run served: start gotune web <run dir> for the dashboard');
  sendJson(res, await sessions.dashboard());
};
