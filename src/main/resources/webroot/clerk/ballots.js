// The ballots of the sitting (from the live status): open one (optionally with a countdown), close it,
// announce its result, cancel it with a reason, and start the follow-up the result calls for. In a
// sitting with scrutineers a closed ballot waits for their countersignatures: announce stays disabled
// (with the reason) until enough are in, and after a refusal only cancel and revote are offered. A card
// is rebuilt only when its ballot changes state; the live figures (发出 / 收回, the countdown) are
// updated in place every second so the clerk's focus and typing are not lost.
import { t, language, onLanguage } from '/common/i18n.js';
import { h, byId, clock } from './dom.js';
import { call, seg } from './session.js';
import { toast, showFailure, busy, confirmStep } from './notify.js';
import { sittingId, sittingTitle, currentStatus, onStatus } from './sitting.js';
import { resultView } from './result.js';
import { csvLink } from './result-csv.js';
import { withWarnings } from './ballot-form.js';
import { countersignBlock, announceBlocked } from './countersign.js';
import { panelRequired, onPanel } from './scrutineers.js';

const ORDER = { open: 0, closing: 0, closed: 1, draft: 2, announced: 3, cancelled: 4 };
const cards = new Map(); // ballot id → {shape, element, links}

function shapeOf(b) {
  return JSON.stringify([b.status, b.title, b.note, b.closesAt, Boolean(b.result), b.round, b.follows, language(),
    b.countersign ?? null, panelRequired() > 0]);
}

