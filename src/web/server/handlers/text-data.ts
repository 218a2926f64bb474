// /ui/data/text?view=source|peek|tags|disasm: the CLI's -list, -peek, -tags
// and -disasm reports as text; the symbol regexp is the focus (f), as in
// pprof's web UI.

import { commandByName } from '../../../driver/commands.js';
import { outputText } from '../../../report/output.js';
import { sendError, sendJson } from '../http-util.js';
import type { Handler } from '../route.js';
import { isUserError } from '../../../user-error.js';

const VIEWS: Record<string, string> = { source: 'list', peek: 'peek', tags: 'tags', disasm: 'disasm' };

/** textDataHandler answers {text, warnings}. */
export const textDataHandler: Handler = ({ session, url, res }) => {
  const view = url.searchParams.get('view') ?? '';
  const cmd = commandByName(VIEWS[view] ?? '');
  if (!cmd) return sendError(res, 404, `no view ${view}`);
  const q = new URLSearchParams(url.searchParams);
  q.delete('view');
  let arg: string | undefined;
  if (cmd.hasParam) {
    arg = q.get('f') ?? '';
    if (arg === '') return sendJson(res, { text: '', warnings: [`choose a function: the ${view} view shows the functions matching the focus regexp (f)`] });
    q.delete('f');
  }
  // A report that finds nothing to show (no match, no binary) is a message
  // in the view, as pprof prints it, not a failed request.
  try {
    const { out, warnings } = session.render(cmd, q, arg);
    sendJson(res, { text: outputText(out), warnings });
  } catch (e) {
    if (!isUserError(e)) throw e;
    sendJson(res, { text: '', warnings: [e.message] });
  }
};
