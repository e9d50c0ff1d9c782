// While a ballot is open the hall sees how long is left and how many have pressed: 已按 x / 实到 y.
// Never more: a secret ballot's figures must not hint at who voted what, and no figure of the
// count is shown before the chair announces it.
import { el, figure } from '/common/dom.js';
import { t } from '/common/i18n.js';

export function votingView(ballot, status) {
  const open = ballot.status === 'open';
  const view = el('section', { className: 'voting', test: open ? 'voting' : 'closing' },
    open
      // The countdown changes every second: a screen reader would hear nothing else.
      ? el('div', { className: 'countdown-box' + (ballot.closesAt > 0 ? '' : ' hidden'), attrs: { 'aria-live': 'off' } },
          el('span', { className: 'label' }, t('voting.remaining')),
          el('span', { className: 'countdown', test: 'countdown', attrs: { 'data-closes-at': String(ballot.closesAt ?? 0) } }, ''))
      : null,
    el('p', { className: 'prompt', test: 'prompt' }, t(open ? 'voting.prompt' : 'closing.title')),
    el('div', { className: 'tally' },
      el('span', { className: 'label' }, t('voting.returned')),
      el('span', { className: 'number', test: 'returned' }),
      el('span', { className: 'slash' }, '/'),
      el('span', { className: 'label' }, t('voting.present')),
      el('span', { className: 'number', test: 'present-count' })),
    el('div', { className: 'progress', test: 'progress', attrs: { role: 'progressbar', 'aria-valuemin': '0' } },
      el('div', { className: 'progress-fill', test: 'progress-fill' })));
  updateTally(view, ballot, status);
  return view;
}

/** 已按 x / 实到 y and the bar, changed in place inside the view (or the stage holding it). */
export function updateTally(view, ballot, status) {
  const returned = ballot.returned ?? 0;
  const present = status.present ?? 0;
  const share = present > 0 ? Math.min(1, returned / present) : 0;
  view.querySelector('[data-test=returned]').textContent = figure(returned);
  view.querySelector('[data-test=present-count]').textContent = figure(present);
  const bar = view.querySelector('.progress');
  bar.setAttribute('aria-valuemax', String(present));
  bar.setAttribute('aria-valuenow', String(returned));
  bar.setAttribute('aria-valuetext', `${t('voting.returned')} ${returned} / ${t('voting.present')} ${present}`);
  view.querySelector('.progress-fill').style.width = `${(share * 100).toFixed(1)}%`;
}

/**
 * A ballot the chair has closed but not announced: it ended, and the result is still the chair's to
 * give — once the scrutineers have countersigned it, where the sitting has them (the line below).
 */
export function closedView(countersign = null, state = null) {
  const detail = state === 'awaiting' ? 'closed.detailAwaiting' : state === 'refused' ? 'closed.detailRefused' : 'closed.detail';
  return el('section', { className: 'closed', test: 'closed' },
    el('p', { className: 'closed-title' }, t('closed.title')),
    el('p', { className: 'closed-detail' }, t(detail)),
    countersign);
}
