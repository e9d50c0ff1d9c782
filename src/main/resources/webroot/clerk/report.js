// 计票结果报告单: the printable record of one ballot's count, signed on paper by the 总监票人, the
// 监票人 and the 计票人 before the chair announces it. Reads only public data (the result and the
// sitting's status), so it prints from any desk without a login.
import { api } from '/common/api.js';
import { useMessages, languageButton, onLanguage, t, language } from '/common/i18n.js';
import { messages } from './messages.js';
import { h, fill, byId, table } from './dom.js';
import { failureText } from './notify.js';
import { summaryTable, resultTables, announcementText } from './result.js';

const query = new URLSearchParams(location.search);
const ballot = query.get('ballot') ?? '';
const sitting = query.get('sitting') ?? '';
let result = null;
let status = null;
let failure = null;

function sittingTitle() {
  if (status?.title) return status.title;
  try {
    return JSON.parse(localStorage.getItem('votehall.clerk.titles') ?? '{}')[sitting] ?? sitting;
  } catch {
    return sitting;
  }
}

function today() {
  const d = new Date();
  return language() === 'zh'
    ? `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
    : d.toISOString().slice(0, 10);
}

function signature(role) {
  return h('div', { class: 'signature', dataset: { test: 'signature' } },
    h('span', { class: 'role' }, role), h('span', { class: 'line', 'aria-hidden': 'true' }));
}

function render() {
  document.title = `${t('reportTitle')} · votehall`;
  const place = byId('report');
  if (failure) return place.replaceChildren(h('h1', {}, t('reportTitle')), failureText(failure));
  if (!result) return place.replaceChildren(h('p', {}, t('loading')));
  fill(place,
    h('h1', {}, t('reportTitle')),
    h('dl', { class: 'heading' },
      h('dt', {}, t('sitting')), h('dd', { id: 'report-sitting' }, sittingTitle()),
      h('dt', {}, t('ballot')), h('dd', { id: 'report-ballot' }, result.title ?? result.ballot),
      h('dt', {}, t('kindAndRound')), h('dd', {}, `${t(`kind.${result.kind}`)} · ${t(`round.${result.round ?? 'first'}`)}`),
      h('dt', {}, t('date')), h('dd', {}, today())),
    h('h2', {}, t('figuresTitle')),
    summaryTable(result),
    resultTables(result).map((x) => h('section', { class: 'block' },
      h('h2', {}, x.caption),
      (x.notes ?? []).map((n) => h('p', {}, n)),
      table(x.head, x.rows))),
    h('h2', {}, t('announcement')),
    h('p', { class: 'announcement', id: 'report-announcement' }, announcementText(result)),
    h('div', { class: 'signatures' },
      signature(t('chiefScrutineer')), signature(t('scrutineer')), signature(t('teller'))),
    h('p', { class: 'footnote' }, t('reportFootnote', { ballot: result.ballot })));
}

async function load() {
  try {
    result = await api('GET', `/api/ballots/${encodeURIComponent(ballot)}/result`);
  } catch (refusal) {
    failure = refusal;
  }
  if (sitting) {
    try {
      status = await api('GET', `/api/sittings/${encodeURIComponent(sitting)}/status`);
    } catch {
      // the title falls back to what this computer remembers, or the id
    }
  }
  render();
}

useMessages(messages);
languageButton(byId('language'));
onLanguage(render);
byId('print').addEventListener('click', () => window.print());
load();
