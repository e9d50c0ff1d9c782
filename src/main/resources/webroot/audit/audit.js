// The audit page: a sitting's ballots, a public receipt lookup for deputies, each sealed result's
// bundle digest with the scrutineers' countersignatures (public too), and for a signed-in
// auditor the result bundles, how to verify them, and the nodes' signed checkpoints. Each part's
// work is in its own module; this file only wires them to the page.
import { useMessages, t, errorText, languageButton, onLanguage, language } from '/common/i18n.js';
import { messages } from './messages.js';
import { el } from '/common/dom.js';
import { sittingInAddress, rememberSitting, loadStatus, countedBallots } from './sitting.js';
import { loadSittings, sittingChoices } from './sitting-list.js';
import { normaliseReceipt, lookUp } from './receipt.js';
import { currentSession, signIn, signOut } from './session.js';
import { bundleTable, downloadBundle, verifyCommand, verifyScrutineersCommand } from './bundles.js';
import { sealedBallots, loadDigests, digestList } from './digests.js';
import { fetchCheckpoints, checkpointTable, readAt } from './checkpoints.js';
import { saveBlob } from './download.js';

const $ = (id) => document.getElementById(id);
const page = { sitting: sittingInAddress(), sittings: null, status: null, session: currentSession(), checkpoints: null,
  receipt: null, digests: null };

useMessages(messages);
languageButton($('language'));
onLanguage(() => {
  renderSittingList();
  renderSitting();
  renderReceiptAnswer();
  renderDigests();
  renderAuditor();
});

function failureText(failure) {
  return errorText(failure?.code ?? 'internal', failure?.message);
}

// --- the sitting -------------------------------------------------------------------------------

$('sitting-id').value = page.sitting;
$('sitting-form').addEventListener('submit', (event) => {
  event.preventDefault();
  chooseSitting($('sitting-id').value.trim());
});

function chooseSitting(id) {
  forgetDigests();
  page.sitting = id;
  $('sitting-id').value = id;
  rememberSitting(id);
  readSitting();
}

async function readSittingList() {
  try {
    page.sittings = await loadSittings();
    page.sittingsError = null;
  } catch (failure) {
    page.sittingsError = failure;
  }
  renderSittingList();
}

function renderSittingList() {
  const place = $('sitting-list');
  // Rebuilt when the language or the sitting shown changes: the keyboard stays on the same sitting.
  const focused = place.contains(document.activeElement) ? document.activeElement.dataset.sitting : null;
  if (page.sittingsError) {
    const retry = el('button', { attrs: { type: 'button' } }, t('refresh'));
    retry.addEventListener('click', readSittingList);
    place.replaceChildren(el('p', { className: 'error' }, failureText(page.sittingsError)), retry);
  } else if (page.sittings) {
    place.replaceChildren(sittingChoices(page.sittings, page.sitting, chooseSitting));
  } else {
    place.replaceChildren(el('p', { className: 'empty' }, t('sittings.loading')));
  }
  if (focused) place.querySelector(`[data-sitting="${CSS.escape(focused)}"]`)?.focus();
}

async function readSitting() {
  renderSittingList();
  page.status = null;
  if (!page.sitting) {
    setState('sitting-state', t('sitting.none'));
    renderSitting();
    return;
  }
  setState('sitting-state', t('sitting.loading'));
  try {
    page.status = await loadStatus(page.sitting);
    page.statusError = null;
  } catch (failure) {
    page.statusError = failure;
  }
  renderSitting();
  readDigests();
}

function renderSitting() {
  if (page.statusError) {
    setState('sitting-state', page.statusError.code === 'unknown'
      ? t('sitting.unknown', { sitting: page.sitting }) : failureText(page.statusError), true);
  } else if (page.status) {
    setState('sitting-state', t('sitting.loaded', { title: page.status.title ?? page.sitting }));
  } else if (!page.sitting) {
    setState('sitting-state', t('sitting.none'));
  }
  renderBallotChoice();
  renderBundles();
  renderDigests();
}

