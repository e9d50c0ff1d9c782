// 监票人 (docs/scrutineers.md): the clerk names the sitting's scrutineers — deputies from the roster
// or not — and how many must countersign a result before it may be announced; then gives each of
// them a one-time code, by hand, to enrol a key of their own on the scrutineer page. The panel list
// shows who has enrolled (with the key's fingerprint, to compare with the scrutineer's own screen)
// and is read again every few seconds while this tab is open, since enrolling happens elsewhere.
import { t, onLanguage, language } from '/common/i18n.js';
import { h, byId, clock, fours, fill } from './dom.js';
import { call, seg } from './session.js';
import { toast, showFailure, busy, confirmStep } from './notify.js';
import { sittingId } from './sitting.js';
import { rosterDeputies, deputyName, onRoster } from './attendance.js';
import { grouped } from './terminals.js';

const ID = /^[A-Za-z0-9_-]{1,32}$/;
const POLL_MS = 5000;
const panelListeners = [];
let panel = null; // the server's answer, or null until loaded
let panelFailure = null;
let edited = false; // the clerk has typed in the form: a reload must not overwrite it
let made = []; // codes made here: {scrutineer, name, code, expiresAt, before: the key's fingerprint then}
let shownPanel = null;
let timer = null;

/** How many countersignatures the sitting's panel requires (0: no panel, or not loaded). */
export function panelRequired() {
  return panel?.required ?? 0;
}

/** Called when the panel has been read again and changed. */
export function onPanel(f) {
  panelListeners.push(f);
}

export async function loadPanel() {
  const sitting = sittingId();
  if (!sitting) return;
  let answer;
  try {
    answer = await call('GET', `/api/sittings/${seg(sitting)}/scrutineers`);
    panelFailure = null;
  } catch (failure) {
    panelFailure = failure;
    renderPanel();
    return;
  }
  if (sitting !== sittingId()) return;
  const changed = JSON.stringify(answer) !== JSON.stringify(panel);
  panel = answer;
  if (!edited && byId('panel-form')) fillForm();
  renderPanel();
  renderCodes();
  if (changed) panelListeners.forEach((f) => f(panel));
}

// ---- the form: one row per scrutineer, then the required number ----

function nextId() {
  const taken = new Set([...document.querySelectorAll('#panel-rows [data-field=id]')].map((i) => i.value.trim()));
  let n = 1;
  while (taken.has(`S${n}`)) n++;
  return `S${n}`;
}

function addRow(values = {}) {
  const body = byId('panel-rows');
  const index = body.children.length + 1;
  const id = h('input', { dataset: { field: 'id' }, value: values.id ?? nextId(), maxlength: 32, class: 'short',
    pattern: '[A-Za-z0-9_\\-]{1,32}', autocomplete: 'off', 'aria-label': t('scrutineerIdN', { n: index }) });
  const name = h('input', { dataset: { field: 'name' }, value: values.name ?? '', maxlength: 64, autocomplete: 'off',
    'aria-label': t('scrutineerNameN', { n: index }) });
  const deputy = h('input', { dataset: { field: 'deputy' }, value: values.deputy ?? '', list: 'panel-deputies', maxlength: 64,
    autocomplete: 'off', placeholder: t('notADeputy'), 'aria-label': t('scrutineerDeputyN', { n: index }) });
  // A deputy picked from the roster brings their name, unless the clerk typed another one.
  let filled = name.value;
  deputy.addEventListener('change', () => {
    const known = deputyName(deputy.value.trim());
    if (known && (!name.value.trim() || name.value === filled)) {
      name.value = known;
      filled = known;
    }
  });
  const remove = h('button', { type: 'button', class: 'small', dataset: { action: 'remove-scrutineer' } }, t('removeScrutineer'));
  const row = h('tr', { dataset: { row: String(index) } }, h('td', {}, id), h('td', {}, name), h('td', {}, deputy), h('td', {}, remove));
  remove.addEventListener('click', () => {
    edited = true;
    row.remove();
    if (!body.children.length) addRow();
    body.querySelector('input')?.focus();
  });
  body.append(row);
  return row;
}

