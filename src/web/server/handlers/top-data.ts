// /ui/data/top: the rows of -top for the table (report/top-table.ts).

import { outputText } from '../../../report/output.js';
import { send } from '../http-util.js';
import type { Handler } from '../route.js';
import { webCommand } from '../session.js';

const TOP = webCommand('top', 'toptable');

/** topDataHandler answers with the TopTable JSON. */
export const topDataHandler: Handler = ({ session, url, res }) => {
  const { out, warnings } = session.render(TOP, url.searchParams);
  send(res, 200, 'application/json; charset=utf-8', `{"warnings":${JSON.stringify(warnings)},"table":${outputText(out)}}`);
};
