// The ballot's title as the hall sees it, with its round (另行选举 / 再次投票) where it is not the first.
import { el } from '/common/dom.js';
import { t } from '/common/i18n.js';

export function ballotHeading(ballot, round) {
  return el('header', { className: 'ballot-heading' },
    el('h2', { test: 'ballot-title' },
      round ? el('span', { className: 'round-tag', test: 'round' }, t(round)) : null,
      ballot.title ?? ballot.id),
    el('p', { className: 'ballot-kind' },
      t(`kind.${ballot.kind}`), ' · ', t(ballot.secret ? 'voting.secret' : 'voting.recorded')));
}
