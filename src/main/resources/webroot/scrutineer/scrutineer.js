// The scrutineer page (docs/scrutineers.md): a scrutineer enrols a key of their own — made here, non-
// extractable, or kept offline and only its public half enrolled — then, for each sealed result of the
// sitting, checks the figures, the bundle digest (computed here from the bundle the node serves) and the
// bundle itself, and countersigns or refuses with a reason. The page follows the sitting's live feed.
// Each part's work is in its own module (enrolment, ballots, check, decision, offline); this one moves
// between the screens, shows who is enrolled, follows the sitting and forgets it on 重新登记.
import { watchSitting } from '/common/api.js';
import { byId } from '/common/dom.js';
import { languageButton, onLanguage, t, useMessages } from '/common/i18n.js';
import { messages } from './messages.js';
import * as store from './store.js';
import { drawWith, forgetAll, state } from './state.js';
import { ask } from './notify.js';
import { setUpEnrolment } from './enrolment.js';
import { clearBallots, drawBallots } from './ballots.js';

function show(screen) {
  for (const section of document.querySelectorAll('main > .screen')) {
    section.classList.toggle('hidden', section.id !== `screen-${screen}`);
  }
}

function header() {
  byId('sitting-title').textContent = state.status?.title ?? state.identity?.title ?? '';
  const id = state.identity;
  if (!id) return;
  byId('identity-name').textContent = id.name;
  byId('identity-id').textContent = id.scrutineer;
  byId('identity-fingerprint').textContent = id.fingerprint;
  byId('identity-custody').textContent = t(id.keyPair ? 'custody-device' : 'custody-offline');
  byId('offline-note').classList.toggle('hidden', Boolean(id.keyPair));
}

// ---- 重新登记 ----

function forget() {
  forgetAll();
  clearBallots();
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
  drawBallots();
  follow();
}

function follow() {
  state.feed?.close();
  state.feed = watchSitting(state.identity.sitting, (status) => {
    state.status = status;
    header();
    drawBallots();
  }, (connection) => {
    byId('connection').textContent = t(connection === 'open' ? 'connected' : 'reconnecting');
    byId('connection').classList.toggle('lost', connection !== 'open');
  });
}

// ---- start ----

async function start() {
  drawWith(drawBallots);
  useMessages(messages);
  languageButton(byId('language'));
  onLanguage(() => {
    header();
    drawBallots();
  });
  setUpEnrolment(started);
  byId('re-enrol').addEventListener('click', () => reEnrol().catch((e) => console.error(e)));
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
