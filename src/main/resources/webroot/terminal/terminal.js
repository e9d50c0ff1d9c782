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

// A secret ballot's receipt code stays on screen this long, then only 已投票 (whoever sits down next must
// not read it).
const SECRET_RECEIPT_SECONDS = 60;
// Sends of a cast before the page stops and offers a retry button instead of "casting" for ever.
const CAST_ATTEMPTS = 8;

const state = {
  identity: null, // {keyPair, sitting, terminal, title}
  deputy: null, // {id, name, sitting}
  status: null, // the sitting's latest status
  feed: null,
  specs: new Map(),
  ballot: null, // the ballot on screen: {id, spec, sheet, form}
  // Everything below is per ballot AND deputy (see mine()): a tablet is shared, one deputy after another.
  receipts: new Map(), // recorded ballots' receipts only (a secret ballot's is never kept)
  tokens: new Map(), // 'taking' | 'ready' | 'lost' | 'foreign' | reason text
  casting: new Set(),
  swept: '', // the open ballots and deputy the store was last swept for
};

/** The key of a ballot for the deputy at the tablet (or another deputy). */
const mine = (ballot, deputy = state.deputy?.id) => `${ballot}\u0000${deputy}`;

/** What a failure says to the deputy: the API's words for its code, never a raw exception text. */
function failureText(failure) {
  if (failure?.code === 'foreign-blind-key') return t('blind-key-foreign');
  if (failure?.code === 'no-token') return t('no-token');
  if (failure?.code) return errorText(failure.code, failure.message);
  return t('unexpected');
}

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
    forgetDeputyState();
    state.identity = await store.save('identity',
      { keyPair, sitting: answer.sitting, terminal: answer.terminal, title: answer.title,
        deputyNumbers: answer.deputyNumbers ?? null });
    error.textContent = '';
    $('enrol-code').value = '';
    deputyKeyboard();
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
  if (!numbers || !/^\d+$/.test(text)) return text;
  const digits = Number(numbers.digits) || 0;
  // digits 0: the roster's numbers are the prefix and digits without leading zeros (d1 … d60).
  if (digits === 0) return (numbers.prefix ?? '') + text.replace(/^0+(?=\d)/, '');
  if (text.length <= digits) return (numbers.prefix ?? '') + text.padStart(digits, '0');
  return text;
}

/**
 * Where the roster writes its numbers in no one way (deputyNumbers null), a digit pad cannot type them: the
 * field then takes the system keyboard.
 */
function deputyKeyboard() {
  $('deputy').inputMode = state.identity?.deputyNumbers ? 'none' : 'text';
}

/** Forgets everything the tablet holds for the deputy who sat here: a new one starts from nothing. */
function forgetDeputyState() {
  state.tokens.clear();
  state.receipts.clear();
  state.ballot = null;
  state.swept = '';
  voting.dropDrafts();
  hideReceipt();
  $('waiting-note').classList.add('hidden');
  $('ballot-form').replaceChildren();
  delete $('ballot-form').dataset.ballot;
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
    forgetDeputyState();
    state.deputy = await store.save('deputy',
      { id: deputy, name: answer.deputy?.name ?? deputy, sitting: state.identity.sitting });
    // Records another deputy left on this tablet go now.
    await voting.sweep(openBallots(), deputy).catch((e) => console.error(e));
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
  forgetDeputyState();
  state.deputy = null;
  try {
    await store.remove('deputy');
    await voting.sweep(openBallots(), null);
  } catch (e) {
    console.error(e);
  }
  route();
}

/**
 * 实到 dropped: is this tablet's deputy still checked in here? The clerk may have checked them out (中途退场),
 * which the tablet would otherwise learn only at its next signed request. A failed check waits for the next.
 */
async function checkSeat() {
  const seated = state.deputy;
  try {
    const answer = await call('GET', `/api/sittings/${encodeURIComponent(state.identity.sitting)}/seat`,
      { identity: state.identity });
    if (state.deputy === seated && answer.deputy?.id !== seated.id) await deputyGone();
  } catch (e) {
    console.error(e);
  }
}

/** The ids of the ballots open or closing now (null before the first status). */
function openBallots() {
  if (!state.status) return null;
  return new Set((state.status.ballots ?? []).filter((b) => b.status === 'open' || b.status === 'closing')
    .map((b) => b.id));
}

