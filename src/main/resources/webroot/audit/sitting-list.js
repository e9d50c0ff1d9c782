// The sittings to choose from (GET /api/sittings, public): title, id and 应到 of each, shown with one
// click or Enter; typing the id stays beside the list as the fallback.
import { api } from '/common/api.js';
import { t } from '/common/i18n.js';
import { el } from '/common/dom.js';

export async function loadSittings() {
  const answer = await api('GET', '/api/sittings');
  return answer.sittings ?? [];
}

/** The list as buttons, the sitting shown marked; pick(id) when one is chosen. */
export function sittingChoices(sittings, shown, pick) {
  if (!sittings.length) return el('p', { className: 'empty' }, t('sittings.none'));
  return el('ul', { className: 'sitting-choices', attrs: { 'aria-labelledby': 'sittings-heading' } },
    sittings.map((s) => {
      const button = el('button', { className: 'sitting-choice', attrs: { type: 'button', 'data-sitting': s.id } },
        el('span', { className: 'choice-title' }, s.title || s.id), ' ',
        el('span', { className: 'choice-id mono' }, s.id), ' ',
        el('span', { className: 'choice-members' }, t('sittings.members', { members: s.members })));
      if (s.id === shown) button.setAttribute('aria-current', 'true');
      button.addEventListener('click', () => pick(s.id));
      return el('li', {}, button);
    }));
}
