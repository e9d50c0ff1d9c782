// The seat terminal: enrolment, a deputy's check-in, and each open ballot from the token to the receipt.
// The page follows the sitting's live feed; what happens to a ballot is decided by its record (voting.js),
// so a reload lands on the same step.
import { watchSitting } from '/common/api.js';
import { errorText, languageButton, onLanguage, t, useMessages } from '/common/i18n.js';
import { messages } from './messages.js';
import * as store from './store.js';
import { call } from './requests.js';
import { hallNow, makeKeyPair, publicKeyText } from './signing.js';
import { keypad } from './keypad.js';
import { castContent, newSheet, problems } from './marks.js';
import { ballotForm, reviewList } from './forms.js';
import * as voting from './voting.js';

const $ = (id) => document.getElementById(id);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Failures worth trying again as they are: the answer was lost, or this node cannot take writes for now.
const TRANSIENT = new Set(['network', 'no-majority', 'ledger-cut', 'internal', 'too-many-requests',
  'signed-before-start', 'bad-signature', 'http-502', 'http-503', 'http-504']);

const state = {
  identity: null, // {keyPair, sitting, terminal, title}
  deputy: null, // {id, name, sitting}
  status: null, // the sitting's latest status
  feed: null,
  specs: new Map(),
  ballot: null, // the ballot on screen: {id, spec, sheet, form}
  receipts: new Map(), // ballot → receipt, in memory only (a secret ballot's is never stored)
  tokens: new Map(), // ballot → 'taking' | 'ready' | 'lost' | reason text
  casting: new Set(),
  notes: new Map(), // ballot → note shown once it closed without a cast
};

// ---- screens ----

function show(screen) {
  for (const section of document.querySelectorAll('main > .screen')) {
    section.classList.toggle('hidden', section.id !== `screen-${screen}`);
  }
  if (state.screen !== screen) {
    state.screen = screen;
    document.querySelector(`#screen-${screen} [tabindex="-1"]`)?.focus();
  }
}

function header() {
  $('sitting-title').textContent = state.status?.title ?? state.identity?.title ?? t('page-title');
  const deputy = state.deputy;
  $('who').textContent = !deputy ? '' : deputy.name === deputy.id ? deputy.id : `${deputy.id} ${deputy.name}`;
  $('staff').textContent = state.identity ? t('terminal-id', { terminal: state.identity.terminal }) : '⚙';
  $('welcome').textContent = state.deputy ? t('welcome', { name: state.deputy.name }) : '';
  if (state.status) {
    $('attendance').textContent = t('attendance', { members: state.status.members, present: state.status.present });
  }
}

// ---- enrolment ----

async function enrol(code) {
  const error = $('enrol-error');
  if (!/^\d{8}$/.test(code)) {
    error.textContent = t('enrol-short');
    return;
  }
  error.textContent = t('enrol-working');
  let keyPair;
  try {
    keyPair = await makeKeyPair();
  } catch {
    error.textContent = t('enrol-no-crypto');
    return;
  }
  try {
    const answer = await call('POST', '/api/enrol', { body: { code, key: await publicKeyText(keyPair) } });
    // A new enrolment starts clean: the old key, deputy and ballots belong to another terminal identity.
    await store.clear();
    state.identity = await store.save('identity',
      { keyPair, sitting: answer.sitting, terminal: answer.terminal, title: answer.title,
        deputyNumbers: answer.deputyNumbers ?? null });
    error.textContent = '';
    $('enrol-code').value = '';
    follow();
    route();
  } catch (failure) {
    error.textContent = errorText(failure.code, failure.message);
    $('enrol-code').value = '';
  }
}

// ---- check-in ----

/**
 * The roster id for what was typed. The keypad has digits only: where the roster writes every number one way
 * (the enrol answer's deputyNumbers, e.g. prefix "d" and 3 digits), a bare number gets that prefix and its
 * leading zeros ("17" → d017); anything else is sent as typed.
 */
function deputyId(typed) {
  const text = typed.trim();
  const numbers = state.identity?.deputyNumbers;
  if (numbers && /^\d+$/.test(text) && text.length <= numbers.digits) {
    return numbers.prefix + text.padStart(numbers.digits, '0');
  }
  return text;
}

