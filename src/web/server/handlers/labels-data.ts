// /ui/data/labels: the labels panel, each label key's values and their
// shares (report/labels-table.ts), under the query's filters.

import { outputText } from '../../../report/output.js';
import { send } from '../http-util.js';
import type { Handler } from '../route.js';
import { webCommand } from '../session.js';

const LABELS = webCommand('labels', 'labels');

/** labelsDataHandler answers {warnings, labels}. */
export const labelsDataHandler: Handler = ({ session, url, res }) => {
  const { out, warnings } = session.render(LABELS, url.searchParams);
  send(res, 200, 'application/json; charset=utf-8', `{"warnings":${JSON.stringify(warnings)},"labels":${outputText(out)}}`);
};
