// The browser entry of the web UI, bundled by scripts/build-ui.ts: mount
// the shell into the page that every view path serves.

import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