async function checkIn() {
  const error = $('check-in-error');
  const deputy = deputyId($('deputy').value);
  const pin = $('pin').value;
  if (!deputy || !pin) {
    error.textContent = t('check-in-missing');
    return;
  }
  error.textContent = t('check-in-working');
  try {
    const answer = await call('POST', `/api/sittings/${encodeURIComponent(state.identity.sitting)}/check-in`,
      { body: { deputy, pin }, identity: state.identity });
    state.deputy = await store.save('deputy',
      { id: deputy, name: answer.deputy?.name ?? deputy, sitting: state.identity.sitting });
    error.textContent = '';
    $('deputy').value = '';
    $('deputy-as').textContent = '';
    route();
  } catch (failure) {
    error.textContent = errorText(failure.code, failure.message);
  } finally {
    $('pin').value = '';
  }
}

/** The deputy is no longer checked in here (the node says so): back to the check-in screen. */
async function deputyGone() {
  await store.remove('deputy');
  state.deputy = null;
  state.ballot = null;
  route();
}

// ---- the sitting ----

function follow() {
  state.feed?.close();
  state.feed = watchSitting(state.identity.sitting, (status) => {
    state.status = status;
    route();
  }, (connection) => {
    $('connection').textContent = t(connection === 'open' ? 'connected' : 'reconnecting');
  });
}

const live = (b) => b.status === 'open';

async function spec(ballot) {
  if (!state.specs.has(ballot)) {
    const answer = await call('GET', `/api/ballots/${encodeURIComponent(ballot)}`);
    state.specs.set(ballot, { ...answer.spec, secret: answer.spec.secret ?? answer.spec.kind !== 'motion' });
  }
  return state.specs.get(ballot);
}

// route() runs on every status (once a second): one run at a time, and one more if asked meanwhile.
let routing = null;
let again = false;

function route() {
  if (routing) {
    again = true;
    return;
  }
  routing = decide().catch((e) => console.error(e)).finally(() => {
    routing = null;
    if (again) {
      again = false;
      route();
    }
  });
}

async function decide() {
  header();
  if (!state.identity) return show('enrol');
  if (!state.deputy) return show('check-in');
  const ballots = state.status?.ballots ?? [];
  for (const b of ballots.filter((b) => live(b) && b.secret)) takeTokenInBackground(b.id);
  if (state.ballot) {
    const now = ballots.find((b) => b.id === state.ballot.id);
    if (now && now.status !== 'open' && now.status !== 'closing') await closed(state.ballot);
  }
  if (!state.ballot || state.screen === 'done' || state.screen === 'waiting') {
    const next = await nextBallot(ballots);
    if (next && next.id !== state.ballot?.id) await openBallot(next.id);
  }
  if (!state.ballot) {
    // A receipt stays on screen after its ballot closes, until the next ballot opens.
    if (state.screen !== 'done') show('waiting');
  } else if (state.screen === 'loading' || state.screen === 'check-in' || state.screen === 'enrol') {
    await openBallot(state.ballot.id);
  }
  countdown();
  tokenState();
}

/** The first open ballot this deputy has not cast; else the one they just cast (to keep its receipt up). */
async function nextBallot(ballots) {
  let cast = null;
  for (const b of ballots.filter(live)) {
    const rec = await voting.record(b.id, state.deputy.id);
    if (rec?.phase !== 'cast') return b;
    cast = b;
  }
  return cast;
}

async function closed(ballot) {
  const rec = await voting.record(ballot.id, state.deputy.id);
  if (rec?.phase === 'casting') return; // the resend goes on: the node may have the cast already
  if (rec?.phase !== 'cast') {
    await voting.forget(ballot.id, state.deputy.id);
    $('waiting-note').textContent = t('closed-not-voted', { title: ballot.spec.title ?? ballot.id });
    $('waiting-note').classList.remove('hidden');
    show('waiting');
  }
  state.ballot = null;
}

/** Shows a ballot at the step its record says: marking, casting (resend), or done. */
async function openBallot(id) {
  const ballotSpec = await spec(id);
  const rec = await voting.record(id, state.deputy.id);
  const sheet = rec?.sheet ?? newSheet(ballotSpec);
  state.ballot = { id, spec: ballotSpec, sheet };
  $('waiting-note').classList.add('hidden');
  if (rec?.phase === 'cast') return done(rec, state.receipts.get(id) ?? rec.receipt);
  if (rec?.phase === 'casting') {
    sendCast(rec); // not awaited: the resend may take a while, and the feed must go on meanwhile
    return;
  }
  drawBallot();
}

