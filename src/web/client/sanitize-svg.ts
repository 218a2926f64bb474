// Making the call graph's SVG inert before it enters the page: every name
// in it came from the profile, so scripts, foreign content, event-handler
// attributes and links other than in-document ones are removed (the page's
// Content-Security-Policy would block them too; this is the second wall).

const DROP = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'use', 'animate', 'set', 'animatetransform', 'animatemotion', 'handler', 'listener']);

/** sanitizeSvg parses svg text and returns its root element, inert; null when it is not SVG. */
export function sanitizeSvg(text: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName.toLowerCase() !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  const all = [root, ...Array.from(root.getElementsByTagName('*'))];
  for (const el of all) {
    if (DROP.has(el.localName.toLowerCase())) {
      el.remove();
      continue;
    }
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      const local = a.localName.toLowerCase();
      if (name.startsWith('on') || local === 'style' && /url\s*\(|expression/i.test(a.value)) el.removeAttributeNode(a);
      else if ((local === 'href' || local === 'src' || local === 'action' || local === 'formaction') && !a.value.startsWith('#')) el.removeAttributeNode(a);
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}
