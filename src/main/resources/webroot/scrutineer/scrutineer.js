// The scrutineer page (docs/scrutineers.md): a scrutineer enrols a key of their own — made here, non-
// extractable, or kept offline and only its public half enrolled — then, for each sealed result of the
// sitting, checks the figures, the bundle digest (computed here from the bundle the node serves) and the
// bundle itself, and countersigns or refuses with a reason. The page follows the sitting's live feed.
import { watchSitting } from '/common/api.js';
import { byId, el } from '/common/dom.js';
import { language, languageButton, onLanguage, t, useMessages } from '/common/i18n.js';
import { call } from '/terminal/requests.js';
import { announcementText, resultView } from '../clerk/result.js';
import { saveBlob } from '../audit/download.js';
import { messages } from './messages.js';
import * as store from './store.js';
import * as sig from './countersign.js';
import { drawWith, forgetAll, sealedDigest, state, touch } from './state.js';
import { ask, failureText } from './notify.js';
import { ballotPath, signedText } from './requests.js';
import { setUpEnrolment } from './enrolment.js';

const $ = byId;

// ---- screens ----

function show(screen) {
  for (const section of document.querySelectorAll('main > .screen')) {
    section.classList.toggle('hidden', section.id !== `screen-${screen}`);
  }
}

function header() {
  $('sitting-title').textContent = state.status?.title ?? state.identity?.title ?? '';
  const id = state.identity;
  if (!id) return;
  $('identity-name').textContent = id.name;
  $('identity-id').textContent = id.scrutineer;
  $('identity-fingerprint').textContent = id.fingerprint;
  $('identity-custody').textContent = t(id.keyPair ? 'custody-device' : 'custody-offline');
  $('offline-note').classList.toggle('hidden', Boolean(id.keyPair));
}

// ---- enrolment ----

function forget() {
  forgetAll();
  $('ballots').replaceChildren();
  $('other-ballots').replaceChildren();
}

async function reEnrol() {
  const yes = await ask(t('re-enrol-title'), [t('re-enrol-body')], t('re-enrol-ok'));
  if (!yes) return;
  await store.clear();
  forget();
  header();
  show('enrol');
}

// ---- the sitting ----

function started() {
  const identity = state.identity;
  forget();
  state.identity = identity;
  show('enrolled');
  header();
  render();
  follow();
}

function follow() {
  state.feed?.close();
  state.feed = watchSitting(state.identity.sitting, (status) => {
    state.status = status;
    header();
    render();
  }, (connection) => {
    $('connection').textContent = t(connection === 'open' ? 'connected' : 'reconnecting');
    $('connection').classList.toggle('lost', connection !== 'open');
  });
}

