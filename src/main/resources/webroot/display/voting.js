// While a ballot is open the hall sees how long is left and how many have pressed: 已按 x / 实到 y.
// Never more: a secret ballot's figures must not hint at who voted what, and no figure of the
// count is shown before the chair announces it.
import { el, figure } from './dom.js';
import { t } from '/common/i18n.js';

export function votingView(ballot, status) {
  const open = ballot.status === 'open';
  const returned = ballot.returned ?? 0;
  const present = status.present ?? 0;
  const share = present > 0 ? Math.min(1, returned / present) : 0;
  const bar = el('div', { className: 'progress-fill', test: 'progress-fill' });
  bar.style.width = `${(share * 100).toFixed(1)}%`;
  return el('section', { className: 'voting', test: open ? 'voting' : 'closing' },
    open
      ? el('div', { className: 'countdown-box' + (ballot.closesAt > 0 ? '' : ' hidden') },
          el('span', { className: 'label' }, t('voting.remaining')),
          el('span', { className: 'countdown', test: 'countdown', attrs: { 'data-closes-at': String(ballot.closesAt ?? 0) } }, ''))
      : null,
    el('p', { className: 'prompt', test: 'prompt' }, t(open ? 'voting.prompt' : 'closing.title')),
    el('div', { className: 'tally', attrs: { 'aria-live': 'polite' } },
      el('span', { className: 'label' }, t('voting.returned')),
      el('span', { className: 'number', test: 'returned' }, figure(returned)),
      el('span', { className: 'slash' }, '/'),
      el('span', { className: 'label' }, t('voting.present')),
      el('span', { className: 'number', test: 'present-count' }, figure(present))),
    el('div', { className: 'progress', test: 'progress',
      attrs: { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(present), 'aria-valuenow': String(returned) } },
      bar));
}

/** A ballot the chair has closed but not announced: it ended, and the result is still the chair's to give. */
export function closedView() {
  return el('section', { className: 'closed', test: 'closed' },
    el('p', { className: 'closed-title' }, t('closed.title')),
    el('p', { className: 'closed-detail' }, t('closed.detail')));
}
