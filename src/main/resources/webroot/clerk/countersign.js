// A sealed ballot's countersigning (docs/scrutineers.md) on its card: 已封存，待监票人签名 /
// 监票人已签名 / 监票人拒绝签名, who signed (name, time, the short fingerprint of the signature that
// the printed report shows too) and who refused with their reason — all from the sitting's status,
// so it moves as the live feed does. Who has not signed yet, and the bundle digest they sign, come
// from the ballot's public countersignatures, asked once when the card is built.
import { api } from '/common/api.js';
import { t } from '/common/i18n.js';
import { h, clock, fours } from './dom.js';
import { seg } from './session.js';

/** An ISO instant ("2026-12-01T09:30:00Z") in the clerk's local time, "09:30:00". */
export function localTime(iso) {
  const when = Date.parse(iso ?? '');
  return Number.isFinite(when) ? clock(when / 1000) : (iso ?? '');
}

/** The figures of a countersign object that the card and its buttons speak of. */
export function countersignState(c) {
  return { state: c?.state ?? 'not-required', signed: (c?.signed ?? []).length, required: c?.required ?? 0 };
}

/** Why the announce button is disabled, or null when it is not. */
export function announceBlocked(b) {
  const c = b.countersign;
  if (b.status !== 'closed' || !c) return null;
  const { state, signed, required } = countersignState(c);
  if (state === 'awaiting') return t('announceWaits', { required, signed });
  if (state === 'refused') return t('refusedOnly');
  return null;
}

/** The block on the card of a sealed ballot with a countersign object, else null. */
export function countersignBlock(b) {
  const c = b.countersign;
  if (!c || !['closed', 'announced', 'cancelled'].includes(b.status)) return null;
  const { state, signed, required } = countersignState(c);
  const pending = h('p', { class: 'cs-pending hint', dataset: { test: 'countersign-pending' } });
  const digest = h('p', { class: 'cs-digest hint' });
  const block = h('section', { class: `countersign cs-${state}`, dataset: { test: 'countersign', state } },
    h('h4', {},
      h('span', { class: `cs-badge ${state}`, dataset: { test: 'countersign-state' } }, t(`cs.${state}`)),
      ' ',
      h('span', { class: 'cs-count', dataset: { test: 'countersign-count' } }, t('csCount', { signed, required }))),
    signed ? h('ul', { class: 'cs-signed', dataset: { test: 'countersign-signed' } }, c.signed.map((s) =>
      h('li', { dataset: { scrutineer: s.scrutineer } },
        h('span', { class: 'cs-tick', 'aria-hidden': 'true' }, '✓ '),
        h('b', {}, s.name ?? s.scrutineer), t('gap'),
        h('span', { class: 'cs-time' }, localTime(s.signedAt)), t('gap'),
        t('csFingerprint'), ' ', h('span', { class: 'mono', dataset: { test: 'signature-fingerprint' } }, fours(s.fingerprint))))) : null,
    (c.refused ?? []).length ? h('ul', { class: 'cs-refused', dataset: { test: 'countersign-refused' } }, c.refused.map((r) =>
      h('li', { dataset: { scrutineer: r.scrutineer } },
        h('span', { class: 'cs-cross', 'aria-hidden': 'true' }, '✗ '),
        h('b', {}, r.name ?? r.scrutineer), t('gap'),
        h('span', { class: 'cs-time' }, localTime(r.signedAt)), t('gap'),
        t('csRefusedBecause'), h('span', { class: 'cs-reason', dataset: { test: 'refusal-reason' } }, r.reason ?? '')))) : null,
    state === 'awaiting' ? pending : null,
    digest);
  fillDetails(b, c, pending, digest);
  return block;
}

/** Who on the sealed panel has not signed yet, and the digest they sign: from the public endpoint. */
async function fillDetails(b, c, pending, digest) {
  let answer;
  try {
    answer = await api('GET', `/api/ballots/${seg(b.id)}/countersignatures`);
  } catch {
    return; // the card still says who signed: this is only the rest
  }
  const done = new Set([...(c.signed ?? []), ...(c.refused ?? [])].map((s) => s.scrutineer));
  const waiting = (answer.panel ?? []).filter((p) => !done.has(p.id))
    .map((p) => (p.fingerprint || p.key ? p.name : t('csNoKey', { name: p.name })));
  if (waiting.length) pending.textContent = t('csPending', { names: waiting.join(t('listSeparator')) });
  if (answer.bundleDigest) {
    digest.replaceChildren(t('csDigest'), ' ', h('span', { class: 'mono', dataset: { test: 'bundle-digest' } }, fours(answer.bundleDigest)));
  }
}
