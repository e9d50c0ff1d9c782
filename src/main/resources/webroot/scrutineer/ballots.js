// The sitting's ballots as the scrutineer sees them (docs/pages.md, "Scrutineer page" 2), live from the
// public feed: each sealed ballot on its card — its countersigning, who signed or refused, this scrutineer's
// own decision, the result, and while the node still takes it the check (a key here) or the offline part —
// and the sitting's other ballots in a line each. A card is drawn again only when its ballot or the page's own
// part of it changed, and the field being typed in keeps the focus.
import { byId, el } from '/common/dom.js';
import { language, t } from '/common/i18n.js';
import { call } from '/terminal/requests.js';
import { resultView } from '../clerk/result.js';
import { state, touch } from './state.js';
import { ballotPath } from './requests.js';
import { checkPart, fetchBundle } from './check.js';
import { offlinePart } from './offline.js';

/** The ballots with a countersigning, each on its card; the others in a line each. */
export function drawBallots() {
  if (!state.identity) return;
  const ballots = state.status?.ballots ?? [];
  const sealed = ballots.filter((b) => b.countersign);
  byId('no-ballots').classList.toggle('hidden', sealed.length > 0 || !state.status);
  const holder = byId('ballots');
  const keep = new Set(sealed.map((b) => b.id));
  for (const [id, c] of state.cards) {
    if (!keep.has(id)) {
      c.element.remove();
      state.cards.delete(id);
    }
  }
  let previous = null;
  for (const b of sealed) {
    if (actionable(b)) prepare(b);
    const key = JSON.stringify([b.status, b.title, b.countersign, b.result ?? null, state.versions.get(b.id) ?? 0,
      language()]);
    let c = state.cards.get(b.id);
    if (!c || c.key !== key) {
      const element = card(b);
      if (c) {
        const focused = c.element.contains(document.activeElement) ? document.activeElement : null;
        c.element.replaceWith(element);
        refocus(element, focused);
      }
      c = { key, element };
      state.cards.set(b.id, c);
    }
    // In the status's order (by id), whatever came or went.
    const at = previous ? previous.nextSibling : holder.firstChild;
    if (at !== c.element) holder.insertBefore(c.element, at);
    previous = c.element;
  }
  const others = ballots.filter((b) => !b.countersign);
  const othersKey = JSON.stringify([others.map((b) => [b.id, b.title, b.status]), language()]);
  if (othersKey !== state.others) {
    state.others = othersKey;
    byId('other-ballots').replaceChildren(...others.map((b) => el('li', { test: `other-${b.id}` },
      `${b.title ?? b.id}（${b.id}）：${t(`status.${b.status}`)}`)));
  }
}

/** After a card is drawn again, the field the scrutineer was typing in keeps the focus and the caret. */
function refocus(element, focused) {
  if (!focused?.dataset?.test) return;
  const again = element.querySelector(`[data-test="${focused.dataset.test}"]`);
  if (!again) return;
  again.focus();
  if (typeof focused.selectionStart === 'number' && typeof again.setSelectionRange === 'function') {
    again.setSelectionRange(focused.selectionStart, focused.selectionEnd);
  }
}

/** This scrutineer's countersignature or refusal of a ballot, from the status or the node's last answer. */
function mine(b) {
  const me = state.identity.scrutineer;
  const panel = state.panels.get(b.id);
  const answered = typeof panel === 'object' ? panel : null;
  const signed = (b.countersign.signed ?? []).find((s) => s.scrutineer === me)
    ?? (answered?.countersignatures ?? []).find((s) => s.scrutineer === me);
  const refused = (b.countersign.refused ?? []).find((r) => r.scrutineer === me)
    ?? (answered?.refusals ?? []).find((r) => r.scrutineer === me);
  return { signed, refused };
}

/** A sealed result the node still takes countersignatures for, which this scrutineer has not decided on. */
function actionable(b) {
  const { signed, refused } = mine(b);
  return b.status === 'closed' && (b.countersign.state === 'awaiting' || b.countersign.state === 'countersigned')
    && !signed && !refused;
}

/** Asks the node for the ballot's countersigning (its digest and sealed panel) and, with a key here, the bundle. */
function prepare(b) {
  if (!state.panels.has(b.id)) {
    state.panels.set(b.id, 'asking');
    call('GET', ballotPath(b.id, '/countersignatures')).then((answer) => {
      state.panels.set(b.id, answer);
      touch(b.id);
    }, (failure) => {
      console.error(failure);
      setTimeout(() => {
        state.panels.delete(b.id);
        touch(b.id);
      }, 5000);
    });
  }
  if (state.identity.keyPair && !state.checks.has(b.id)) fetchBundle(b.id);
}

/** An instant as the hall reads it: local date and time to the second. */
function when(signedAt) {
  const d = new Date(signedAt);
  if (Number.isNaN(d.getTime())) return String(signedAt ?? '');
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function card(b) {
  const cs = b.countersign;
  const { signed, refused } = mine(b);
  const said = state.said.get(b.id);
  return el('article', { className: `ballot state-${cs.state}`, test: `ballot-${b.id}`, attrs: { 'aria-labelledby': `title-${b.id}` } },
    el('header', {},
      el('h3', { id: `title-${b.id}` }, b.title ?? b.id),
      el('span', { className: 'meta mono' }, b.id),
      el('span', { className: `badge status-${b.status}`, test: `status-${b.id}` }, t(`status.${b.status}`)),
      el('span', { className: `badge state-${cs.state}`, test: `state-${b.id}` }, t(`state.${cs.state}`))),
    el('p', { className: 'progress', test: `progress-${b.id}` },
      t('progress', { signed: (cs.signed ?? []).length, required: cs.required })),
    signers(b),
    signed ? el('p', { className: 'mine signed', test: `mine-${b.id}` }, t('mine-signed', { time: when(signed.signedAt) })) : null,
    refused ? el('p', { className: 'mine refused', test: `mine-${b.id}` }, t('mine-refused', { time: when(refused.signedAt) })) : null,
    el('section', { className: 'result-holder', test: `result-${b.id}` },
      el('h4', {}, t('result-heading')),
      b.result ? resultView(b.result) : el('p', {}, t('no-result'))),
    actionable(b) ? (state.identity.keyPair ? checkPart(b) : offlinePart(b)) : null,
    said ? el('p', { className: `said ${said.kind}`, test: `said-${b.id}`, attrs: { role: 'status' } }, said.text) : null);
}

function signers(b) {
  const rows = [
    ...(b.countersign.signed ?? []).map((s) => el('li', { className: 'signed', test: `signed-${b.id}-${s.scrutineer}` },
      t('signed-line', { name: s.name ?? s.scrutineer, id: s.scrutineer, time: when(s.signedAt), fingerprint: s.fingerprint ?? '—' }))),
    ...(b.countersign.refused ?? []).map((r) => el('li', { className: 'refused', test: `refused-${b.id}-${r.scrutineer}` },
      t('refused-line', { name: r.name ?? r.scrutineer, id: r.scrutineer, time: when(r.signedAt), reason: r.reason }))),
  ];
  return rows.length ? el('ul', { className: 'signers', test: `signers-${b.id}` }, rows) : null;
}

/** Empties both lists (the page forgot the sitting). */
export function clearBallots() {
  byId('ballots').replaceChildren();
  byId('other-ballots').replaceChildren();
}
