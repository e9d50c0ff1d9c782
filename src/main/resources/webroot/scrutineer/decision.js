// The scrutineer's decision on a sealed result (docs/scrutineers.md): countersign it or refuse it with a
// reason, each confirmed first, signed with the key on this device and sent once; the node answers with the
// ballot's countersigning. A file `votehall countersign --out` wrote is sent the same way (offline.js).
import { el } from '/common/dom.js';
import { t } from '/common/i18n.js';
import { call } from '/terminal/requests.js';
import { announcementText, resultView } from '../clerk/result.js';
import * as sig from './countersign.js';
import { state, touch } from './state.js';
import { ask, failureText } from './notify.js';
import { ballotPath } from './requests.js';

function resultSummary(result) {
  return result ? announcementText(result) : t('no-result');
}

export async function countersignBallot(b) {
  const id = b.id;
  const check = state.checks.get(id);
  if (check?.phase !== 'ready' || state.busy.has(id)) return;
  const yes = await ask(t('confirm-sign-title'), [
    t('confirm-sign-body'),
    el('p', { className: 'mine' }, t('confirm-ballot', { title: b.title ?? id, id })),
    el('div', { className: 'result' }, resultView(check.bundle.result)),
    el('p', { className: 'mono' }, t('confirm-digest', { digest: check.digest })),
    t('confirm-sign-after'),
  ], t('confirm-sign-ok'));
  if (!yes) return;
  await decide(id, async () => {
    const body = await sig.countersignature(state.identity.keyPair, {
      ballot: id, digest: check.digest, result: check.bundle.result, scrutineer: state.identity.scrutineer });
    return { answer: await call('POST', ballotPath(id, '/countersignatures'), { body }), said: t('signed-now') };
  });
}

export async function refuseBallot(b) {
  const id = b.id;
  const check = state.checks.get(id);
  if (check?.phase !== 'ready' || state.busy.has(id)) return;
  const reason = (state.reasons.get(id) ?? '').trim();
  const problem = sig.reasonProblem(reason);
  if (problem) {
    state.said.set(id, { text: t(problem), kind: 'error' });
    touch(id);
    return;
  }
  const yes = await ask(t('confirm-refuse-title'), [
    t('confirm-refuse-body'),
    el('p', { className: 'mine' }, t('confirm-ballot', { title: b.title ?? id, id })),
    resultSummary(check.bundle.result),
    el('p', { className: 'mono' }, t('confirm-digest', { digest: check.digest })),
    t('confirm-reason', { reason }),
  ], t('confirm-refuse-ok'));
  if (!yes) return;
  await decide(id, async () => {
    const body = await sig.refusal(state.identity.keyPair, {
      ballot: id, digest: check.digest, reason, scrutineer: state.identity.scrutineer });
    return { answer: await call('POST', ballotPath(id, '/refusals'), { body }), said: t('refused-now') };
  });
}

/** Sends a countersignature or refusal; the node answers the ballot's countersigning. */
export async function decide(id, send) {
  state.busy.add(id);
  state.said.set(id, { text: t('working'), kind: 'working' });
  touch(id);
  try {
    const { answer, said } = await send();
    state.panels.set(id, answer);
    state.said.set(id, { text: said, kind: 'done' });
  } catch (failure) {
    state.said.set(id, { text: failureText(failure), kind: 'error' });
  } finally {
    state.busy.delete(id);
    touch(id);
  }
}
