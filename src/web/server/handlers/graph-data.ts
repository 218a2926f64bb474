// /ui/data/graph: the call graph, our -dot report laid out as SVG by the
// WebAssembly Graphviz (node/render-dot.ts), no system install.

import { renderGraphOutput } from '../../../node/render-dot.js';
import { outputText } from '../../../report/output.js';
import { send } from '../http-util.js';
import type { Handler } from '../route.js';
import { webCommand } from '../session.js';

/** The call graph's DOT: -dot's, with every label escaped (names are the profile's). */
const WEBDOT = webCommand('dot', 'webdot');

/** graphDataHandler answers image/svg+xml (the client strips anything active before showing it). */
export const graphDataHandler: Handler = async ({ session, url, res }) => {
  const { out } = session.render(WEBDOT, url.searchParams);
  const svg = await renderGraphOutput({ render: 'svg' }, out);
  send(res, 200, 'image/svg+xml', outputText(svg), { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
};
