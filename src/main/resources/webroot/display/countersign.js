// A closed ballot's countersigning, as the hall sees it while it waits for the announcement
// (docs/scrutineers.md): 监票人签名 2/3：王总监 ✓ 李监票 ✓ 赵监票 … — and 拒绝签名 beside whoever refused.
// Who signed comes with each status; the whole panel (to name those still to sign) is the ballot's
// public countersignatures, asked once per ballot: a sealed panel never changes.
import { el } from '/common/dom.js';
import { t } from '/common/i18n.js';

const RETRY_MS = 10000;
const panels = new Map(); // ballot id → [{id, name}], or {until} after a failed ask

function panelOf(ballot, changed) {
  const known = panels.get(ballot);
  if (Array.isArray(known)) return known;
  if (known && (known.asking || Date.now() < known.until)) return null;
  panels.set(ballot, { asking: true });
  fetch(`/api/ballots/${encodeURIComponent(ballot)}/countersignatures`, { cache: 'no-store' })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((answer) => {
      panels.set(ballot, (answer.panel ?? []).map((p) => ({ id: p.id, name: p.name })));
      changed();
    })
    .catch(() => panels.set(ballot, { until: Date.now() + RETRY_MS }));
  return null;
}

/** The line for a closed ballot with a countersign object, else null. changed(): the panel arrived. */
export function countersignLine(ballot, changed) {
  const c = ballot.countersign;
  if (!c || c.state === 'not-required') return null;
  const signed = c.signed ?? [];
  const refused = c.refused ?? [];
  const marks = new Map([...signed.map((s) => [s.scrutineer, 'signed']), ...refused.map((r) => [r.scrutineer, 'refused'])]);
  const panel = panelOf(ballot.id, changed);
  // Until the panel is known, those who signed or refused are all the screen can name.
  const people = panel
    ? panel.map((p) => ({ id: p.id, name: p.name, mark: marks.get(p.id) ?? 'pending' }))
    : [...signed.map((s) => ({ id: s.scrutineer, name: s.name, mark: 'signed' })),
      ...refused.map((r) => ({ id: r.scrutineer, name: r.name, mark: 'refused' }))];
  return el('div', { className: `countersign-line ${c.state}`, test: 'countersign' },
    el('span', { className: 'cs-label', test: 'countersign-count' },
      t('countersign.label', { signed: signed.length, panel: panel ? panel.length : '…' }),
      el('span', { className: 'cs-required' }, t('countersign.required', { required: c.required })),
      t('countersign.colon')),
    people.map((p) => el('span', { className: `cs-person ${p.mark}`, test: `countersign-${p.id}`, attrs: { 'data-mark': p.mark } },
      p.name ?? p.id, ' ',
      el('span', { className: 'cs-mark', attrs: { 'aria-label': t(`countersign.${p.mark}`) } },
        { signed: '✓', refused: `✗ ${t('countersign.refused')}`, pending: '…' }[p.mark]))));
}
