// Terminal enrolment (终端登记): the clerk makes a one-time 8-digit code and reads it out or shows it
// to whoever sets up the tablet, so it is printed big and grouped 4+4 like a phone number. The server
// shows a code once only, so the codes made here stay listed (with their expiry) until they expire.
import { t, onLanguage } from '/common/i18n.js';
import { h, byId, table, clock } from './dom.js';
import { call, seg } from './session.js';
import { toast, showFailure, busy } from './notify.js';
import { sittingId } from './sitting.js';
import { deputyName } from './attendance.js';

let made = []; // {terminal, code, expiresAt}
let terminals = null; // the server's answer, or null while loading
let timer = null;

/** "12345678" as "1234 5678". */
export function grouped(code) {
  return String(code).replace(/^(\d{4})(\d{4})$/, '$1 $2');
}

function minutesLeft(expiresAt) {
  return Math.max(0, Math.ceil((expiresAt - Date.now() / 1000) / 60));
}

async function makeCode(event) {
  event.preventDefault();
  const failure = byId('code-failure');
  showFailure(failure, null);
  const terminal = byId('code-terminal').value.trim();
  await busy(byId('code-submit'), async () => {
    try {
      const answer = await call('POST', `/api/sittings/${seg(sittingId())}/enrolment-codes`,
        { body: terminal ? { terminal } : {} });
      made.unshift(answer);
      byId('code-terminal').value = '';
      toast(t('codeMade', { terminal: answer.terminal }));
    } catch (refusal) {
      showFailure(failure, refusal);
    }
  });
  renderCodes();
  await loadTerminals();
}

function renderCodes() {
  const place = byId('codes');
  if (!place) return;
  made = made.filter((c) => c.expiresAt > Date.now() / 1000);
  if (!made.length) return place.replaceChildren(h('p', { class: 'hint codes-empty' }, t('noCodes')));
  place.replaceChildren(...made.map((c, index) => h('div', { class: `code enrol-code${index === 0 ? ' newest' : ''}`, dataset: { terminal: c.terminal } },
    h('div', { class: 'code-terminal' }, t('codeFor', { terminal: c.terminal })),
    h('div', { class: 'code-digits', dataset: { test: 'enrolment-code' }, 'aria-label': String(c.code).split('').join(' ') }, grouped(c.code)),
    h('div', { class: 'code-expiry' }, t('codeExpires', { time: clock(c.expiresAt), minutes: minutesLeft(c.expiresAt) })))));
}

export async function loadTerminals() {
  const failure = byId('terminals-failure');
  try {
    terminals = await call('GET', `/api/sittings/${seg(sittingId())}/terminals`);
    showFailure(failure, null);
  } catch (refusal) {
    showFailure(failure, refusal);
  }
  renderTerminals();
}

function renderTerminals() {
  const place = byId('terminal-list');
  if (!place) return;
  if (!terminals) return place.replaceChildren(h('p', {}, t('loading')));
  const pending = new Map();
  (terminals.codes ?? []).forEach((c) => pending.set(c.terminal, c.expiresAt));
  const rows = (terminals.terminals ?? []).map((x) => [
    h('span', { class: 'mono' }, x.id),
    x.deputy ? `${x.deputy} ${deputyName(x.deputy)}` : t('seatFree'),
    h('span', { class: 'mono key', title: x.key ?? '' }, x.key ? `${x.key.slice(-16)}` : '—'),
    pending.has(x.id) ? t('codePending', { time: clock(pending.get(x.id)) }) : '']);
  // Codes made for a terminal id that has not enrolled yet: listed so the clerk sees they wait.
  for (const [terminal, expiresAt] of pending) {
    if (!(terminals.terminals ?? []).some((x) => x.id === terminal)) {
      rows.push([h('span', { class: 'mono' }, terminal), t('notEnrolled'), '—', t('codePending', { time: clock(expiresAt) })]);
    }
  }
  place.replaceChildren(rows.length
    ? table([t('terminalId'), t('seatedDeputy'), t('terminalKey'), t('pendingCode')], rows, { class: 'wide', id: 'terminal-table' })
    : h('p', {}, t('noTerminals')));
}

export function buildTerminals() {
  byId('panel-terminals').replaceChildren(
    h('div', { class: 'two' },
      h('div', { class: 'card' },
        h('h2', {}, t('enrolTitle')),
        h('p', { class: 'hint' }, t('enrolHint')),
        h('form', { id: 'code-form', onsubmit: makeCode },
          h('label', { for: 'code-terminal' }, t('codeTerminal')),
          h('input', { id: 'code-terminal', pattern: '[A-Za-z0-9._\\-]{1,64}', maxlength: 64, autocomplete: 'off', placeholder: 't001' }),
          h('div', { id: 'code-failure' }),
          h('button', { type: 'submit', class: 'primary', id: 'code-submit' }, t('makeCode')))),
      h('div', { id: 'codes', class: 'codes', 'aria-live': 'polite' })),
    h('div', { class: 'card' },
      h('div', { class: 'card-head' },
        h('h2', {}, t('terminalsTitle')),
        h('button', { type: 'button', id: 'terminals-reload', onclick: loadTerminals }, t('reload'))),
      h('div', { id: 'terminals-failure' }),
      h('div', { id: 'terminal-list' })));
  renderCodes();
  renderTerminals();
  clearInterval(timer);
  // The minutes left tick down while the code is on screen; an expired one disappears.
  timer = setInterval(renderCodes, 15000);
}

export function setUpTerminals() {
  onLanguage(() => sittingId() && buildTerminals());
}

export function resetTerminals() {
  made = [];
  terminals = null;
}
