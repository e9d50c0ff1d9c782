// The sittings the node holds (GET /api/sittings, public), as a list to open with one click or Enter:
// title, id and 应到 of each. Typing an id stays below the list as the fallback.
import { api } from '/common/api.js';
import { t, onLanguage } from '/common/i18n.js';
import { h, byId, fill } from './dom.js';
import { failureText } from './notify.js';

let sittings = null; // [{id, title, members}] once read
let failure = null;
let asked = 0;
let picked = () => {};

/** Reads the list again (after a sitting is created, or each time the chooser shows). */
export async function loadSittings() {
  const mine = ++asked;
  failure = null;
  // A list already shown stays until the new one arrives, so the focus stays on its button.
  if (!sittings) render();
  try {
    const answer = await api('GET', '/api/sittings');
    if (mine !== asked) return;
    sittings = answer.sittings ?? [];
  } catch (refusal) {
    if (mine !== asked) return;
    failure = refusal;
  }
  render();
}

/** The remembered sitting's button, else the first: where the keyboard starts. */
export function focusSittings(wanted) {
  const buttons = [...byId('sitting-list').querySelectorAll('button[data-sitting]')];
  (buttons.find((b) => b.dataset.sitting === wanted) ?? buttons[0])?.focus();
}

function choice(s) {
  return h('li', {},
    h('button', { type: 'button', class: 'sitting-choice', dataset: { sitting: s.id }, onclick: pick },
      h('span', { class: 'choice-title' }, s.title || s.id), ' ',
      h('span', { class: 'choice-id mono' }, s.id), ' ',
      h('span', { class: 'choice-members' }, t('sittingMembers', { members: s.members }))));
}

async function pick(event) {
  const button = event.currentTarget;
  const list = byId('sitting-list');
  const buttons = [...list.querySelectorAll('button')];
  // One sitting at a time: a double click or a second Enter cannot open two.
  buttons.forEach((b) => (b.disabled = true));
  list.setAttribute('aria-busy', 'true');
  try {
    await picked(button.dataset.sitting);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    list.removeAttribute('aria-busy');
    // Still choosing (the sitting did not open): the keyboard goes back where it was.
    if (button.isConnected && button.checkVisibility()) button.focus();
  }
}

function render() {
  const place = byId('sitting-list');
  // Read again while the clerk is on it: the keyboard stays on the same sitting.
  const focused = place.contains(document.activeElement) ? document.activeElement.dataset.sitting : null;
  if (failure) {
    return fill(place, failureText(failure),
      h('button', { type: 'button', id: 'sittings-reload', onclick: loadSittings }, t('reload')));
  }
  if (!sittings) return fill(place, h('p', { class: 'hint' }, t('loading')));
  if (!sittings.length) return fill(place, h('p', { class: 'hint', id: 'no-sittings' }, t('noSittings')));
  fill(place, h('ul', { class: 'sitting-list', 'aria-labelledby': 'choose-title' }, sittings.map(choice)));
  if (focused) focusSittings(focused);
}

/** opened(id) opens the sitting picked; it shows its own failure. */
export function setUpSittingList(opened) {
  picked = opened;
  onLanguage(render);
}
