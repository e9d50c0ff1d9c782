// The attendance list (签到情况): who is present, at which seat, who is locked out by wrong PINs, and
// the clerk's hand actions — 补签到 (present without a terminal), 退场 (leaving) and PIN unlock — for
// one deputy or for several ticked at once. A bulk step goes on past a refusal and lists each one,
// so the clerk knows exactly whom to look at.
import { t, onLanguage, errorText } from '/common/i18n.js';
import { h, fill, byId } from './dom.js';
import { call, seg } from './session.js';
import { toast, showFailure, busy, confirmStep } from './notify.js';
import { sittingId, onStatus } from './sitting.js';

let deputies = [];
let loaded = false;
const ticked = new Set();
let lastPresent = null;
let reloadTimer = null;
const names = new Map();
const rosterListeners = [];

/** A deputy's name by id, for the terminal list. */
export function deputyName(id) {
  return names.get(id) ?? '';
}

/** The roster as last loaded ({id, name, …} each), and whether it has been loaded. */
export function rosterDeputies() {
  return loaded ? deputies : null;
}

/** Called each time the roster has been loaded again (the scrutineers' deputy choices follow it). */
export function onRoster(f) {
  rosterListeners.push(f);
}

export async function loadRoster() {
  const place = byId('attendance-failure');
  try {
    const answer = await call('GET', `/api/sittings/${seg(sittingId())}/roster`);
    const same = loaded && JSON.stringify(answer.deputies ?? []) === JSON.stringify(deputies);
    deputies = answer.deputies ?? [];
    names.clear();
    deputies.forEach((d) => names.set(d.id, d.name));
    loaded = true;
    showFailure(place, null);
    rosterListeners.forEach((f) => f(deputies));
    // Rows rebuilt for nothing would take the keyboard focus and the ticks' elements away.
    if (same) return renderCount();
  } catch (failure) {
    showFailure(place, failure);
  }
  renderRows();
}

function matches(d, query, filter) {
  if (filter === 'present' && !d.present) return false;
  if (filter === 'absent' && d.present) return false;
  if (filter === 'locked' && !d.locked) return false;
  if (!query) return true;
  return d.id.toLowerCase().includes(query) || d.name.toLowerCase().includes(query);
}

function visible() {
  const query = byId('attendance-search').value.trim().toLowerCase();
  const filter = byId('attendance-filter').value;
  return deputies.filter((d) => matches(d, query, filter));
}

function seat(d) {
  if (!d.present) return '—';
  return d.terminal ?? t('handCheckedIn');
}

function row(d) {
  const box = h('input', { type: 'checkbox', checked: ticked.has(d.id), 'aria-label': t('tickDeputy', { id: d.id, name: d.name }),
    dataset: { deputy: d.id }, onchange: (e) => {
      if (e.target.checked) ticked.add(d.id);
      else ticked.delete(d.id);
      renderCount();
    } });
  const actions = h('div', { class: 'row-actions' },
    d.present
      ? h('button', { type: 'button', dataset: { action: 'leave', deputy: d.id }, onclick: (e) => single(e.target, 'leave', d) }, t('leave'))
      : h('button', { type: 'button', dataset: { action: 'check-in', deputy: d.id }, onclick: (e) => single(e.target, 'check-in', d) }, t('checkIn')),
    d.locked ? h('button', { type: 'button', class: 'warn', dataset: { action: 'unlock', deputy: d.id }, onclick: (e) => single(e.target, 'unlock', d) }, t('unlock')) : null);
  return h('tr', { dataset: { deputy: d.id }, class: d.present ? 'present' : 'absent' },
    h('td', {}, box),
    h('td', { class: 'mono' }, d.id),
    h('td', {}, d.name),
    h('td', {}, h('span', { class: `pill ${d.present ? 'yes' : 'no'}` }, d.present ? t('isPresent') : t('isAbsent'))),
    h('td', { class: 'mono' }, seat(d)),
    h('td', {}, d.locked ? h('span', { class: 'pill locked' }, t('isLocked')) : ''),
    h('td', {}, actions));
}

function renderCount() {
  const count = byId('attendance-count');
  const shown = visible();
  const present = deputies.filter((d) => d.present).length;
  count.textContent = t('attendanceCount', { shown: shown.length, total: deputies.length, present, ticked: ticked.size });
  byId('bulk-check-in').disabled = ticked.size === 0;
  byId('bulk-leave').disabled = ticked.size === 0;
  const all = byId('tick-all');
  all.checked = shown.length > 0 && shown.every((d) => ticked.has(d.id));
  all.indeterminate = !all.checked && shown.some((d) => ticked.has(d.id));
}

function renderRows() {
  const body = byId('attendance-rows');
  if (!body) return;
  if (!loaded) {
    body.replaceChildren(h('tr', {}, h('td', { colspan: 7 }, t('loading'))));
    return;
  }
  const shown = visible();
  body.replaceChildren(...(shown.length ? shown.map(row) : [h('tr', {}, h('td', { colspan: 7 }, t('noDeputies')))]));
  renderCount();
}