function fillForm() {
  const body = byId('panel-rows');
  body.replaceChildren();
  const named = panel?.scrutineers ?? [];
  if (named.length) named.forEach((s) => addRow({ id: s.id, name: s.name, deputy: s.deputy ?? '' }));
  else for (let i = 0; i < 3; i++) addRow();
  byId('panel-required').value = named.length ? String(panel.required) : '';
}

function fillDeputies() {
  const list = byId('panel-deputies');
  if (!list) return;
  list.replaceChildren(...(rosterDeputies() ?? []).map((d) => h('option', { value: d.id }, d.name)));
}

/** The rows the clerk filled (a row with neither a name nor a deputy is left out) and every problem. */
function readForm() {
  const problems = [];
  const scrutineers = [];
  const seen = new Set();
  const roster = rosterDeputies();
  [...byId('panel-rows').children].forEach((row, i) => {
    const value = (field) => row.querySelector(`[data-field=${field}]`).value.trim();
    const [id, name, deputy] = [value('id'), value('name'), value('deputy')];
    if (!name && !deputy) return;
    const n = i + 1;
    if (!ID.test(id)) problems.push(t('panelProblem.id', { row: n }));
    else if (seen.has(id)) problems.push(t('panelProblem.duplicate', { row: n }));
    seen.add(id);
    if (!name || name.length > 64) problems.push(t('panelProblem.name', { row: n }));
    if (deputy && roster && !roster.some((d) => d.id === deputy)) problems.push(t('panelProblem.deputy', { row: n, deputy }));
    scrutineers.push(deputy ? { id, name, deputy } : { id, name });
  });
  const required = Number(byId('panel-required').value);
  if (!scrutineers.length) problems.push(t('panelProblem.none'));
  else if (!Number.isInteger(required) || required < 1 || required > scrutineers.length) {
    problems.push(t('panelProblem.required', { count: scrutineers.length }));
  }
  return { body: { required, scrutineers }, problems };
}

function filledRows() {
  return [...byId('panel-rows').children].filter((row) =>
    ['name', 'deputy'].some((f) => row.querySelector(`[data-field=${f}]`).value.trim())).length;
}

function quickRequired(which) {
  const count = filledRows();
  if (!count) return;
  byId('panel-required').value = String(which === 'all' ? count : Math.floor(count / 2) + 1);
  edited = true;
}

async function savePanel(event) {
  event.preventDefault();
  const place = byId('panel-failure');
  showFailure(place, null);
  const { body, problems } = readForm();
  if (problems.length) {
    place.replaceChildren(h('div', { class: 'problems', role: 'alert', dataset: { test: 'panel-problems' } },
      h('ul', {}, problems.map((p) => h('li', {}, p)))));
    return;
  }
  await busy(byId('panel-submit'), async () => {
    try {
      await call('PUT', `/api/sittings/${seg(sittingId())}/scrutineers`, { body });
      edited = false;
      toast(t('panelSaved', { count: body.scrutineers.length, required: body.required }));
    } catch (refusal) {
      showFailure(place, refusal);
    }
  });
  await loadPanel();
}

async function clearPanel(button) {
  const place = byId('panel-failure');
  showFailure(place, null);
  const ok = await confirmStep({ title: t('clearPanelTitle'), text: t('clearPanelText'), confirm: t('clearPanel') });
  if (!ok) return;
  await busy(button, async () => {
    try {
      await call('PUT', `/api/sittings/${seg(sittingId())}/scrutineers`, { body: { required: 0, scrutineers: [] } });
      edited = false;
      toast(t('panelCleared'));
    } catch (refusal) {
      showFailure(place, refusal);
    }
  });
  await loadPanel();
}

// ---- the panel as the server has it, and the enrolment codes ----

