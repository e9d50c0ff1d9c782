// Builds elements from data without ever parsing it as HTML: names come from spreadsheets and must
// stay text (CSP forbids inline styles anyway, so nothing here sets a style attribute).
export function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') e.className = value;
    else if (key === 'text') e.textContent = value;
    else if (key === 'dataset') Object.assign(e.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') e.addEventListener(key.slice(2), value);
    else if (key === 'checked' || key === 'value' || key === 'disabled' || key === 'selected') e[key] = value;
    else e.setAttribute(key, value === true ? '' : value);
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

export function byId(id) {
  return document.getElementById(id);
}

/** A table from a head row and body rows; every cell is text (or a node built with h). */
export function table(head, rows, props = {}) {
  return h('table', props,
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

/** Local time of an epoch-seconds instant, as the hall clock shows it. */
export function clock(epochSeconds) {
  const d = new Date(epochSeconds * 1000);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Replaces an element's children, skipping null / false and flattening arrays as h does. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
  return parent;
}

/** Hex in groups of four ("3f0c9a1b…" as "3f0c 9a1b …"): a fingerprint or digest compared by eye. */
export function fours(hex) {
  return String(hex ?? '').replace(/(.{4})(?=.)/g, '$1 ');
}