/** Sweeps the store when the open ballots or the deputy changed. */
async function sweepIfChanged() {
  const open = openBallots();
  if (!open) return;
  const now = `${[...open].sort().join(',')}|${state.deputy?.id ?? ''}`;
  if (now === state.swept) return;
  state.swept = now;
  await voting.sweep(open, state.deputy?.id ?? null);
}

// ---- the sitting ----

function follow() {
  state.feed?.close();
  state.feed = watchSitting(state.identity.sitting, (status) => {
    const dropped = state.status && status.present < state.status.present;
    state.status = status;
    if (dropped && state.deputy) checkSeat();
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
  routing = decide().catch((e) => {
    console.error(e);
    $('connection').textContent = failureText(e);
  }).finally(() => {
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
  await sweepIfChanged();
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
    // 已投票 stays on screen after its ballot closes, until the next ballot opens (a secret receipt code hides
    // by itself after a minute).
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
    if (rec?.phase !== 'cast' && rec?.phase !== 'unsure') return b;
    cast = b;
  }
  return cast;
}

async function closed(ballot) {
  const rec = await voting.record(ballot.id, state.deputy.id);
  if (rec?.phase === 'casting') return; // the resend goes on: the node may have the cast already
  if (rec?.phase !== 'cast' && rec?.phase !== 'unsure') {
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
  const sheet = voting.draft(id, state.deputy.id, ballotSpec.secret, rec) ?? newSheet(ballotSpec);
  state.ballot = { id, spec: ballotSpec, sheet };
  $('waiting-note').classList.add('hidden');
  if (rec?.phase === 'cast') {
    return done(rec, ballotSpec.secret ? null : state.receipts.get(mine(id)) ?? rec.receipt,
      { mismatch: rec.mismatch });
  }
  if (rec?.phase === 'unsure') return done(rec, ballotSpec.secret ? null : rec.receipt, { unsure: true });
  if (rec?.phase === 'casting') {
    sendCast(rec, true); // not awaited: the resend may take a while, and the feed must go on meanwhile
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
  const deputy = state.deputy.id;
  const form = ballotForm(ballotSpec, sheet,
    () => voting.keepDraft(id, deputy, sheet, ballotSpec.secret).catch((e) => console.error(e)),
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
  if (!state.ballot || !state.deputy) return;
  const { spec: ballotSpec, sheet } = state.ballot;
  if (ballotSpec.secret && state.tokens.get(mine(ballotSpec.id)) !== 'ready') {
    $('review-message').textContent = t('no-token');
    return;
  }
  $('confirm').disabled = true;
  let rec;
  try {
    rec = await voting.prepareCast(state.identity, state.deputy.id, ballotSpec, castContent(ballotSpec, sheet));
  } catch (failure) {
    console.error(failure);
    $('review-message').textContent = failureText(failure);
    $('confirm').disabled = false;
    return;
  }
  try {
    await sendCast(rec, false);
  } finally {
    $('confirm').disabled = false;
  }
}

/**
 * Sends the written-down cast until the node answers; a lost answer is resent as it is. resend: the cast may
 * have reached the node before (it was written down before a reload).
 */
async function sendCast(rec, resend) {
  const key = mine(rec.ballot, rec.deputy);
  if (state.casting.has(key)) return;
  state.casting.add(key);
  // The screen is this deputy's only while they are at the tablet; the send itself goes on regardless.
  const here = () => state.deputy?.id === rec.deputy;
  const say = (text) => here() && ($('casting-message').textContent = text);
  if (here()) {
    show('casting');
    $('casting-message').textContent = '';
    $('casting-heading').textContent = t('casting');
    $('cast-retry').classList.add('hidden');
  }
  let receipt = null;
  try {
    receipt = await voting.localReceipt(rec, state.identity);
  } catch (e) {
    console.error(e);
  }
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await voting.sendCast(state.identity, rec);
        if (!rec.secret) state.receipts.set(key, answer.receipt);
        if (here()) done(rec, answer.receipt, { mismatch: !answer.matches });
        return;
      } catch (failure) {
        console.error(failure);
        if (failure.code === 'already-voted') {
          await voting.markCast(rec, null);
          if (here()) done(rec, null);
          return;
        }
        if (failure.code === 'not-checked-in') {
          if (here()) await deputyGone();
          return;
        }
        if (failure.code === 'malformed' || failure.code === 'invalid-request' || failure.code === 'not-issued') {
          await voting.withdrawCast(rec);
          if (here()) {
            await openBallot(rec.ballot);
            $('ballot-message').textContent = errorText(failure.code, failure.message);
          }
          return;
        }
        if (failure.code === 'not-open') {
          if (resend || attempt > 1) {
            // The first send may have been counted, its answer lost: nothing says it was not.
            await voting.markUnsure(rec, receipt);
            if (here()) done(rec, receipt, { unsure: true });
            return;
          }
          await voting.forget(rec.ballot, rec.deputy);
          if (here()) {
            state.ballot = null;
            $('waiting-note').textContent = errorText('not-open');
            $('waiting-note').classList.remove('hidden');
            show('waiting');
          }
          return;
        }
        const reason = failureText(failure);
        if (attempt >= CAST_ATTEMPTS || (!TRANSIENT.has(failure.code) && attempt >= 3)) {
          if (here()) {
            $('casting-heading').textContent = t('cast-stopped');
            say(t('cast-stopped-reason', { reason }));
            $('cast-retry').classList.remove('hidden');
            $('cast-retry').focus();
          }
          return;
        }
        say(t('cast-retrying', { reason }));
        await wait(Math.min(5000, 500 * attempt));
      }
    }
  } catch (failure) {
    // The store itself failed: say so, and offer the retry.
    console.error(failure);
    if (here()) {
      $('casting-heading').textContent = t('cast-stopped');
      say(t('cast-stopped-reason', { reason: failureText(failure) }));
      $('cast-retry').classList.remove('hidden');
    }
  } finally {
    state.casting.delete(key);
  }
}

/** The retry button of a cast that stopped: sends the same written-down cast again. */
async function retryCast() {
  $('cast-retry').classList.add('hidden');
  const ballot = state.ballot?.id;
  if (!ballot || !state.deputy) return route();
  const rec = await voting.record(ballot, state.deputy.id).catch(() => null);
  if (rec?.phase === 'casting') return sendCast(rec, true);
  return openBallot(ballot);
}

// ---- the receipt ----

let receiptTimer = null;

function hideReceipt() {
  clearInterval(receiptTimer);
  receiptTimer = null;
  $('receipt-code').textContent = '';
  $('receipt-timer').textContent = '';
  $('receipt-box').classList.add('hidden');
}

/**
 * 已投票, with the receipt code: a recorded ballot's stays; a secret ballot's goes after
 * SECRET_RECEIPT_SECONDS (or at 隐藏), then only 已投票 is left. unsure: a resend answered not-open, so the
 * page cannot tell whether the cast was counted. mismatch: the node answered another receipt than the cast's.
 */
function done(rec, receipt, { unsure = false, mismatch = false } = {}) {
  const ballotSpec = state.specs.get(rec.ballot);
  const secret = ballotSpec?.secret ?? Boolean(rec.secret);
  hideReceipt();
  $('done-heading').textContent = t(unsure ? 'cast-unsure-heading' : 'voted');
  $('done-heading').dataset.i18n = unsure ? 'cast-unsure-heading' : 'voted';
  $('done-heading').classList.toggle('voted', !unsure);
  $('done-ballot').textContent = ballotSpec?.title ?? rec.ballot;
  const problem = unsure ? t('cast-unsure') : mismatch ? t('receipt-mismatch') : '';
  $('done-problem').textContent = problem;
  $('done-problem').classList.toggle('hidden', !problem);
  $('receipt-gone').classList.toggle('hidden', Boolean(receipt) || unsure);
  $('secret-note').classList.toggle('hidden', !secret);
  if (receipt) {
    $('receipt-code').textContent = voting.receiptCode(receipt);
    $('receipt-box').classList.remove('hidden');
    $('receipt-hide').classList.toggle('hidden', !secret);
    if (secret) {
      let left = SECRET_RECEIPT_SECONDS;
      const tick = () => {
        $('receipt-timer').textContent = t('receipt-hides', { seconds: left });
        if (left-- <= 0) {
          hideReceipt();
          $('receipt-gone').classList.toggle('hidden', unsure);
        }
      };
      tick();
      receiptTimer = setInterval(tick, 1000);
    }
  }
  show('done');
}

// ---- secret ballots: the token is taken at the open, before the deputy marks anything ----

function takeTokenInBackground(ballot) {
  const deputy = state.deputy.id;
  const key = mine(ballot, deputy);
  const now = state.tokens.get(key);
  if (now === 'taking' || now === 'ready' || now === 'lost' || now === 'foreign') return;
  state.tokens.set(key, 'taking');
  const still = () => state.deputy?.id === deputy;
  (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        const rec = await voting.takeToken(state.identity, deputy, ballot);
        const ready = rec.phase === 'issued' || rec.phase === 'casting' || rec.phase === 'cast'
          || rec.phase === 'unsure';
        state.tokens.set(key, ready ? 'ready' : 'taking');
        break;
      } catch (failure) {
        if (!still()) {
          state.tokens.delete(key);
          return;
        }
        if (failure.code === 'already-issued') {
          state.tokens.set(key, 'lost');
          break;
        }
        if (failure.code === 'foreign-blind-key') {
          console.error(failure);
          state.tokens.set(key, 'foreign');
          break;
        }
        if (failure.code === 'not-checked-in') {
          state.tokens.delete(key);
          deputyGone();
          return;
        }
        const status = state.status?.ballots.find((b) => b.id === ballot);
        if (failure.code === 'not-open' || failure.code === 'token-dropped' || !status || !live(status)) {
          state.tokens.delete(key);
          return;
        }
        state.tokens.set(key, failureText(failure));
        tokenState();
        await wait(Math.min(5000, 1000 * attempt));
        if (!still()) {
          state.tokens.delete(key);
          return;
        }
        state.tokens.set(key, 'taking');
      }
    }
    tokenState();
  })().catch((e) => {
    // Nothing may escape as an uncaught error: the line says what happened, the next status retries.
    console.error(e);
    state.tokens.delete(key);
    tokenState();
  });
}