const STEPS = {
  'check-in': (d) => call('PUT', `/api/sittings/${seg(sittingId())}/attendance/${seg(d)}`),
  'leave': (d) => call('DELETE', `/api/sittings/${seg(sittingId())}/attendance/${seg(d)}`),
  'unlock': (d) => call('POST', `/api/sittings/${seg(sittingId())}/deputies/${seg(d)}/unlock`),
};

async function single(button, step, d) {
  showFailure(byId('attendance-failure'), null);
  await busy(button, async () => {
    try {
      await STEPS[step](d.id);
      toast(t(`done.${step}`, { id: d.id, name: d.name }));
    } catch (failure) {
      showFailure(byId('attendance-failure'), failure);
    }
  });
  await loadRoster();
  // The row was rebuilt: put the focus back on it so the clerk can go on with the keyboard.
  [...document.querySelectorAll('#attendance-rows tr')].find((r) => r.dataset.deputy === d.id)?.querySelector('button')?.focus();
}

/** Each ticked deputy in turn, four at a time: a hall of thousands should not wait for one by one. */
async function bulk(button, step) {
  const chosen = deputies.filter((d) => ticked.has(d.id));
  if (step === 'leave') {
    const ok = await confirmStep({ title: t('bulkLeaveTitle'), text: t('bulkLeaveText', { count: chosen.length }), confirm: t('leave') });
    if (!ok) return;
  }
  const failures = [];
  let done = 0;
  await busy(button, async () => {
    const queue = [...chosen];
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        try {
          await STEPS[step](d.id);
          done++;
        } catch (failure) {
          failures.push({ d, failure });
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  });
  const report = byId('bulk-report');
  fill(report,
    h('p', { class: failures.length ? 'error' : 'done' }, t('bulkDone', { done, failed: failures.length })),
    failures.length ? h('ul', { id: 'bulk-failures' }, failures.map(({ d, failure }) =>
      h('li', { dataset: { deputy: d.id } }, `${d.id} ${d.name}：`, errorText(failure.code, failure.message),
        h('span', { class: 'server-words' }, ` ${failure.message ?? ''}`)))) : null);
  if (done) toast(t('bulkDone', { done, failed: failures.length }));
  if (!failures.length) ticked.clear();
  await loadRoster();
}

export function buildAttendance() {
  const panel = byId('panel-attendance');
  panel.replaceChildren(
    h('div', { class: 'toolbar' },
      h('label', { for: 'attendance-search', class: 'visually-hidden' }, t('searchDeputy')),
      h('input', { id: 'attendance-search', type: 'search', placeholder: t('searchDeputy'), oninput: renderRows }),
      h('label', { for: 'attendance-filter', class: 'visually-hidden' }, t('filter')),
      h('select', { id: 'attendance-filter', onchange: renderRows },
        ['all', 'present', 'absent', 'locked'].map((f) => h('option', { value: f }, t(`filter.${f}`)))),
      h('button', { type: 'button', id: 'bulk-check-in', class: 'primary', onclick: (e) => bulk(e.target, 'check-in') }, t('bulkCheckIn')),
      h('button', { type: 'button', id: 'bulk-leave', onclick: (e) => bulk(e.target, 'leave') }, t('bulkLeave')),
      h('button', { type: 'button', id: 'attendance-reload', onclick: loadRoster }, t('reload'))),
    h('p', { id: 'attendance-count', class: 'hint', 'aria-live': 'polite' }),
    h('div', { id: 'attendance-failure' }),
    h('div', { id: 'bulk-report', 'aria-live': 'polite' }),
    h('table', { class: 'roster wide', id: 'attendance-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, h('input', { type: 'checkbox', id: 'tick-all', 'aria-label': t('tickAll'), onchange: (e) => {
          visible().forEach((d) => (e.target.checked ? ticked.add(d.id) : ticked.delete(d.id)));
          renderRows();
        } })),
        [t('deputyId'), t('deputyName'), t('attendance'), t('seat'), t('pinLock'), t('actions')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', { id: 'attendance-rows' })));
  renderRows();
}

export function setUpAttendance() {
  onLanguage(() => {
    if (!sittingId()) return;
    const query = byId('attendance-search')?.value ?? '';
    buildAttendance();
    byId('attendance-search').value = query;
    renderRows();
  });
  // A deputy who checks in at a seat changes 实到: reload the list then (at most every two seconds),
  // rather than polling it.
  onStatus((status) => {
    if (lastPresent !== null && status.present !== lastPresent && !reloadTimer) {
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        loadRoster();
      }, 2000);
    }
    lastPresent = status.present;
  });
}

export function resetAttendance() {
  deputies = [];
  loaded = false;
  ticked.clear();
  lastPresent = null;
}
