// Checking a sealed result with a key on this device (docs/pages.md, "Scrutineer page" 3): the page fetches
// the sealed bundle signed by the scrutineer's key, computes the bundle digest itself and shows, each ticked
// or crossed, whether it is the node's digest, whether the result on the page is the bundle's and whether the
// scrutineer's key is on the panel sealed in it; then the bundle's download and the two decisions.
import { el } from '/common/dom.js';
import { t } from '/common/i18n.js';
import { saveBlob } from '../audit/download.js';
import * as sig from './countersign.js';
import { sealedDigest, state, touch } from './state.js';
import { failureText } from './notify.js';
import { ballotPath, signedText } from './requests.js';
import { countersignBallot, refuseBallot } from './decision.js';

/** Fetches the sealed bundle, reads it and computes its digest; the card shows each phase. */
export async function fetchBundle(ballot) {
  state.checks.set(ballot, { phase: 'loading' });
  touch(ballot);
  try {
    const text = await signedText(ballotPath(ballot, '/sealed-bundle'));
    const bundle = sig.readBundle(text);
    const digest = await sig.bundleDigest(bundle);
    state.checks.set(ballot, { phase: 'ready', text, bundle, digest });
  } catch (failure) {
    state.checks.set(ballot, { phase: 'failed', reason: failureText(failure) });
  }
  touch(ballot);
}

/** One check, ticked or crossed in red. */
export function line(ok, text, test) {
  return el('li', { className: ok ? 'ok' : 'bad', test }, text);
}

/** What the page checked of the sealed bundle, and the two decisions. */
export function checkPart(b) {
  const id = b.id;
  const check = state.checks.get(id);
  const box = el('section', { className: 'check', test: `check-${id}` }, el('h4', {}, t('check-heading')));
  if (!check || check.phase === 'loading') {
    box.append(el('p', {}, t('check-loading')));
    return box;
  }
  if (check.phase === 'failed') {
    const retry = el('button', { test: `check-retry-${id}`, attrs: { type: 'button' } }, t('check-retry'));
    retry.addEventListener('click', () => fetchBundle(id));
    box.append(el('p', { className: 'error', attrs: { role: 'alert' } }, t('check-failed', { reason: check.reason })), retry);
    return box;
  }
  const { bundle, digest } = check;
  const me = (bundle.scrutineers?.panel ?? []).find((p) => p.id === state.identity.scrutineer);
  const onPanel = Boolean(me && me.key === state.identity.key);
  const nodeDigest = sealedDigest(b);
  const sameBallot = bundle.ballot === id;
  const sameResult = sig.sameResult(b.result, bundle.result);
  const digestAgrees = nodeDigest === null || nodeDigest === digest;
  const secret = bundle.spec?.secret ?? bundle.spec?.kind !== 'motion';
  const entries = secret ? t('entries-box', { count: (bundle.box ?? []).length })
    : t('entries-casts', { count: (bundle.casts ?? []).length });
  box.append(
    el('p', {}, t('digest'), el('br'), el('code', { className: 'digest', test: `digest-${id}` }, digest)),
    el('ul', {},
      nodeDigest === null ? null : line(digestAgrees, t(digestAgrees ? 'digest-matches' : 'digest-differs'), `digest-check-${id}`),
      sameBallot ? null : line(false, t('ballot-differs'), `ballot-check-${id}`),
      line(sameResult, t(sameResult ? 'result-matches' : 'result-differs'), `result-check-${id}`),
      line(onPanel, t(onPanel ? 'key-on-panel' : 'key-not-on-panel'), `panel-check-${id}`),
      el('li', { className: 'ok', test: `entries-${id}` }, entries),
      el('li', { className: 'ok' }, t('issued-count', { issued: (bundle.issued ?? []).length,
        present: bundle.attendance?.present ?? '—', members: bundle.attendance?.members ?? '—' }))));
  const download = el('button', { test: `download-${id}`, attrs: { type: 'button' } }, t('download'));
  download.addEventListener('click', () => saveBlob(new Blob([check.text], { type: 'application/json' }), `${id}.bundle.json`));
  box.append(
    el('div', { className: 'actions' }, download),
    el('p', { className: 'hint' }, t('download-hint')),
    el('pre', { className: 'command' }, `votehall verify ${id}.bundle.json --trust NODE.pub`),
    el('p', { className: 'hint' }, t('trust-hint')));
  if (!onPanel || !sameBallot) return box;
  const busy = state.busy.has(id);
  const sign = el('button', { className: 'primary', test: `countersign-${id}`, attrs: { type: 'button' } }, t('countersign'));
  sign.disabled = busy || !sameResult || !digestAgrees || nodeDigest === null;
  sign.addEventListener('click', () => countersignBallot(b));
  const reason = el('textarea', { id: `reason-${id}`, test: `reason-${id}`, attrs: { maxlength: String(sig.REASON_MAX * 2), rows: '3' } });
  reason.value = state.reasons.get(id) ?? '';
  reason.addEventListener('input', () => state.reasons.set(id, reason.value));
  const refuse = el('button', { className: 'warn', test: `refuse-${id}`, attrs: { type: 'button' } }, t('refuse'));
  refuse.disabled = busy;
  refuse.addEventListener('click', () => refuseBallot(b));
  box.append(el('div', { className: 'decide' },
    el('div', {}, sign),
    el('div', {}, el('label', { attrs: { for: `reason-${id}` } }, t('reason')), reason, el('div', { className: 'actions' }, refuse))));
  return box;
}
