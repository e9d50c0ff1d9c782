// 计票结果报告单: the printable record of one ballot's count, signed on paper by the 总监票人, the
// 监票人 and the 计票人 before the chair announces it. Reads only public data (the result, the
// sitting's status and the ballot's countersignatures), so it prints from any desk without a login.
// Where scrutineers countersigned with their keys (docs/scrutineers.md) it lists who signed when, with
// each signature's short fingerprint, or who refused and why; and for every sealed ballot it prints the
// bundle digest as a QR code and in groups of four hex digits, to be scanned with a phone and compared
// with the audit page's.
import { api } from '/common/api.js';
import { useMessages, languageButton, onLanguage, t } from '/common/i18n.js';
import { messages } from './messages.js';
import { h, fill, byId, table, fours, clock } from './dom.js';
import { qrSvg } from '/common/qrcode.js';
import { failureText } from './notify.js';
import { summaryTable, resultTables, announcementText } from './result.js';

const query = new URLSearchParams(location.search);
const ballot = query.get('ballot') ?? '';
const sitting = query.get('sitting') ?? '';
let result = null;
let status = null;
let failure = null;
let countersign = null; // GET /api/ballots/{ballot}/countersignatures, or null (not sealed, or unreadable)

function sittingTitle() {
  if (status?.title) return status.title;
  try {
    return JSON.parse(localStorage.getItem('votehall.clerk.titles') ?? '{}')[sitting] ?? sitting;
  } catch {
    return sitting;
  }
}

/** A local date as the page's language writes one: 2026年12月1日, 2026-12-01. */
function dateText(d) {
  const pad = (n) => String(n).padStart(2, '0');
  const [month, day] = [d.getMonth() + 1, d.getDate()];
  return t('dateFormat', { year: d.getFullYear(), month, day, mm: pad(month), dd: pad(day) });
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
      h('dt', {}, t('date')), h('dd', {}, dateText(new Date()))),
    h('h2', {}, t('figuresTitle')),
    summaryTable(result),
    resultTables(result).map((x) => h('section', { class: 'block' },
      h('h2', {}, x.caption),
      (x.notes ?? []).map((n) => h('p', {}, n)),
      table(x.head, x.rows))),
    h('h2', {}, t('announcement')),
    h('p', { class: 'announcement', id: 'report-announcement' }, announcementText(result)),
    scrutinyBlock(),
    sealBlock(),
    h('div', { class: 'signatures' },
      signature(t('chiefScrutineer')), signature(t('scrutineer')), signature(t('teller'))),
    h('p', { class: 'footnote' }, t('reportFootnote', { ballot: result.ballot })));
}

/** An ISO instant in local time with its date, as a signature on paper is dated. */
function dated(iso) {
  const when = Date.parse(iso ?? '');
  if (!Number.isFinite(when)) return iso ?? '';
  return `${dateText(new Date(when))} ${clock(when / 1000)}`;
}

function head(...cells) {
  return h('thead', {}, h('tr', {}, cells.map((c) => h('th', { scope: 'col' }, c))));
}

/** The scrutineers' countersignatures and refusals, or a line saying none were required. */
function scrutinyBlock() {
  const c = countersign;
  if (!c) return null;
  if (c.state === 'not-required') {
    return h('section', { class: 'block scrutiny', id: 'report-scrutiny' },
      h('h2', {}, t('reportScrutineers')), h('p', { id: 'report-countersign-state', dataset: { state: c.state } }, t('reportNotRequired')));
  }
  const signed = c.countersignatures ?? [];
  const refused = c.refusals ?? [];
  return h('section', { class: 'block scrutiny', id: 'report-scrutiny' },
    h('h2', {}, t('reportScrutineers')),
    h('p', { id: 'report-countersign-state', dataset: { state: c.state } },
      t(`reportState.${c.state}`, { required: c.required, signed: signed.length, panel: (c.panel ?? []).length })),
    signed.length ? h('table', { id: 'report-countersignatures' },
      head(t('reportScrutineer'), t('reportSignedAt'), t('reportFingerprint')),
      h('tbody', {}, signed.map((s) => h('tr', { dataset: { scrutineer: s.scrutineer } },
        h('td', { dataset: { test: 'name' } }, s.name ?? s.scrutineer),
        h('td', { dataset: { test: 'signed-at' } }, dated(s.signedAt)),
        h('td', { class: 'mono', dataset: { test: 'fingerprint' } }, fours(s.fingerprint)))))) : null,
    refused.length ? h('table', { id: 'report-refusals' },
      head(t('reportRefusedBy'), t('reportSignedAt'), t('reportReason')),
      h('tbody', {}, refused.map((r) => h('tr', { dataset: { scrutineer: r.scrutineer } },
        h('td', { dataset: { test: 'name' } }, r.name ?? r.scrutineer),
        h('td', { dataset: { test: 'signed-at' } }, dated(r.signedAt)),
        h('td', { dataset: { test: 'reason' } }, r.reason ?? ''))))) : null);
}

/** The bundle digest: a QR code of exactly its 64 hex digits, and the digits in groups of four. */
function sealBlock() {
  const digest = countersign?.bundleDigest;
  if (!/^[0-9a-f]{64}$/.test(digest ?? '')) return null;
  return h('section', { class: 'block seal', id: 'report-seal' },
    h('div', { class: 'qr', id: 'report-qr', dataset: { payload: digest } }, qrSvg(digest, { label: t('reportDigestQr') })),
    h('div', { class: 'seal-text' },
      h('h2', {}, t('reportDigest')),
      h('p', { class: 'digest mono', id: 'report-digest' },
        h('span', {}, fours(digest.slice(0, 32))), h('br'), h('span', {}, fours(digest.slice(32)))),
      h('p', { class: 'hint' }, t('reportDigestHint'))));
}

async function load() {
  try {
    result = await api('GET', `/api/ballots/${encodeURIComponent(ballot)}/result`);
  } catch (refusal) {
    failure = refusal;
  }
  try {
    countersign = await api('GET', `/api/ballots/${encodeURIComponent(ballot)}/countersignatures`);
  } catch {
    // not sealed (404), or a node without countersigning: the report is printed without the block
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
