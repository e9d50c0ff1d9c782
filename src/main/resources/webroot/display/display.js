// The hall screen (会场大屏): wires the sitting's status to the stage. It reads the public feed
// only — no login — and shows one ballot at a time: the one the chair is running, or the result the
// chair announced last. Which one, and what of it, is decided in current.js and the views.
import { useMessages, t, languageButton, onLanguage } from '/common/i18n.js';
import { messages } from './messages.js';
import { el, figure } from '/common/dom.js';
import { clockText, countdownText, everySecond, secondsLeft } from './clock.js';
import { followSitting } from './feed.js';
import { createChooser } from './current.js';
import { roundKey } from './round.js';
import { idleView } from './idle.js';
import { ballotHeading } from './heading.js';
import { votingView, closedView, updateTally } from './voting.js';
import { countersignLine } from './countersign.js';
import { resultView } from './result.js';
import { fitInto } from './fit.js';
import { loadSittings, sittingsView } from './sittings.js';

const sitting = new URLSearchParams(location.search).get('sitting');
const choose = createChooser();
const stage = document.getElementById('stage');
const state = { status: null, unknown: false, connection: 'connecting', ballot: null, sittings: null, sittingsFailed: false };
const RETRY_MS = 4000;
let shownScene = null;
let shownFigures = null;

useMessages(messages);
languageButton(document.getElementById('language'));
onLanguage(() => render(true));

function phaseOf(ballot) {
  if (!ballot) return 'idle';
  return ballot.status === 'announced' ? 'result' : ballot.status;
}

function render(force = false) {
  const { status, ballot } = state;
  const round = ballot ? roundKey(ballot, () => render(true)) : null;
  const phase = phaseOf(ballot);
  const voting = phase === 'open' || phase === 'closing';
  // While a ballot is open only 已按 / 实到 move: they are updated in place, so the progress bar
  // slides and a screen reader hears the new figure, not the whole screen again.
  const scene = JSON.stringify([state.unknown, status ? null : state.connection, status?.title, status?.members,
    voting ? null : status?.present, status?.quorumMet, ballot?.id, ballot?.status, ballot?.closesAt, round,
    phase === 'result' ? ballot.result : null, phase === 'closed' ? ballot.countersign ?? null : null,
    sitting ? null : [state.sittings, state.sittingsFailed]]);
  const figures = JSON.stringify([status?.present, ballot?.returned]);
  renderFrame();
  if (!force && scene === shownScene) {
    if (voting && figures !== shownFigures) updateTally(stage, ballot, status);
    shownFigures = figures;
    return;
  }
  shownScene = scene;
  shownFigures = figures;

  if (!sitting) {
    stage.replaceChildren(state.sittings ? sittingsView(state.sittings)
      : state.sittingsFailed ? message(t('unreachable.title'), t('unreachable.detail'), 'unreachable')
        : el('p', { className: 'starting' }, t('choose.loading')));
  } else if (state.unknown) {
    stage.replaceChildren(message(t('unknown.title'), t('unknown.detail', { sitting }), 'unknown'));
  } else if (!status && state.connection === 'lost') {
    stage.replaceChildren(message(t('unreachable.title'), t('unreachable.detail'), 'unreachable'));
  } else if (!status) {
    stage.replaceChildren(el('p', { className: 'starting' }, t('connection.connecting')));
  } else if (!ballot) {
    stage.replaceChildren(idleView(status));
  } else {
    const body = phase === 'result' && ballot.result ? resultView(ballot.result)
      : phase === 'closed' ? closedView(countersignLine(ballot, () => render(true)), ballot.countersign?.state)
        : votingView(ballot, status);
    stage.replaceChildren(el('div', { className: `ballot phase-${phase}`, test: `phase-${phase}` }, ballotHeading(ballot, round), body));
  }
  tick();
  fit();
}

/** The parts outside the stage: sitting title, attendance line, connection. Called on every status,
 * so text is only written when it changes: the connection line is a live region. */
function renderFrame() {
  const { status } = state;
  const title = status?.title ?? (sitting && !state.unknown ? sitting : t('page.title'));
  setText(document.getElementById('sitting-title'), title);
  if (document.title !== `${title} · ${t('page.title')}`) document.title = `${title} · ${t('page.title')}`;
  const line = document.getElementById('attendance');
  setText(line, status && !state.unknown
    ? `${t('attendance.members')} ${figure(status.members)}${t('attendance.unit')}　${t('attendance.present')} ${figure(status.present)}${t('attendance.unit')}　${t(status.quorumMet ? 'quorum.met' : 'quorum.notMet')}`
    : '');
  line.classList.toggle('not-met', status?.quorumMet === false);
  const connection = document.getElementById('connection');
  setText(connection, state.unknown || !sitting ? '' : t(`connection.${state.connection}`));
  connection.className = `connection ${state.connection}`;
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function message(title, detail, test) {
  return el('section', { className: 'full-message', test },
    el('p', { className: 'full-message-title' }, title),
    el('p', { className: 'full-message-detail' }, detail));
}

function fit() {
  fitInto(stage, [
    [stage.querySelector('.announcement'), 0.5],
    [stage.querySelector('.result-body'), 0.45],
    [stage.querySelector('.ballot'), 0.6],
  ]);
}

/** The clock and the countdown move every second, between status events. */
function tick() {
  setText(document.getElementById('clock'), clockText());
  const countdown = stage.querySelector('.countdown');
  if (!countdown) return;
  const left = secondsLeft(Number(countdown.dataset.closesAt));
  if (left === null) return;
  setText(countdown, countdownText(left));
  countdown.classList.toggle('urgent', left <= 30);
}

/** No sitting named: the list to pick from, read again until there is one to pick. */
async function readSittings() {
  try {
    state.sittings = await loadSittings();
    state.sittingsFailed = false;
  } catch {
    state.sittingsFailed = true;
  }
  const shownBefore = stage.querySelector('.sitting-choice');
  render();
  // The keyboard starts on the first sitting, so Enter alone shows it.
  if (!shownBefore) stage.querySelector('.sitting-choice')?.focus();
  if (!state.sittings?.length) setTimeout(readSittings, RETRY_MS);
}

if (!sitting) {
  readSittings();
} else {
  followSitting(sitting, {
    status(s) {
      state.unknown = false;
      state.status = s;
      state.ballot = choose(s);
      render();
    },
    unknown() {
      state.unknown = true;
      state.status = null;
      render();
    },
    connection(c) {
      state.connection = c;
      render();
    },
  });
}
everySecond(tick);
addEventListener('resize', fit);
// A font part that arrives late changes the text's width: fit again.
document.fonts?.ready.then(fit);
document.fonts?.addEventListener('loadingdone', fit);
render(true);