function drawBallot() {
  const { spec: ballotSpec, sheet } = state.ballot;
  $('ballot-title').textContent = ballotSpec.title ?? ballotSpec.id;
  $('ballot-kind').textContent = `${t(`kind-${ballotSpec.kind}`)} · ${t(ballotSpec.secret ? 'secret' : 'recorded')}`;
  $('ballot-message').textContent = '';
  const id = state.ballot.id;
  const form = ballotForm(ballotSpec, sheet, () => voting.keepDraft(id, state.deputy.id, sheet),
    (text) => ($('ballot-message').textContent = text));
  state.ballot.form = form;
  const holder = $('ballot-form');
  const fresh = holder.dataset.ballot !== id;
  holder.dataset.ballot = id;
  holder.replaceChildren(form.element);
  show('ballot');
  // A new paper starts at its top (a hidden box cannot be scrolled, so only now it is shown); the same
  // paper drawn again (language, back from review) stays where the deputy was.
  if (fresh) holder.scrollTop = 0;
  tokenState();
}

function review() {
  const { spec: ballotSpec, sheet } = state.ballot;
  const found = problems(ballotSpec, sheet);
  if (found.length > 0) {
    $('ballot-message').textContent = found.map((p) => t(`problem-${p.reason}`, { name: p.name })).join(' ');
    return;
  }
  $('review-list').replaceChildren(...reviewList(ballotSpec, sheet));
  $('review-message').textContent = '';
  show('review');
  tokenState();
}

async function confirm() {
  const { spec: ballotSpec, sheet } = state.ballot;
  if (ballotSpec.secret && state.tokens.get(ballotSpec.id) !== 'ready') return;
  $('confirm').disabled = true;
  try {
    const rec = await voting.prepareCast(state.identity, state.deputy.id, ballotSpec, castContent(ballotSpec, sheet));
    await sendCast(rec);
  } finally {
    $('confirm').disabled = false;
  }
}

/** Sends the written-down cast until the node answers; a lost answer is resent as it is. */
async function sendCast(rec) {
  if (state.casting.has(rec.ballot)) return;
  state.casting.add(rec.ballot);
  show('casting');
  $('casting-message').textContent = '';
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await voting.sendCast(state.identity, rec);
        state.receipts.set(rec.ballot, answer.receipt);
        return done(rec, answer.receipt);
      } catch (failure) {
        if (failure.code === 'already-voted') {
          await voting.markCast(rec);
          return done(rec, null);
        }
        if (failure.code === 'not-checked-in') return deputyGone();
        if (failure.code === 'malformed' || failure.code === 'invalid-request' || failure.code === 'not-issued') {
          await voting.withdrawCast(rec);
          await openBallot(rec.ballot);
          $('ballot-message').textContent = errorText(failure.code, failure.message);
          return;
        }
        if (failure.code === 'not-open') {
          await voting.forget(rec.ballot, rec.deputy);
          state.ballot = null;
          $('waiting-note').textContent = errorText('not-open');
          $('waiting-note').classList.remove('hidden');
          return show('waiting');
        }
        const reason = errorText(failure.code, failure.message);
        $('casting-message').textContent = t('cast-retrying', { reason });
        if (!TRANSIENT.has(failure.code) && attempt >= 5) return;
        await wait(Math.min(5000, 500 * attempt));
      }
    }
  } finally {
    state.casting.delete(rec.ballot);
  }
}

function done(rec, receipt) {
  const ballotSpec = state.specs.get(rec.ballot);
  $('done-ballot').textContent = ballotSpec?.title ?? rec.ballot;
  $('receipt-box').classList.toggle('hidden', !receipt);
  $('receipt-gone').classList.toggle('hidden', Boolean(receipt));
  $('secret-note').classList.toggle('hidden', !ballotSpec?.secret);
  if (receipt) $('receipt-code').textContent = voting.receiptCode(receipt);
  show('done');
}

// ---- secret ballots: the token is taken at the open, before the deputy marks anything ----