async function makeCode(button, s) {
  const place = byId('panel-list-failure');
  showFailure(place, null);
  await busy(button, async () => {
    try {
      const answer = await call('POST', `/api/sittings/${seg(sittingId())}/scrutineers/${seg(s.id)}/enrolment-code`);
      made = made.filter((c) => c.scrutineer !== s.id);
      made.unshift({ scrutineer: s.id, name: s.name, code: answer.code, expiresAt: answer.expiresAt, before: s.fingerprint ?? null });
      toast(t('scrutineerCodeMade', { name: s.name }));
    } catch (refusal) {
      showFailure(place, refusal);
    }
  });
  renderCodes();
  byId('scrutineer-codes')?.querySelector('.newest')?.scrollIntoView({ block: 'nearest' });
}

function scrutineerPage() {
  return `${location.origin}/scrutineer/`;
}

/** A code is gone once it expired, or once its scrutineer enrolled a key other than the one before it. */
function used(c) {
  const now = (panel?.scrutineers ?? []).find((s) => s.id === c.scrutineer)?.fingerprint ?? null;
  return now !== null && now !== c.before;
}

function renderCodes() {
  const place = byId('scrutineer-codes');
  if (!place) return;
  made = made.filter((c) => c.expiresAt > Date.now() / 1000 && !used(c));
  const minutes = (c) => Math.max(0, Math.ceil((c.expiresAt - Date.now() / 1000) / 60));
  // Rebuilt only when something shown changes: the panel is read every few seconds.
  const shown = JSON.stringify([language(), made.map((c) => [c.scrutineer, c.code, minutes(c)])]);
  if (place.dataset.shown === shown) return;
  place.dataset.shown = shown;
  if (!made.length) return place.replaceChildren(h('p', { class: 'hint codes-empty' }, t('scrutineerCodesEmpty')));
  place.replaceChildren(...made.map((c, index) => h('div', { class: `code enrol-code${index === 0 ? ' newest' : ''}`, dataset: { scrutineer: c.scrutineer } },
    h('div', { class: 'code-terminal' }, t('scrutineerCodeFor', { id: c.scrutineer, name: c.name })),
    h('div', { class: 'code-digits', dataset: { test: 'scrutineer-code' }, 'aria-label': String(c.code).split('').join(' ') }, grouped(c.code)),
    h('div', { class: 'code-where' }, t('scrutineerCodeWhere'), ' ', h('b', { class: 'mono', dataset: { test: 'scrutineer-page' } }, scrutineerPage())),
    h('div', { class: 'code-expiry' }, t('codeExpires', { time: clock(c.expiresAt), minutes: minutes(c) })))));
}