function setState(id, text, error = false) {
  $(id).textContent = text;
  $(id).classList.toggle('error', error);
}

// --- receipt lookup (public) --------------------------------------------------------------------

// A terminal may link here with the ballot and the receipt filled in (?ballot=…&receipt=…): the
// deputy then only has to press 查询, or the page asks at once when the link says both.
const asked = new URLSearchParams(location.search);
$('receipt-code').value = asked.get('receipt') ?? '';
let askedBallot = asked.get('ballot');

function renderBallotChoice() {
  const select = $('receipt-ballot');
  const chosen = askedBallot ?? select.value;
  const announced = (page.status?.ballots ?? []).filter((b) => b.status === 'announced');
  select.replaceChildren(...announced.map((b) => el('option', { attrs: { value: b.id } }, `${b.title ?? b.id}（${b.id}）`)));
  if (announced.some((b) => b.id === chosen)) select.value = chosen;
  select.disabled = announced.length === 0;
  $('receipt-form').querySelector('button').disabled = announced.length === 0;
  if (page.status && announced.length === 0 && !page.receipt) showReceiptAnswer('info', t('receipt.noBallots'), '');
  if (page.status && askedBallot) {
    const ready = announced.some((b) => b.id === askedBallot) && normaliseReceipt($('receipt-code').value);
    askedBallot = null;
    if (ready) $('receipt-form').requestSubmit();
  }
}

$('receipt-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const hex = normaliseReceipt($('receipt-code').value);
  if (!hex) {
    page.receipt = { verdict: 'bad-code' };
    renderReceiptAnswer();
    $('receipt-code').focus();
    return;
  }
  const button = event.submitter ?? $('receipt-form').querySelector('button');
  button.disabled = true;
  showReceiptAnswer('info', t('receipt.checking'), '');
  try {
    page.receipt = await lookUp($('receipt-ballot').value, hex);
  } catch (failure) {
    page.receipt = { verdict: 'error', failure };
  } finally {
    button.disabled = false;
  }
  renderReceiptAnswer();
});

function renderReceiptAnswer() {
  const r = page.receipt;
  if (!r) return;
  if (r.verdict === 'found') showReceiptAnswer('found', t('receipt.found'), t('receipt.foundDetail', { receipt: r.receipt ?? '' }));
  else if (r.verdict === 'not-found') showReceiptAnswer('not-found', t('receipt.notFound'), t('receipt.notFoundDetail'));
  else if (r.verdict === 'not-announced') showReceiptAnswer('not-announced', t('receipt.notAnnounced'), t('receipt.notAnnouncedDetail'));
  else if (r.verdict === 'bad-code') showReceiptAnswer('bad-code', t('receipt.badCode'), '');
  else showReceiptAnswer('error', failureText(r.failure), '');
}

function showReceiptAnswer(kind, title, detail) {
  const answer = $('receipt-answer');
  answer.className = `answer answer-${kind}`;
  answer.dataset.verdict = kind;
  answer.querySelector('.answer-title').textContent = title;
  answer.querySelector('.answer-detail').textContent = detail;
  // On a small screen the answer falls below the form: bring it up to where the deputy looks.
  if (kind !== 'info') answer.scrollIntoView({ block: 'nearest' });
}

// --- bundle digests and countersignatures (public) -----------------------------------------------

// Answers about a sitting no longer shown (the reader chose another meanwhile) are dropped.
let digestsAsked = 0;

function forgetDigests() {
  digestsAsked += 1;
  page.digests = null;
}

/** Read again on a refresh, the list shown stays until the new answers are in. */
async function readDigests() {
  const asking = ++digestsAsked;
  if (!page.status) {
    renderDigests();
    return;
  }
  setState('digests-state', t('digests.loading'));
  const items = await loadDigests(sealedBallots(page.status));
  if (asking !== digestsAsked) return;
  page.digests = items;
  page.digestsAt = new Date();
  renderDigests();
}

