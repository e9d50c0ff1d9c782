// Between ballots the hall sees who is here: 应到, 实到 and whether the quorum is met.
import { el, figure } from '/common/dom.js';
import { t } from '/common/i18n.js';

export function idleView(status) {
  const met = status.quorumMet === true;
  return el('section', { className: 'idle', test: 'idle' },
    el('div', { className: 'attendance-big' },
      big(t('attendance.members'), status.members, 'members'),
      big(t('attendance.present'), status.present, 'present'),
      big(t('attendance.quorumRequired'), status.quorumRequired, 'quorum-required')),
    el('p', { className: `quorum-verdict ${met ? 'met' : 'not-met'}`, test: 'quorum' },
      t(met ? 'quorum.met' : 'quorum.notMet')),
    el('p', { className: 'waiting' }, t('idle.waiting')));
}

function big(label, value, test) {
  return el('div', { className: 'big-figure' },
    el('span', { className: 'label' }, label),
    el('span', { className: 'number', test }, figure(value)),
    el('span', { className: 'unit' }, t('attendance.unit')));
}