function tokenState() {
  const line = $('token-state');
  const ballot = state.ballot;
  if (!ballot || !ballot.spec.secret || !state.deputy) {
    line.textContent = '';
    line.classList.remove('error');
    $('to-review').disabled = false;
    $('confirm').disabled = false;
    return;
  }
  const token = state.tokens.get(mine(ballot.id)) ?? 'taking';
  const ready = token === 'ready';
  const bad = token === 'lost' || token === 'foreign';
  line.textContent = ready ? t('token-ready') : token === 'taking' ? t('token-fetching')
    : token === 'lost' ? t('issue-lost') : token === 'foreign' ? t('blind-key-foreign')
      : t('token-retrying', { reason: token });
  line.classList.toggle('error', bad);
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

/**
 * Staff only, and only where it can lose nothing: on the enrolment and check-in screens (no deputy checked
 * in), and refused while any record holds a token or a cast not yet acknowledged.
 */
function staffControls() {
  const dialog = $('staff-dialog');
  const button = $('staff');
  let pressTimer = null;
  let taps = [];
  const allowed = () => !state.deputy && (state.screen === 'enrol' || state.screen === 'check-in');
  const open = () => {
    if (!allowed() || dialog.open) return;
    $('staff-message').textContent = '';
    $('staff-re-enrol').disabled = false;
    dialog.showModal();
  };
  button.addEventListener('pointerdown', () => (pressTimer = setTimeout(open, 2000)));
  for (const end of ['pointerup', 'pointerleave', 'pointercancel']) {
    button.addEventListener(end, () => clearTimeout(pressTimer));
  }
  button.addEventListener('click', () => {
    const now = Date.now();
    taps = [...taps.filter((at) => now - at < 3000), now];
    if (taps.length >= 5) {
      taps = [];
      open();
    }
  });
  $('staff-cancel').addEventListener('click', () => dialog.close());
  $('staff-re-enrol').addEventListener('click', async () => {
    const message = $('staff-message');
    try {
      if (!allowed()) {
        message.textContent = t('staff-refused-deputy');
        return;
      }
      if (await voting.busy()) {
        message.textContent = t('staff-refused-busy');
        return;
      }
      await store.clear();
      location.reload();
    } catch (failure) {
      console.error(failure);
      message.textContent = failureText(failure);
    }
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
  $('cast-retry').addEventListener('click', () => retryCast().catch((e) => {
    console.error(e);
    $('casting-message').textContent = failureText(e);
  }));
  $('receipt-hide').addEventListener('click', () => {
    hideReceipt();
    $('receipt-gone').classList.toggle('hidden', $('done-heading').dataset.i18n !== 'voted');
  });
  staffControls();
  setInterval(countdown, 1000);

  state.identity = (await store.load('identity')) ?? null;
  state.deputy = (await store.load('deputy')) ?? null;
  if (state.deputy && state.deputy.sitting !== state.identity?.sitting) state.deputy = null;
  deputyKeyboard();
  if (state.identity) follow();
  route();
}

start();
