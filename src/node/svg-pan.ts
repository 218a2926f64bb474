// The script embedded in -svg and -web output: pan (drag), zoom (wheel,
// "+"/"-") and fit to the window (on load, double click, "0") for the
// graph's "viewport" group. Plain ES5, no dependencies; runs in any browser.

/** SVG_PAN_SCRIPT is the script's source; it must never contain "]]>". */
export const SVG_PAN_SCRIPT = `
(function () {
  'use strict';
  function init() {
    var svg = document.documentElement;
    var view = document.getElementById('viewport');
    if (!view || !view.getBBox) return;
    var s = 1, x = 0, y = 0, drag = null;
    function apply() {
      view.setAttribute('transform', 'matrix(' + s + ',0,0,' + s + ',' + x + ',' + y + ')');
    }
    function size() {
      return [svg.clientWidth || window.innerWidth, svg.clientHeight || window.innerHeight];
    }
    function fit() {
      s = 1; x = 0; y = 0; apply();
      var b = view.getBBox(), wh = size(), m = 8;
      if (!b.width || !b.height || wh[0] <= 2 * m || wh[1] <= 2 * m) return;
      s = Math.min((wh[0] - 2 * m) / b.width, (wh[1] - 2 * m) / b.height, 1);
      x = (wh[0] - b.width * s) / 2 - b.x * s;
      y = m - b.y * s;
      apply();
    }
    function zoom(f, px, py) {
      var ns = Math.min(Math.max(s * f, 0.01), 64);
      f = ns / s;
      x = px - (px - x) * f;
      y = py - (py - y) * f;
      s = ns;
      apply();
    }
    function at(e) {
      var r = svg.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    }
    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = at(e), dy = e.deltaY * (e.deltaMode === 1 ? 32 : e.deltaMode === 2 ? 400 : 1);
      zoom(Math.pow(1.002, -dy), p[0], p[1]);
    }, { passive: false });
    svg.addEventListener('mousedown', function (e) {
      if (e.button !== 0) return;
      drag = [e.clientX - x, e.clientY - y];
      svg.style.cursor = 'move';
      e.preventDefault();
    });
    window.addEventListener('mousemove', function (e) {
      if (!drag) return;
      x = e.clientX - drag[0];
      y = e.clientY - drag[1];
      apply();
    });
    window.addEventListener('mouseup', function () {
      drag = null;
      svg.style.cursor = '';
    });
    svg.addEventListener('dblclick', function (e) {
      e.preventDefault();
      fit();
    });
    window.addEventListener('keydown', function (e) {
      var wh = size();
      if (e.key === '+' || e.key === '=') zoom(1.25, wh[0] / 2, wh[1] / 2);
      else if (e.key === '-') zoom(0.8, wh[0] / 2, wh[1] / 2);
      else if (e.key === '0') fit();
    });
    fit();
  }
  // The script comes before the graph in the file: wait for the document.
  if (document.readyState === 'complete') init();
  else window.addEventListener('load', init);
})();
`;
