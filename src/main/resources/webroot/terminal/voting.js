// One deputy's progress through one ballot, kept in IndexedDB so that a reload or a lost answer resumes
// where it stopped and never casts twice (docs/api.md, "The secret flow", "Receipts"). Every request is
// written down BEFORE it is sent, byte for byte, so a resend is the identical request the node recognises
// (an identical issue is signed again; an identical cast is answered with the same receipt, retry: true).
// A secret ballot's token and marks are forgotten the moment the cast is acknowledged.
import * as store from './store.js';
import { call } from './requests.js';
import { castSignature } from './signing.js';
import { blind, finalize, importBlindKey, prepareToken } from './blind.js';
import { fromBase64, fromBase64Url, randomBytes, toBase64, toBase64Url, toHex } from './encoding.js';

const keyOf = (ballot, deputy) => `ballot:${ballot}:${deputy}`;
const path = (ballot, rest) => `/api/ballots/${encodeURIComponent(ballot)}/${rest}`;

/** The record of a ballot for a deputy: {phase: marking|issuing|issued|casting|cast, …}, or undefined. */
export function record(ballot, deputy) {
  return store.load(keyOf(ballot, deputy));
}

function keep(rec) {
  return store.save(keyOf(rec.ballot, rec.deputy), rec);
}

// Draft marks are written while a token is being taken: one read-change-write at a time, so neither
// overwrites the other (losing a written-down issue would make the resend a different, refused request).
let queue = Promise.resolve();

function update(ballot, deputy, change) {
  const next = queue.then(async () => {
    const rec = await record(ballot, deputy);
    const changed = await change(rec);
    return changed === rec || changed === undefined ? rec : keep(changed);
  });
  queue = next.catch(() => {});
  return next;
}

/** Forgets a ballot the deputy can no longer cast (it closed): its token and draft marks are useless now. */
export function forget(ballot, deputy) {
  const next = queue.then(() => store.remove(keyOf(ballot, deputy)));
  queue = next.catch(() => {});
  return next;
}

/** Keeps the draft marks (sheet) so a reload shows the paper as the deputy left it. */
export function keepDraft(ballot, deputy, sheet) {
  return update(ballot, deputy, (rec) => {
    if (rec?.phase === 'casting' || rec?.phase === 'cast') return rec;
    return { ...(rec ?? { ballot, deputy, phase: 'marking' }), sheet };
  });
}

/**
 * Takes the deputy's token for a secret ballot (RFC 9474: prepare, blind, issue, finalize). Resumes an
 * issue written down before a reload by resending the same body: the same blinding, so the same answer.
 */
export async function takeToken(identity, deputy, ballot) {
  let rec = await record(ballot, deputy);
  if (rec && rec.phase !== 'marking' && rec.phase !== 'issuing') return rec;
  if (!rec || rec.phase === 'marking') {
    const { blindKey } = await call('GET', path(ballot, 'blind-key'));
    const key = await importBlindKey(blindKey);
    const token = prepareToken();
    const { blindedMessage, inverse } = await blind(key, token);
    const issuing = {
      ballot,
      deputy,
      phase: 'issuing',
      token: toBase64Url(token),
      blindKey,
      inverse: inverse.toString(16),
      issueBody: JSON.stringify({ deputy, blindKey, blindedMessage: toBase64(blindedMessage) }),
    };
    rec = await update(ballot, deputy, (now) =>
      !now || now.phase === 'marking' ? { ...(now ?? {}), ...issuing } : now);
    if (rec.phase !== 'issuing') return rec;
  }
  const answer = await call('POST', path(ballot, 'issue'), { body: rec.issueBody, identity });
  const key = await importBlindKey(rec.blindKey);
  const signature = await finalize(key, fromBase64Url(rec.token), fromBase64(answer.blindSignature),
    BigInt('0x' + rec.inverse));
  // r⁻¹ and the issue request are dropped: only the token and its signature are needed to cast.
  // The deputy may have marked meanwhile: the newest draft stays.
  return update(ballot, deputy, (now) => (now?.phase !== 'issuing' ? now
    : { ballot, deputy, phase: 'issued', token: rec.token, signature: toBase64(signature), sheet: now.sheet }));
}

/**
 * Writes down the exact cast (body and path) before anything is sent. A recorded cast is signed here, once:
 * its nonce and signature stay the same on every resend; only the request's own signature is new each time.
 */
export function prepareCast(identity, deputy, spec, content) {
  return update(spec.id, deputy, async (found) => {
  const rec = found ?? { ballot: spec.id, deputy, phase: 'marking' };
  if (rec.phase === 'casting' || rec.phase === 'cast') return rec;
  let cast;
  if (spec.secret) {
    if (rec.phase !== 'issued') throw new Error('no token yet');
    const body = { token: rec.token, blindSignature: rec.signature, marks: content.marks };
    if (content.writeIns) body.writeIns = content.writeIns;
    cast = { path: path(spec.id, 'casts/secret'), body: JSON.stringify(body), anonymous: true };
  } else {
    const nonce = toHex(randomBytes(16));
    const signature = await castSignature(identity, spec.id, deputy, content.marks, nonce);
    cast = {
      path: path(spec.id, 'casts/recorded'),
      body: JSON.stringify({ deputy, nonce, marks: content.marks, signature }),
      anonymous: false,
    };
  }
  return { ...rec, phase: 'casting', secret: Boolean(spec.secret), cast };
  });
}

/**
 * Sends the cast written down (again, if a reload or a lost answer came between). Answers the receipt.
 * A secret cast goes with no identity at all; a recorded one is signed by the terminal.
 */
export async function sendCast(identity, rec) {
  const answer = await call('POST', rec.cast.path, {
    body: rec.cast.body,
    identity: rec.cast.anonymous ? undefined : identity,
  });
  await markCast(rec, answer.receipt);
  return answer;
}

/**
 * The cast is in the box. A recorded cast is public anyway and keeps its receipt; a secret one keeps only
 * that it was cast — a receipt kept would let whoever holds this tablet find the marks in the bundle.
 */
export function markCast(rec, receipt) {
  const done = { ballot: rec.ballot, deputy: rec.deputy, phase: 'cast' };
  if (!rec.secret && receipt) done.receipt = receipt;
  return update(rec.ballot, rec.deputy, () => done);
}

/** Drops a cast that the node refused as malformed: nothing was kept, the deputy marks again. */
export function withdrawCast(rec) {
  const back = { ...rec, phase: rec.secret ? 'issued' : 'marking' };
  delete back.cast;
  return update(rec.ballot, rec.deputy, () => back);
}

/** Receipt codes as the deputy reads them: the first 8 hex digits, in two groups of four. */
export function receiptCode(receipt) {
  return `${receipt.slice(0, 4)} ${receipt.slice(4, 8)}`;
}