function renderDigests() {
  $('digests-card').classList.toggle('hidden', !page.status);
  if (!page.status) return;
  if (!page.digests) {
    $('digests').replaceChildren();
    return;
  }
  $('digests').replaceChildren(digestList(page.digests));
  setState('digests-state', t('digests.readAt', { time: page.digestsAt.toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) }));
}

$('digests-refresh').addEventListener('click', readSitting);

// --- the auditor ------------------------------------------------------------------------------

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    page.session = await signIn($('login-name').value.trim(), $('login-password').value);
    $('login-password').value = '';
    renderAuditor();
    readCheckpoints();
  } catch (failure) {
    $('login-error').textContent = failure.code === 'not-auditor' ? t('login.notAuditor') : failureText(failure);
  }
});

$('logout').addEventListener('click', () => {
  signOut();
  page.session = null;
  page.checkpoints = null;
  renderAuditor();
  $('login-name').focus();
});

/** A refused token (expired, or the node restarted with other keys) signs the auditor out. */
function whenRefused(failure) {
  if (failure.code === 'unauthenticated' || failure.status === 401) {
    signOut();
    page.session = null;
    renderAuditor();
    $('login-error').textContent = failureText(failure);
    return true;
  }
  return false;
}

function renderAuditor() {
  const signedIn = page.session !== null;
  $('auditor').classList.toggle('hidden', !signedIn);
  $('login-card').classList.toggle('hidden', signedIn);
  if (!signedIn) return;
  $('signed-in-as').textContent = t('login.as', { name: page.session.name });
  renderBundles();
  renderCheckpoints();
}

function renderBundles() {
  if (!page.session) return;
  const ballots = page.status ? countedBallots(page.status) : [];
  $('bundles').replaceChildren(page.status ? bundleTable(ballots, onDownload) : el('p', { className: 'empty' }, t('sitting.none')));
  $('verify-command').textContent = verifyCommand(ballots[0]?.id);
  $('verify-scrutineers-command').textContent = verifyScrutineersCommand(ballots[0]?.id);
}

async function onDownload(ballot, button) {
  button.disabled = true;
  setState('bundles-state', t('bundles.downloading'));
  try {
    const saved = await downloadBundle(ballot, page.session.token);
    setState('bundles-state', t('bundles.saved', saved));
    $('verify-command').textContent = verifyCommand(ballot);
    $('verify-scrutineers-command').textContent = verifyScrutineersCommand(ballot);
  } catch (failure) {
    if (!whenRefused(failure)) setState('bundles-state', failureText(failure), true);
  } finally {
    button.disabled = false;
  }
}

async function readCheckpoints() {
  if (!page.session) return;
  setState('checkpoints-state', t('checkpoints.loading'));
  try {
    page.checkpoints = await fetchCheckpoints(page.session.token);
    page.checkpoints.at = new Date();
    page.checkpointsError = null;
  } catch (failure) {
    if (whenRefused(failure)) return;
    page.checkpoints = null;
    page.checkpointsError = failure;
  }
  renderCheckpoints();
}

function renderCheckpoints() {
  const download = $('checkpoints-download');
  download.disabled = !page.checkpoints;
  if (page.checkpoints) {
    $('checkpoints').replaceChildren(checkpointTable(page.checkpoints.answer));
    setState('checkpoints-state', readAt(page.checkpoints.at));
  } else if (page.checkpointsError) {
    $('checkpoints').replaceChildren();
    const missing = page.checkpointsError.code === 'not-found';
    setState('checkpoints-state', missing ? t('checkpoints.unavailable') : failureText(page.checkpointsError), !missing);
  }
}

$('checkpoints-refresh').addEventListener('click', readCheckpoints);
$('checkpoints-download').addEventListener('click', () => {
  if (!page.checkpoints) return;
  saveBlob(new Blob([page.checkpoints.text], { type: 'application/json' }), 'checkpoints.json');
});

readSittingList();
readSitting();
renderAuditor();
if (page.session) readCheckpoints();
