// /ui/data/source?f=RE: the source view's data, -weblist's listing of the
// functions matching f (report/weblist.ts) as JSON: lines with flat and
// cum, inlined calls and, when a binary is known, instructions.

import { outputText } from '../../../report/output.js';
import { send, sendJson } from '../http-util.js';
import type { Handler } from '../route.js';
import { isUserError } from '../../../user-error.js';
import { webCommand } from '../session.js';

const SOURCE = webCommand('source', 'weblistdata');

/** sourceDataHandler answers {warnings, listing}. */
export const sourceDataHandler: Handler = ({ session, url, res }) => {
  const q = new URLSearchParams(url.searchParams);
  const arg = q.get('f') ?? '';
  if (arg === '') return sendJson(res, { listing: null, warnings: ['choose a function: the source view lists the functions matching the focus regexp (f)'] });
  q.delete('f');
  try {
    const { out, warnings } = session.render({ ...SOURCE, hasParam: true }, q, arg);
    send(res, 200, 'application/json; charset=utf-8', `{"warnings":${JSON.stringify(warnings)},"listing":${outputText(out)}}`);
  } catch (e) {
    if (!isUserError(e)) throw e;
    sendJson(res, { listing: null, warnings: [e.message] });
  }
};
