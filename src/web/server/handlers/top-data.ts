// /ui/data/top: the rows of -top for the table (report/top-table.ts); in a
// comparison each row also carries its flat and cum in either side.

import { outputText } from '../../../report/output.js';
import { send } from '../http-util.js';
import type { Handler } from '../route.js';
import { webCommand } from '../session.js';

const TOP = webCommand('top', 'toptable');

interface Row { name: string; flat: number; cum: number }

/** topDataHandler answers with {warnings, table} (the TopTable JSON), and sides: {name: [baseFlat, baseCum, newFlat, newCum]} in a comparison. */
export const topDataHandler: Handler = ({ session, url, res }) => {
  const { out, warnings } = session.render(TOP, url.searchParams);
  let sides = '';
  if (session.sides) {
    const byName: Record<string, [number, number, number, number]> = {};
    // Untrimmed: each side's own drop threshold would hide rows the diff shows.
    const q = new URLSearchParams(url.searchParams);
    q.set('trim', 'false');
    const side = (k: 'base' | 'value', at: number) => {
      const rows = (JSON.parse(outputText(session.render(TOP, q, undefined, k).out)) as { rows: Row[] }).rows;
      for (const r of rows) {
        const e = (byName[r.name] ??= [0, 0, 0, 0]);
        e[at] = r.flat;
        e[at + 1] = r.cum;
      }
    };
    side('base', 0);
    side('value', 2);
    sides = `,"sides":${JSON.stringify(byName)}`;
  }
  send(res, 200, 'application/json; charset=utf-8', `{"warnings":${JSON.stringify(warnings)},"table":${outputText(out)}${sides}}`);
};
