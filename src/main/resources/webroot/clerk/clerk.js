// The clerk console's start: log in, pick or create a sitting, then the five panels (ballots, a new
// ballot, attendance, terminals, scrutineers). Each panel is its own module; this one only moves between views.
import { useMessages, languageButton, onLanguage, t } from '/common/i18n.js';
import { messages } from './messages.js';
import { byId } from './dom.js';
import { loggedIn, logIn, logOut, clerkName, onExpired } from './session.js';
import { showFailure, busy } from './notify.js';
import { wantedSitting, openSitting, closeSitting, onSwitch, onStatus } from './sitting.js';
import { setUpCreate } from './sitting-create.js';
import { setUpSittingList, loadSittings, focusSittings } from './sitting-list.js';
import { buildAttendance, loadRoster, setUpAttendance, resetAttendance } from './attendance.js';
import { buildTerminals, loadTerminals, setUpTerminals, resetTerminals } from './terminals.js';
import { buildBallotForm, setUpBallotForm, refreshMembers } from './ballot-form.js';
import { buildBallots, setUpBallots } from './ballots.js';
import { buildScrutineers, loadPanel, setUpScrutineers, resetScrutineers } from './scrutineers.js';

const TABS = ['ballots', 'define', 'attendance', 'terminals', 'scrutineers'];
const TAB = 'votehall.clerk.tab';

function show(view) {
  for (const v of ['login-view', 'choose-view', 'console-view']) byId(v).classList.toggle('hidden', v !== view);
  byId('logout').classList.toggle('hidden', view === 'login-view');
  byId('clerk-name').textContent = view === 'login-view' ? '' : t('loggedInAs', { name: clerkName() });
  document.title = `${t('console')} · votehall`;
}

function chooseTab(name, focus = false) {
  for (const tab of TABS) {
    const button = byId(`tab-${tab}`);
    const chosen = tab === name;
    button.setAttribute('aria-selected', String(chosen));
    button.tabIndex = chosen ? 0 : -1;
    byId(`panel-${tab}`).classList.toggle('hidden', !chosen);
    if (chosen && focus) button.focus();
  }
  sessionStorage.setItem(TAB, name);
  if (name === 'attendance') loadRoster();
  if (name === 'terminals') loadTerminals();
  if (name === 'scrutineers') loadPanel();
}

function setUpTabs() {
  TABS.forEach((name, i) => {
    const button = byId(`tab-${name}`);
    button.addEventListener('click', () => chooseTab(name));
    // The tab list's keys (WAI-ARIA): arrows move between tabs, Home / End to the ends.
    button.addEventListener('keydown', (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      chooseTab(TABS[(next + TABS.length) % TABS.length], true);
    });
  });
}

async function enter(sitting) {
  await openSitting(sitting);
  resetAttendance();
  resetTerminals();
  resetScrutineers();
  buildBallots();
  buildBallotForm();
  buildAttendance();
  buildTerminals();
  buildScrutineers();
  show('console-view');
  chooseTab(sessionStorage.getItem(TAB) ?? 'ballots');
  loadRoster();
  // The panel decides what a closed ballot's card offers (no 结束并宣布 while countersigning is due).
  loadPanel();
}

function chooseView(failure) {
  closeSitting();
  show('choose-view');
  const wanted = wantedSitting() ?? '';
  const typed = byId('choose-id');
  typed.value = wanted;
  showFailure(byId('choose-failure'), failure ?? null);
  typed.focus();
  loadSittings().then(() => {
    // The list is where the keyboard starts, unless the clerk has begun typing an id meanwhile.
    if (document.activeElement === typed && typed.value === wanted) focusSittings(wanted);
  });
}

async function openChosen(id) {
  showFailure(byId('choose-failure'), null);
  try {
    await enter(id);
  } catch (failure) {
    showFailure(byId('choose-failure'), failure);
  }
}

async function start() {
  if (!loggedIn()) {
    show('login-view');
    byId('login-name').focus();
    return;
  }
  const wanted = wantedSitting();
  if (!wanted) return chooseView();
  try {
    await enter(wanted);
  } catch (failure) {
    chooseView(failure);
  }
}

function setUpLogin() {
  byId('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const failure = byId('login-failure');
    showFailure(failure, null);
    await busy(byId('login-submit'), async () => {
      try {
        await logIn(byId('login-name').value.trim(), byId('login-password').value);
        byId('login-password').value = '';
        await start();
      } catch (refusal) {
        showFailure(failure, refusal);
        byId('login-password').select();
      }
    });
  });
  byId('logout').addEventListener('click', () => {
    logOut();
    closeSitting();
    start();
  });
  onExpired(() => {
    closeSitting();
    start();
    showFailure(byId('login-failure'), { code: 'unauthenticated' });
  });
}

function setUpChoose() {
  byId('choose-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    showFailure(byId('choose-failure'), null);
    await busy(byId('choose-submit'), async () => {
      try {
        await enter(byId('choose-id').value.trim());
      } catch (failure) {
        showFailure(byId('choose-failure'), failure);
      }
    });
  });
  setUpSittingList(openChosen);
  // The new sitting joins the list, for when the clerk switches back to it.
  setUpCreate((id) => {
    loadSittings();
    return enter(id);
  });
  onSwitch(() => chooseView());
}

useMessages(messages);
languageButton(byId('language'));
onLanguage(() => {
  if (!byId('login-view').classList.contains('hidden')) return show('login-view');
  show(byId('console-view').classList.contains('hidden') ? 'choose-view' : 'console-view');
});
setUpTabs();
setUpLogin();
setUpChoose();
setUpAttendance();
setUpTerminals();
setUpScrutineers();
setUpBallotForm(() => chooseTab('ballots'));
setUpBallots();
onStatus(refreshMembers);
start();
