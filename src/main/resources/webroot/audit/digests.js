// Public, no sign-in: each sealed ballot's bundle digest, grouped as the printed 计票结果报告单 shows it
// (its QR code holds exactly the 64 hex digits), and who of the scrutineers countersigned or refused
// (GET /api/ballots/{ballot}/countersignatures, docs/scrutineers.md). Names, reasons and titles come
// from the clerk and the scrutineers, so everything is built with textContent.
import { api } from '/common/api.js';
import { t, language, errorText } from '/common/i18n.js';
import { el } from '/common/dom.js';

const SEALED = new Set(['closed', 'announced', 'cancelled']);

/** The sitting's ballots whose result is sealed: closed, announced, or cancelled after a result. */
export function sealedBallots(status) {
  return (status?.ballots ?? []).filter((b) => SEALED.has(b.status) && b.result);
}

/** Each ballot with its countersigning, or the failure that kept it (one ballot's never hides another). */
export function loadDigests(ballots) {
  return Promise.all(ballots.map(async (ballot) => {
    try {
      return { ballot, view: await api('GET', `/api/ballots/${encodeURIComponent(ballot.id)}/countersignatures`) };
    } catch (failure) {
      return { ballot, failure };
    }
  }));
}

/** "9a4f0c…" → "9a4f 0c…": groups of four, as read aloud or against a phone's scan. */
export function groupedDigest(hex) {
  return String(hex ?? '').match(/.{1,4}/g)?.join(' ') ?? '';
}

function when(signedAt) {
  const d = new Date(signedAt);
  if (Number.isNaN(d.getTime())) return String(signedAt ?? '—');
  return d.toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

/** The countersigning of one ballot; nothing when the sitting had no scrutineers when it closed. */
function countersigning(view, id) {
  if (!(view.required > 0) || view.state === 'not-required') return null;
  const signed = view.countersignatures ?? [];
  const refused = view.refusals ?? [];
  return el('div', { className: 'countersigning' },
    el('p', { className: `countersign-state countersign-${view.state}`, test: `countersign-state-${id}` },
      t(`digests.state.${view.state}`), ' ',
      el('span', { className: 'countersign-count' },
        t('digests.count', { signed: signed.length, required: view.required }))),
    signed.length ? el('ul', { className: 'signers', test: `countersignatures-${id}` }, signed.map((s) =>
      el('li', {}, t('digests.signed', { name: s.name ?? s.scrutineer, id: s.scrutineer, time: when(s.signedAt) }), ' ',
        el('span', { className: 'mono fingerprint' }, s.fingerprint ?? '—')))) : null,
    refused.length ? el('ul', { className: 'refusals', test: `refusals-${id}` }, refused.map((r) =>
      el('li', {}, t('digests.refused', { name: r.name ?? r.scrutineer, id: r.scrutineer, time: when(r.signedAt) }), ' ',
        el('q', { className: 'reason' }, r.reason ?? '')))) : null);
}

function entry({ ballot, view, failure }) {
  const id = ballot.id;
  const status = view?.status ?? ballot.status;
  return el('article', { className: 'digest', test: `digest-card-${id}` },
    el('h3', {}, ballot.title ?? id, ' ', el('span', { className: 'mono digest-id' }, id)),
    el('p', { className: 'digest-status' }, t('digests.status', { status: t(`status.${status}`) })),
    failure
      ? el('p', { className: 'error' }, errorText(failure.code ?? 'internal', failure.message))
      : [
        el('p', { className: 'digest-label' }, t('digests.label')),
        el('p', { className: 'mono digest-hex', test: `digest-${id}`, attrs: { translate: 'no' } },
          groupedDigest(view.bundleDigest)),
        countersigning(view, id),
      ]);
}

/** The section's body: one entry per sealed ballot, in the order the status lists them. */
export function digestList(items) {
  if (!items.length) return el('p', { className: 'empty' }, t('digests.none'));
  return el('div', { className: 'digest-list' }, items.map(entry));
}
