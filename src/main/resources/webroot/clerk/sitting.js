// The sitting the console works on: its id in the address (?sitting=…, so a reload or a bookmark
// lands on it), the last one remembered for the next visit, and its live status from the public feed,
// handed to every part of the console that shows figures.
import { api, watchSitting } from '/common/api.js';
import { t, onLanguage, language } from '/common/i18n.js';
import { h, byId } from './dom.js';
import { seg } from './session.js';

const LAST = 'votehall.clerk.sitting';
const TITLES = 'votehall.clerk.titles';
const listeners = [];
let id = null;
let status = null;
let feed = null;
let connection = 'connecting';

export function sittingId() {
  return id;
}

export function currentStatus() {
  return status;
}

/** The id asked for in the address, else the one used last on this computer. */
export function wantedSitting() {
  const asked = new URLSearchParams(location.search).get('sitting');
  if (asked) return asked;
  try {
    return localStorage.getItem(LAST);
  } catch {
    return null;
  }
}

/** The title the clerk gave when creating the sitting here, until the status carries it. */
export function rememberTitle(sitting, title) {
  try {
    const titles = JSON.parse(localStorage.getItem(TITLES) ?? '{}');
    titles[sitting] = title;
    localStorage.setItem(TITLES, JSON.stringify(titles));
  } catch {
    // storage refused: the id stands in for the title
  }
}

export function sittingTitle() {
  if (status?.title) return status.title;
  try {
    return JSON.parse(localStorage.getItem(TITLES) ?? '{}')[id] ?? id;
  } catch {
    return id;
  }
}

export function onStatus(f) {
  listeners.push(f);
}

/** Opens a sitting: throws the API's failure (unknown) if there is none with that id. */
export async function openSitting(wanted) {
  const first = await api('GET', `/api/sittings/${seg(wanted)}/status`);
  id = wanted;
  try {
    localStorage.setItem(LAST, id);
  } catch {
    // remembered for this page only
  }
  const url = new URL(location.href);
  url.searchParams.set('sitting', id);
  history.replaceState(null, '', url);
  feed?.close();
  received(first);
  feed = watchSitting(id, received, (state) => {
    connection = state;
    render();
  });
}

export function closeSitting() {
  feed?.close();
  feed = null;
  id = null;
  status = null;
  const url = new URL(location.href);
  url.searchParams.delete('sitting');
  history.replaceState(null, '', url);
  byId('sitting-heading').replaceChildren();
}

function received(next) {
  status = next;
  render();
  listeners.forEach((f) => f(status));
}

function figure(label, value, testId) {
  return h('div', { class: 'figure' }, h('span', { class: 'label' }, label),
    h('b', { dataset: { test: testId } }, String(value)));
}

// The figures change every second; the switch button is built once so the keyboard focus stays on it.
let figures = null;
let connectionNote = null;
let switchButton = null;

function render() {
  if (!status) return;
  byId('sitting-heading').replaceChildren(
    h('span', { class: 'sitting-title', id: 'sitting-title' }, sittingTitle()),
    h('span', { class: 'sitting-id' }, id));
  if (!figures) {
    figures = h('div', { class: 'figures', 'aria-live': 'polite', 'aria-atomic': 'true' });
    connectionNote = h('span', { class: 'connection' });
    switchButton = h('button', { type: 'button', id: 'switch-sitting',
      onclick: () => switchListeners.forEach((f) => f()) });
    byId('overview').replaceChildren(figures, h('div', { class: 'overview-tools' }, connectionNote, switchButton));
  }
  const met = status.quorumMet;
  // Replaced only when a figure changes, or a screen reader would read them out every second.
  const shown = JSON.stringify([status.members, status.present, status.quorumRequired, met, language()]);
  if (figures.dataset.shown !== shown) {
    figures.dataset.shown = shown;
    figures.replaceChildren(
    figure(t('members'), status.members, 'members'),
    figure(t('present'), status.present, 'present'),
    figure(t('quorumRequired'), status.quorumRequired, 'quorum'),
    h('div', { class: `quorum ${met ? 'met' : 'not-met'}`, id: 'quorum-state' },
      met ? t('quorumMet') : t('quorumNotMet')));
  }
  connectionNote.className = `connection ${connection}`;
  connectionNote.textContent = connection === 'lost' ? t('feedLost') : t('feedLive');
  switchButton.textContent = t('switchSitting');
}

const switchListeners = [];
export function onSwitch(f) {
  switchListeners.push(f);
}

onLanguage(render);
