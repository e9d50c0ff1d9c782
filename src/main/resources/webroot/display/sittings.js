// Opened without ?sitting=…, the screen lists the sittings (GET /api/sittings, public) in large type
// for whoever sets up the projector: Tab or the arrow keys, then Enter (or a click). The pick becomes
// ?sitting=ID in the address, keeping ?lang=…, so the screen then runs exactly as when opened with it.
import { api } from '/common/api.js';
import { t } from '/common/i18n.js';
import { el, figure } from '/common/dom.js';

export async function loadSittings() {
  const answer = await api('GET', '/api/sittings');
  return answer.sittings ?? [];
}

export function chooseSitting(id) {
  const url = new URL(location.href);
  url.searchParams.set('sitting', id);
  location.assign(url);
}

export function sittingsView(sittings) {
  const buttons = sittings.map((s) => {
    const button = el('button', { className: 'sitting-choice', test: `sitting-${s.id}`, attrs: { type: 'button' } },
      el('span', { className: 'choice-title' }, s.title || s.id), ' ',
      el('span', { className: 'choice-id' }, s.id), ' ',
      el('span', { className: 'choice-members' }, `${t('attendance.members')} ${figure(s.members)}${t('attendance.unit')}`));
    button.addEventListener('click', () => chooseSitting(s.id));
    return button;
  });
  const list = el('ul', { className: 'sitting-choices', attrs: { 'aria-labelledby': 'choose-title' } },
    buttons.map((b) => el('li', {}, b)));
  // Up / down (and Home / End) move along the list, as on a remote control.
  list.addEventListener('keydown', (e) => {
    const at = buttons.indexOf(document.activeElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (at < 0 || next === undefined) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus();
  });
  return el('section', { className: 'choose', test: 'sitting-choice' },
    el('h2', { className: 'choose-title', id: 'choose-title' }, t('choose.title')),
    sittings.length ? list : el('p', { className: 'choose-hint' }, t('choose.none')),
    sittings.length ? el('p', { className: 'choose-hint' }, t('choose.hint')) : null);
}
