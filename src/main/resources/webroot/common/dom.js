// Building a page from data with textContent only: names and titles come from the clerk's files,
// so nothing here ever parses markup.

/** An element: el('td', {className: 'figure', test: 'for-budget'}, child, 'text', …). */
export function el(tag, options = {}, ...children) {
  const e = document.createElement(tag);
  if (options.className) e.className = options.className;
  if (options.test) e.dataset.test = options.test;
  if (options.id) e.id = options.id;
  for (const [name, value] of Object.entries(options.attrs ?? {})) e.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    e.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return e;
}

export function byId(id) {
  return document.getElementById(id);
}

/** A figure as the hall reads it: digits only, never "undefined" when a field is missing. */
export function figure(n) {
  return Number.isInteger(n) ? String(n) : '—';
}