function renderPanel() {
  const place = byId('panel-list');
  if (!place) return;
  showFailure(byId('panel-list-failure'), panelFailure);
  if (!panel) return place.replaceChildren(panelFailure ? '' : h('p', {}, t('loading')));
  // Rebuilt only when the panel changed: the keyboard may be on one of its buttons.
  const shown = JSON.stringify(panel);
  if (shownPanel === shown && place.children.length) return;
  shownPanel = shown;
  const named = panel.scrutineers ?? [];
  if (!named.length) return place.replaceChildren(h('p', { class: 'notice', dataset: { test: 'panel-none' } }, t('panelNone')));
  const enrolled = named.filter((s) => s.key || s.fingerprint).length;
  fill(place,
    h('p', { class: 'panel-summary', dataset: { test: 'panel-summary' } },
      t('panelNamed', { count: named.length, enrolled, required: panel.required })),
    enrolled < panel.required ? h('p', { class: 'warnings', dataset: { test: 'panel-short' } }, t('panelShort', { required: panel.required })) : null,
    h('table', { class: 'wide', id: 'panel-table' },
      h('thead', {}, h('tr', {}, [t('scrutineerId'), t('scrutineerName'), t('scrutineerDeputy'), t('enrolment'), t('keyFingerprint'), t('actions')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, named.map((s) => {
        const has = Boolean(s.key || s.fingerprint);
        const code = h('button', { type: 'button', class: 'small', dataset: { action: 'scrutineer-code', scrutineer: s.id } },
          has ? t('scrutineerCodeAgain') : t('scrutineerCode'));
        code.addEventListener('click', () => makeCode(code, s));
        return h('tr', { dataset: { scrutineer: s.id, enrolled: String(has) } },
          h('td', { class: 'mono' }, s.id),
          h('td', {}, s.name),
          h('td', {}, s.deputy ? `${s.deputy} ${deputyName(s.deputy)}`.trim() : t('notADeputyShort')),
          h('td', {}, h('span', { class: `pill ${has ? 'yes' : 'no'}`, dataset: { test: 'enrolment' } }, has ? t('keyEnrolled') : t('keyMissing'))),
          h('td', { class: 'mono key', dataset: { test: 'fingerprint' } }, has ? fours(s.fingerprint) : '—'),
          h('td', {}, code));
      }))));
}

export function buildScrutineers() {
  shownPanel = null;
  byId('panel-scrutineers').replaceChildren(
    h('div', { class: 'two scrutineers-two' },
      h('div', { class: 'card' },
        h('h2', {}, t('panelTitle')),
        h('p', { class: 'hint' }, t('panelHint')),
        h('form', { id: 'panel-form', onsubmit: savePanel, oninput: () => (edited = true) },
          h('table', { class: 'wide panel-rows' },
            h('thead', {}, h('tr', {}, [t('scrutineerId'), t('scrutineerName'), t('scrutineerDeputyOptional'), ''].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', { id: 'panel-rows' })),
          h('datalist', { id: 'panel-deputies' }),
          h('button', { type: 'button', id: 'panel-add', onclick: () => {
            edited = true;
            addRow().querySelector('[data-field=name]').focus();
          } }, t('addScrutineer')),
          h('label', { for: 'panel-required' }, t('requiredSigners')),
          h('div', { class: 'actions required-choice' },
            h('input', { id: 'panel-required', type: 'number', min: 1, max: 99, class: 'short', 'aria-describedby': 'panel-required-hint' }),
            h('button', { type: 'button', id: 'required-all', class: 'small', onclick: () => quickRequired('all') }, t('requiredAll')),
            h('button', { type: 'button', id: 'required-majority', class: 'small', onclick: () => quickRequired('majority') }, t('requiredMajority'))),
          h('p', { id: 'panel-required-hint', class: 'hint' }, t('requiredHint')),
          h('div', { id: 'panel-failure' }),
          h('div', { class: 'actions' },
            h('button', { type: 'submit', class: 'primary', id: 'panel-submit' }, t('savePanel')),
            h('button', { type: 'button', id: 'panel-clear', onclick: (e) => clearPanel(e.currentTarget) }, t('clearPanel'))))),
      h('div', { id: 'scrutineer-codes', class: 'codes', 'aria-live': 'polite' })),
    h('div', { class: 'card' },
      h('div', { class: 'card-head' },
        h('h2', {}, t('panelListTitle')),
        h('button', { type: 'button', id: 'panel-reload', onclick: loadPanel }, t('reload'))),
      h('div', { id: 'panel-list-failure' }),
      h('div', { id: 'panel-list' })));
  fillDeputies();
  fillForm();
  renderCodes();
  renderPanel();
  clearInterval(timer);
  // Enrolling happens on the scrutineers' own devices: read the panel again while the tab is open.
  timer = setInterval(() => {
    renderCodes();
    if (!byId('panel-scrutineers')?.classList.contains('hidden') && sittingId()) loadPanel();
  }, POLL_MS);
}

export function setUpScrutineers() {
  onLanguage(() => {
    if (!sittingId()) return;
    // What the clerk typed survives the switch of language.
    const typed = edited ? [...byId('panel-rows').children].map((row) => Object.fromEntries(
      ['id', 'name', 'deputy'].map((f) => [f, row.querySelector(`[data-field=${f}]`).value]))) : null;
    const required = byId('panel-required')?.value;
    buildScrutineers();
    if (typed) {
      byId('panel-rows').replaceChildren();
      typed.forEach((values) => addRow(values));
      byId('panel-required').value = required;
    }
  });
  onRoster(() => {
    fillDeputies();
    shownPanel = null;
    renderPanel();
  });
}

export function resetScrutineers() {
  panel = null;
  panelFailure = null;
  edited = false;
  made = [];
  shownPanel = null;
}
