// A projector cannot scroll. When a result has many rows (ten projects, several sections) or a long
// announcement, the stage is scaled down until it fits its box, in steps, never below a floor that is
// still readable from the back of the hall; the announcement gives way first, the figures last.
const STEP = 0.94;

/** Shrinks each [element, floor] in turn (its --fit scale) until box no longer overflows. */
export function fitInto(box, parts) {
  for (const [element] of parts) element?.style.setProperty('--fit', '1');
  for (const [element, floor] of parts) {
    if (!element) continue;
    let scale = 1;
    while (overflows(box) && scale * STEP >= floor) {
      scale *= STEP;
      element.style.setProperty('--fit', scale.toFixed(3));
    }
  }
}

function overflows(box) {
  return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
}
