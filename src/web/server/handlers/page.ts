// The HTML shell of every view (/ui/, /ui/top, /ui/flamegraph…): a fixed
// page whose script reads the path and the query; no profile string is
// ever written into it, so nothing from the profile reaches the HTML.

import { send } from '../http-util.js';
import type { Handler } from '../route.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>gotune</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/static/style.css">
<script type="module" src="/ui/static/ui.js"></script>
</head><body><div id="app">Loading…</div></body></html>
`;

/** pageHandler serves the shell of a view. */
export const pageHandler: Handler = ({ res }) => {
  send(res, 200, 'text/html; charset=utf-8', PAGE, { 'content-security-policy': CSP });
};