function remaining(closesAt) {
  const left = Math.max(0, Math.round(closesAt - Date.now() / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/** The live parts of a card: figures while open, and the countdown. */
function liveText(b) {
  const parts = [];
  if (b.issued !== undefined && b.issued !== null) parts.push(t('issuedN', { n: b.issued }));
  if (b.returned !== undefined && b.returned !== null) parts.push(t('returnedN', { n: b.returned }));
  if (b.closesAt && (b.status === 'open' || b.status === 'closing')) {
    parts.push(t('closesIn', { left: remaining(b.closesAt), time: clock(b.closesAt) }));
  }
  return parts.join(t('gap'));
}

async function step(button, b, what, failurePlace) {
  showFailure(failurePlace, null);
  const ask = {
    close: { title: t('closeTitle'), text: t('closeText', { title: b.title ?? b.id }), confirm: t('close') },
    closeAnnounce: { title: t('closeAnnounceTitle'), text: t('closeAnnounceText', { title: b.title ?? b.id }), confirm: t('closeAnnounce') },
    announce: { title: t('announceTitle'), text: t('announceText', { title: b.title ?? b.id }), confirm: t('announce') },
    cancel: { title: t('cancelTitle'), text: t('cancelText', { title: b.title ?? b.id }), confirm: t('cancelBallot'), reason: true },
  }[what];
  const answer = ask ? await confirmStep(ask) : true;
  if (!answer) return;
  const path = `/api/ballots/${seg(b.id)}`;
  await busy(button, async () => {
    try {
      if (what === 'open') {
        const seconds = countdownSeconds(b.id);
        await call('POST', `${path}/open`, { body: seconds ? { countdownSeconds: seconds } : {} });
      } else if (what === 'close') await call('POST', `${path}/close`);
      else if (what === 'closeAnnounce') {
        await call('POST', `${path}/close`);
        await call('POST', `${path}/announce`);
      } else if (what === 'announce') await call('POST', `${path}/announce`);
      else if (what === 'cancel') await call('POST', `${path}/cancel`, { body: { reason: answer } });
      toast(t(`done.${what}`, { title: b.title ?? b.id }));
    } catch (failure) {
      showFailure(failurePlace, failure);
    }
  });
}

function countdownSeconds(id) {
  const amount = Number(byId(`countdown-${id}`)?.value || 0);
  const unit = byId(`countdown-unit-${id}`)?.value === 'minutes' ? 60 : 1;
  return amount > 0 ? Math.min(86400, Math.round(amount * unit)) : 0;
}

function actionButton(label, what, b, place, extra = '') {
  const button = h('button', { type: 'button', class: extra, dataset: { action: what, ballot: b.id } }, label);
  button.addEventListener('click', () => step(button, b, what, place));
  return button;
}

/** The follow-ups a result proposes (docs/formats.md): a tie revote, a runoff, or a new vote. */
export function proposedFollowUps(b) {
  const r = b.result;
  const kinds = [];
  if (r?.kind === 'election' && r.sections.some((s) => s.tie)) kinds.push('tie');
  if (r?.kind === 'selection' && r.selection?.tie) kinds.push('tie');
  if (r?.kind === 'election' && r.sections.some((s) => s.unfilled > 0 && (s.runoffCandidates ?? []).length)) kinds.push('runoff');
  if (r?.void || b.status === 'cancelled' || (b.status === 'closed' && b.countersign?.state === 'refused')) kinds.push('revote');
  return kinds;
}

function followUps(b, place) {
  const kinds = proposedFollowUps(b);
  if (!kinds.length) return null;
  const box = h('div', { class: 'follow-ups' }, h('h4', {}, t('followUpsTitle')));
  for (const kind of kinds) {
    const input = h('input', { id: `follow-${kind}-${b.id}`, value: `${b.id}-${kind}`, maxlength: 64, pattern: '[A-Za-z0-9._\\-]{1,64}' });
    const button = h('button', { type: 'button', class: 'primary', dataset: { followUp: kind, ballot: b.id } }, t(`followUp.${kind}`));
    button.addEventListener('click', () => busy(button, () => withWarnings(place,
      (confirmWarnings) => call('POST', `/api/ballots/${seg(b.id)}/follow-ups`, { body: { kind, id: input.value.trim(), confirmWarnings } }),
      () => toast(t('followUpMade', { id: input.value.trim() })))));
    box.append(h('div', { class: 'follow-up' },
      h('label', { for: input.id }, t('newBallotId')), input, button,
      h('span', { class: 'hint' }, t(`followUpHint.${kind}`))));
  }
  return box;
}

/**
 * A closed ballot: announce — disabled, with the reason, while the scrutineers' countersignatures are
 * awaited — and cancel while countersigning is due; after a refusal only cancel (and the revote among
 * the follow-ups).
 */
function closedActions(b, actions, body, failurePlace) {
  const state = b.countersign?.state;
  if (state === 'refused') {
    actions.append(actionButton(t('cancelBallot'), 'cancel', b, failurePlace));
    body.append(h('p', { class: 'notice refused', dataset: { test: 'refused-only' } }, t('refusedOnly')), countersignBlock(b));
    return;
  }
  const announce = actionButton(t('announce'), 'announce', b, failurePlace, 'primary');
  actions.append(announce);
  const why = announceBlocked(b);
  if (why) {
    announce.disabled = true;
    announce.setAttribute('aria-describedby', `announce-why-${b.id}`);
    actions.append(actionButton(t('cancelBallot'), 'cancel', b, failurePlace),
      h('span', { id: `announce-why-${b.id}`, class: 'announce-why', dataset: { test: 'announce-why' } }, why));
  }
  body.append(h('p', { class: 'notice' }, t(state === 'awaiting' ? 'notAnnouncedAwaiting' : 'notAnnouncedYet')), countersignBlock(b) ?? '');
}

function card(b) {
  const failurePlace = h('div', { class: 'card-failure' });
  const live = h('p', { class: 'live', 'aria-live': 'polite', dataset: { test: 'live' } }, liveText(b));
  const actions = h('div', { class: 'actions' });
  const body = h('div', { class: 'ballot-body' });
  const links = [];
  if (b.status === 'draft') {
    actions.append(
      h('label', { for: `countdown-${b.id}` }, t('countdown')),
      h('input', { id: `countdown-${b.id}`, type: 'number', min: 0, max: 86400, class: 'short', placeholder: t('noCountdown') }),
      h('label', { for: `countdown-unit-${b.id}`, class: 'visually-hidden' }, t('countdownUnit')),
      h('select', { id: `countdown-unit-${b.id}` }, h('option', { value: 'minutes' }, t('minutes')), h('option', { value: 'seconds' }, t('seconds'))),
      actionButton(t('openBallot'), 'open', b, failurePlace, 'primary'),
      actionButton(t('cancelBallot'), 'cancel', b, failurePlace));
  } else if (b.status === 'open' || b.status === 'closing') {
    actions.append(actionButton(t('close'), 'close', b, failurePlace, 'primary'));
    // With scrutineers the result cannot be announced at the close: they countersign it first.
    if (b.kind === 'motion' && !panelRequired()) actions.append(actionButton(t('closeAnnounce'), 'closeAnnounce', b, failurePlace, 'primary'));
    actions.append(actionButton(t('cancelBallot'), 'cancel', b, failurePlace));
  } else if (b.status === 'closed') {
    closedActions(b, actions, body, failurePlace);
  } else if (b.status === 'cancelled') {
    body.append(h('p', { class: 'notice', dataset: { test: 'note' } }, t('cancelledBecause', { reason: b.note ?? '' })));
  }
  if (b.status !== 'closed') body.append(countersignBlock(b) ?? '');
  if (b.result) {
    const csv = csvLink(b.result, sittingTitle(), t('exportCsv'));
    links.push(csv.href);
    const report = h('a', { class: 'button', target: '_blank', rel: 'noopener', dataset: { test: 'report' },
      href: `report.html?sitting=${encodeURIComponent(sittingId())}&ballot=${encodeURIComponent(b.id)}&lang=${language()}` }, t('printReport'));
    body.append(resultView(b.result), h('div', { class: 'actions' }, csv, report));
  }
  body.append(followUps(b, failurePlace) ?? '');
  const element = h('article', { class: `ballot status-${b.status}`, id: `ballot-${b.id}`, dataset: { ballot: b.id, status: b.status } },
    h('header', {},
      h('h3', {}, b.title ?? b.id),
      h('span', { class: `badge ${b.status}`, dataset: { test: 'status' } }, t(`status.${b.status}`)),
      h('span', { class: 'meta' }, [t(`kind.${b.kind}`), b.secret ? t('secret') : t('recorded'),
        b.round && b.round !== 'first' ? t(`round.${b.round}`) : null, b.follows ? t('follows', { id: b.follows }) : null, b.id]
        .filter(Boolean).join(' · '))),
    live, actions, failurePlace, body);
  return { element, live, links };
}

function render(status) {
  const list = byId('ballot-list');
  if (!list) return;
  const ballots = [...(status?.ballots ?? [])].sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || a.id.localeCompare(b.id));
  const seen = new Set();
  for (const b of ballots) {
    seen.add(b.id);
    const shape = shapeOf(b);
    const known = cards.get(b.id);
    if (known && known.shape === shape) {
      const text = liveText(b);
      if (known.live.textContent !== text) known.live.textContent = text;
      continue;
    }
    const built = card(b);
    if (known) {
      known.links.forEach((url) => URL.revokeObjectURL(url));
      known.element.replaceWith(built.element);
    }
    cards.set(b.id, { shape, ...built });
  }
  for (const [id, known] of cards) {
    if (!seen.has(id)) {
      known.element.remove();
      cards.delete(id);
    }
  }
  const wanted = ballots.map((b) => cards.get(b.id).element);
  // Moving nodes loses the focus, so the list is reordered only when the order really changed.
  if (wanted.some((e, i) => list.children[i] !== e) || list.children.length !== wanted.length) {
    list.replaceChildren(...wanted);
  }
  byId('ballots-empty').classList.toggle('hidden', ballots.length > 0);
}

export function buildBallots() {
  cards.clear();
  byId('panel-ballots').replaceChildren(
    h('p', { id: 'ballots-empty', class: 'notice hidden' }, t('noBallots')),
    h('div', { id: 'ballot-list', class: 'ballot-list' }));
  render(currentStatus());
}

export function setUpBallots() {
  onStatus(render);
  onPanel(() => render(currentStatus()));
  onLanguage(() => sittingId() && buildBallots());
}