function takeTokenInBackground(ballot) {
  const now = state.tokens.get(ballot);
  if (now === 'taking' || now === 'ready' || now === 'lost') return;
  state.tokens.set(ballot, 'taking');
  const deputy = state.deputy.id;
  (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        const rec = await voting.takeToken(state.identity, deputy, ballot);
        state.tokens.set(ballot, rec.phase === 'marking' ? 'taking' : 'ready');
        break;
      } catch (failure) {
        if (failure.code === 'already-issued') {
          state.tokens.set(ballot, 'lost');
          break;
        }
        if (failure.code === 'not-checked-in') {
          state.tokens.delete(ballot);
          deputyGone();
          return;
        }
        const status = state.status?.ballots.find((b) => b.id === ballot);
        if (failure.code === 'not-open' || !status || !live(status) || state.deputy?.id !== deputy) {
          state.tokens.delete(ballot);
          return;
        }
        state.tokens.set(ballot, errorText(failure.code, failure.message));
        tokenState();
        await wait(Math.min(5000, 1000 * attempt));
        state.tokens.set(ballot, 'taking');
      }
    }
    tokenState();
  })();
}

function tokenState() {
  const line = $('token-state');
  const ballot = state.ballot;
  if (!ballot || !ballot.spec.secret) {
    line.textContent = '';
    $('to-review').disabled = false;
    $('confirm').disabled = false;
    return;
  }
  const token = state.tokens.get(ballot.id) ?? 'taking';
  const ready = token === 'ready';
  line.textContent = ready ? t('token-ready') : token === 'taking' ? t('token-fetching')
    : token === 'lost' ? t('issue-lost') : t('token-retrying', { reason: token });
  line.classList.toggle('error', token === 'lost');
  $('confirm').disabled = !ready;
}

// ---- countdown ----

function countdown() {
  const box = $('countdown');
  const status = state.ballot && state.status?.ballots.find((b) => b.id === state.ballot.id);
  const closesAt = status?.closesAt ?? 0;
  if (!closesAt || !live(status)) {
    box.classList.add('hidden');
    return;
  }
  const left = Math.max(0, Math.ceil((closesAt * 1000 - hallNow()) / 1000));
  const time = `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`;
  box.textContent = t('countdown', { time });
  box.classList.toggle('urgent', left <= 30);
  box.classList.remove('hidden');
}

// ---- staff: enrolling again (long press, or five taps, on the terminal's name) ----

function staffControls() {
  const dialog = $('staff-dialog');
  const button = $('staff');
  let pressTimer = null;
  let taps = [];
  button.addEventListener('pointerdown', () => (pressTimer = setTimeout(() => dialog.showModal(), 2000)));
  for (const end of ['pointerup', 'pointerleave', 'pointercancel']) {
    button.addEventListener(end, () => clearTimeout(pressTimer));
  }
  button.addEventListener('click', () => {
    const now = Date.now();
    taps = [...taps.filter((at) => now - at < 3000), now];
    if (taps.length >= 5) {
      taps = [];
      dialog.showModal();
    }
  });
  $('staff-cancel').addEventListener('click', () => dialog.close());
  $('staff-re-enrol').addEventListener('click', async () => {
    await store.clear();
    location.reload();
  });
}

// ---- start ----

async function start() {
  useMessages(messages);
  languageButton($('language'));
  onLanguage(() => {
    header();
    if (state.screen === 'ballot') drawBallot();
    else if (state.screen === 'review') review();
    tokenState();
  });
  keypad($('enrol-keypad'), [$('enrol-code')], () => enrol($('enrol-code').value.trim()));
  keypad($('check-in-keypad'), [$('deputy'), $('pin')], (field) => {
    if (field.id === 'deputy' && !$('pin').value) $('pin').focus();
    else checkIn();
  });
  $('deputy').addEventListener('input', () => {
    const id = deputyId($('deputy').value);
    $('deputy-as').textContent = id ? t('deputy-as', { id }) : '';
  });
  $('to-review').addEventListener('click', review);
  $('review-back').addEventListener('click', () => {
    drawBallot();
  });
  $('confirm').addEventListener('click', confirm);
  staffControls();
  setInterval(countdown, 1000);

  state.identity = (await store.load('identity')) ?? null;
  state.deputy = (await store.load('deputy')) ?? null;
  if (state.deputy && state.deputy.sitting !== state.identity?.sitting) state.deputy = null;
  if (state.identity) follow();
  route();
}

start();