/** The ballots with a countersigning, each on its card; the others in a line each. */
function render() {
  if (!state.identity) return;
  const ballots = state.status?.ballots ?? [];
  const sealed = ballots.filter((b) => b.countersign);
  $('no-ballots').classList.toggle('hidden', sealed.length > 0 || !state.status);
  const holder = $('ballots');
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
    $('other-ballots').replaceChildren(...others.map((b) => el('li', { test: `other-${b.id}` },
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

async function fetchBundle(ballot) {
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

// ---- a sealed ballot's card ----

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

function line(ok, text, test) {
  return el('li', { className: ok ? 'ok' : 'bad', test }, text);
}

/** What the page checked of the sealed bundle, and the two decisions. */
function checkPart(b) {
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

function resultSummary(result) {
  return result ? announcementText(result) : t('no-result');
}

async function countersignBallot(b) {
  const id = b.id;
  const check = state.checks.get(id);
  if (check?.phase !== 'ready' || state.busy.has(id)) return;
  const yes = await ask(t('confirm-sign-title'), [
    t('confirm-sign-body'),
    el('p', { className: 'mine' }, t('confirm-ballot', { title: b.title ?? id, id })),
    el('div', { className: 'result' }, resultView(check.bundle.result)),
    el('p', { className: 'mono' }, t('confirm-digest', { digest: check.digest })),
    t('confirm-sign-after'),
  ], t('confirm-sign-ok'));
  if (!yes) return;
  await decide(id, async () => {
    const body = await sig.countersignature(state.identity.keyPair, {
      ballot: id, digest: check.digest, result: check.bundle.result, scrutineer: state.identity.scrutineer });
    return { answer: await call('POST', ballotPath(id, '/countersignatures'), { body }), said: t('signed-now') };
  });
}

async function refuseBallot(b) {
  const id = b.id;
  const check = state.checks.get(id);
  if (check?.phase !== 'ready' || state.busy.has(id)) return;
  const reason = (state.reasons.get(id) ?? '').trim();
  const problem = sig.reasonProblem(reason);
  if (problem) {
    state.said.set(id, { text: t(problem), kind: 'error' });
    touch(id);
    return;
  }
  const yes = await ask(t('confirm-refuse-title'), [
    t('confirm-refuse-body'),
    el('p', { className: 'mine' }, t('confirm-ballot', { title: b.title ?? id, id })),
    resultSummary(check.bundle.result),
    el('p', { className: 'mono' }, t('confirm-digest', { digest: check.digest })),
    t('confirm-reason', { reason }),
  ], t('confirm-refuse-ok'));
  if (!yes) return;
  await decide(id, async () => {
    const body = await sig.refusal(state.identity.keyPair, {
      ballot: id, digest: check.digest, reason, scrutineer: state.identity.scrutineer });
    return { answer: await call('POST', ballotPath(id, '/refusals'), { body }), said: t('refused-now') };
  });
}

/** Sends a countersignature or refusal; the node answers the ballot's countersigning. */
async function decide(id, send) {
  state.busy.add(id);
  state.said.set(id, { text: t('working'), kind: 'working' });
  touch(id);
  try {
    const { answer, said } = await send();
    state.panels.set(id, answer);
    state.said.set(id, { text: said, kind: 'done' });
  } catch (failure) {
    state.said.set(id, { text: failureText(failure), kind: 'error' });
  } finally {
    state.busy.delete(id);
    touch(id);
  }
}

// ---- an offline key: the commands, a bundle file to check, the signature file to upload ----

function offlinePart(b) {
  const id = b.id;
  const me = state.identity.scrutineer;
  const bundleFile = `${id}.bundle.json`;
  const key = `${me}.key`;
  const nodeDigest = sealedDigest(b);
  const box = el('section', { className: 'check offline', test: `offline-${id}` }, el('h4', {}, t('offline-heading')));
  if (nodeDigest) {
    box.append(el('p', {}, t('node-digest'), el('br'), el('code', { className: 'digest', test: `node-digest-${id}` }, nodeDigest)));
  }
  box.append(el('p', {}, t('offline-get-bundle', { file: bundleFile })));
  const load = el('input', { test: `bundle-file-${id}`, id: `bundle-file-${id}`, attrs: { type: 'file', accept: '.json,application/json' } });
  load.addEventListener('change', () => loadBundleFile(b, load.files?.[0]));
  box.append(el('label', { attrs: { for: `bundle-file-${id}` } }, t('offline-load-bundle')), load);
  const loaded = state.offline.get(id);
  if (loaded?.error) box.append(el('p', { className: 'error', attrs: { role: 'alert' } }, loaded.error));
  if (loaded?.bundle) {
    const agrees = nodeDigest === null || loaded.digest === nodeDigest;
    const sameResult = sig.sameResult(b.result, loaded.bundle.result);
    box.append(
      el('p', {}, t('digest'), el('br'), el('code', { className: 'digest', test: `digest-${id}` }, loaded.digest)),
      el('ul', {},
        nodeDigest === null ? null : line(agrees, t(agrees ? 'digest-matches' : 'digest-differs'), `digest-check-${id}`),
        line(sameResult, t(sameResult ? 'result-matches' : 'result-differs'), `result-check-${id}`)));
  }
  const trust = '--trust NODE.pub';
  box.append(
    el('p', {}, t('offline-sign-online')),
    el('pre', { className: 'command', test: `command-node-${id}` },
      `votehall countersign ${bundleFile} --key ${key} ${trust} --node ${location.origin}`),
    el('p', {}, t('offline-sign-file')),
    el('pre', { className: 'command', test: `command-out-${id}` },
      `votehall countersign ${bundleFile} --key ${key} ${trust} --out ${id}.countersignature.json`),
    el('p', {}, t('offline-refuse-file')),
    el('pre', { className: 'command' },
      `votehall countersign ${bundleFile} --key ${key} ${trust} --refuse "…" --out ${id}.refusal.json`),
    el('p', { className: 'hint' }, t('trust-hint')));
  const upload = el('input', { test: `upload-${id}`, id: `upload-${id}`, attrs: { type: 'file', accept: '.json,application/json' } });
  upload.disabled = state.busy.has(id);
  upload.addEventListener('change', () => uploadSignature(id, upload.files?.[0]));
  box.append(el('label', { attrs: { for: `upload-${id}` } }, t('offline-upload', { file: `${id}.countersignature.json` })), upload);
  return box;
}

async function loadBundleFile(b, file) {
  if (!file) return;
  try {
    const bundle = sig.readBundle(await file.text());
    if (bundle.ballot !== b.id) {
      state.offline.set(b.id, { error: t('offline-bundle-other', { id: bundle.ballot }) });
    } else {
      state.offline.set(b.id, { bundle, digest: await sig.bundleDigest(bundle) });
    }
  } catch (failure) {
    state.offline.set(b.id, { error: failureText(failure) });
  }
  touch(b.id);
}

/** The file `votehall countersign --out` wrote, sent as it is: a refusal if it has a reason. */
async function uploadSignature(id, file) {
  if (!file || state.busy.has(id)) return;
  let text;
  let body;
  try {
    text = await file.text();
    body = JSON.parse(text);
  } catch {
    state.said.set(id, { text: t('offline-upload-unreadable'), kind: 'error' });
    touch(id);
    return;
  }
  if (!body || typeof body !== 'object' || typeof body.signature !== 'string' || typeof body.scrutineer !== 'string') {
    state.said.set(id, { text: t('offline-upload-unreadable'), kind: 'error' });
    touch(id);
    return;
  }
  if (body.scrutineer !== state.identity.scrutineer) {
    state.said.set(id, { text: t('offline-upload-foreign', { id: body.scrutineer }), kind: 'error' });
    touch(id);
    return;
  }
  const refusing = typeof body.reason === 'string';
  await decide(id, async () => ({
    answer: await call('POST', ballotPath(id, refusing ? '/refusals' : '/countersignatures'), { body: text }),
    said: t(refusing ? 'refused-now' : 'signed-now'),
  }));
}

// ---- start ----

async function start() {
  drawWith(render);
  useMessages(messages);
  languageButton($('language'));
  onLanguage(() => {
    header();
    render();
  });
  setUpEnrolment(started);
  $('re-enrol').addEventListener('click', () => reEnrol().catch((e) => console.error(e)));
  try {
    state.identity = (await store.load('identity')) ?? null;
  } catch (e) {
    console.error(e);
  }
  if (!state.identity) {
    show('enrol');
    return;
  }
  started();
}

start();
