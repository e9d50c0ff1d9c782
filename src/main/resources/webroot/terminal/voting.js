// One deputy's progress through one ballot, kept in IndexedDB so that a reload or a lost answer resumes
// where it stopped and never casts twice (docs/api.md, "The secret flow", "Receipts"). Every request is
// written down BEFORE it is sent, byte for byte, so a resend is the identical request the node recognises
// (an identical issue is signed again; an identical cast is answered with the same receipt, retry: true).
//
// What a SECRET ballot leaves on the tablet is kept as small and as short-lived as it can be: the draft
// marks live in memory only (a reload shows an empty paper again, with the same token); the store holds the
// token state and, from the confirm on, the exact cast body (needed to resend identically); both are deleted
// the moment the cast is acknowledged. Records of ballots no longer open, or of a deputy no longer at the
// tablet, are swept (sweep()).
import { ApiFailure } from '/common/api.js';
import * as store from './store.js';
import { call } from './requests.js';
import { castSignature } from './signing.js';
import { blind, finalize, importBlindKey, prepareToken } from './blind.js';
import {
  canonicalJson, fromBase64, fromBase64Url, randomBytes, toBase64, toBase64Url, toHex, utf8,
} from './encoding.js';

const PREFIX = 'ballot:';
const keyOf = (ballot, deputy) => `${PREFIX}${ballot}:${deputy}`;
const path = (ballot, rest) => `/api/ballots/${encodeURIComponent(ballot)}/${rest}`;
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A secret ballot's draft marks, in memory only: ballot+deputy → sheet.
const drafts = new Map();

/** The record of a ballot for a deputy: {phase: marking|issuing|issued|casting|cast|unsure, …}, or undefined. */
export function record(ballot, deputy) {
  return store.load(keyOf(ballot, deputy));
}

function keep(rec) {
  return store.save(keyOf(rec.ballot, rec.deputy), rec);
}

// Records are changed one read-change-write at a time, so that no write overwrites another (losing a
// written-down issue would make the resend a different, refused request).
let queue = Promise.resolve();

function serial(work) {
  const next = queue.then(work);
  queue = next.catch(() => {});
  return next;
}

function update(ballot, deputy, change) {
  return serial(async () => {
    const rec = await record(ballot, deputy);
    const changed = await change(rec);
    return changed === rec || changed === undefined ? rec : keep(changed);
  });
}

/** Forgets a ballot the deputy can no longer cast (it closed): its token and draft marks are useless now. */
export function forget(ballot, deputy) {
  drafts.delete(keyOf(ballot, deputy));
  return serial(() => store.remove(keyOf(ballot, deputy)));
}

/** The draft marks to show: a secret ballot's from memory, a recorded ballot's from its record. */
export function draft(ballot, deputy, secret, rec) {
  return secret ? drafts.get(keyOf(ballot, deputy)) : rec?.sheet;
}

/** Forgets every secret draft held in memory (a deputy left, another checks in). */
export function dropDrafts() {
  drafts.clear();
}

/**
 * Keeps the draft marks (sheet) so the paper comes back as the deputy left it: a secret ballot's in memory
 * only, a recorded ballot's (public anyway once cast) in the store, so it survives a reload.
 */
export function keepDraft(ballot, deputy, sheet, secret) {
  if (secret) {
    drafts.set(keyOf(ballot, deputy), sheet);
    return Promise.resolve();
  }
  return update(ballot, deputy, (rec) => {
    if (rec && rec.phase !== 'marking') return rec;
    return { ...(rec ?? { ballot, deputy, phase: 'marking' }), sheet };
  });
}

/**
 * The blind key must be one the ballot publishes (its `blindKeys`): a node that handed each terminal a key
 * of its own could tell whose token a cast carries. A key published just now may not be listed yet: the
 * ballot is read once more before the key is refused.
 */
async function checkBlindKey(ballot, blindKey) {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const answer = await call('GET', `/api/ballots/${encodeURIComponent(ballot)}`);
    if (Array.isArray(answer.blindKeys) && answer.blindKeys.includes(blindKey)) return;
    if (attempt === 1) await wait(1500);
  }
  throw new ApiFailure(0, 'foreign-blind-key', 'the blind key is not one of the ballot\'s blindKeys');
}

/**
 * Takes the deputy's token for a secret ballot (RFC 9474: prepare, blind, issue, finalize). Resumes an
 * issue written down before a reload by resending the same body: the same blinding, so the same answer.
 * Always answers a record, or throws an ApiFailure (code 'token-dropped' when the record was forgotten
 * meanwhile: the ballot closed or the deputy left).
 */
export async function takeToken(identity, deputy, ballot) {
  let rec = await record(ballot, deputy);
  if (rec && rec.phase !== 'marking' && rec.phase !== 'issuing') return rec;
  if (!rec || rec.phase === 'marking') {
    const { blindKey } = await call('GET', path(ballot, 'blind-key'));
    if (typeof blindKey !== 'string' || !blindKey) throw new ApiFailure(0, 'foreign-blind-key', 'no blind key');
    await checkBlindKey(ballot, blindKey);
    const key = await importBlindKey(blindKey);
    const token = prepareToken();
    const { blindedMessage, inverse } = await blind(key, token);
    const issuing = {
      ballot,
      deputy,
      phase: 'issuing',
      secret: true,
      token: toBase64Url(token),
      blindKey,
      inverse: inverse.toString(16),
      issueBody: JSON.stringify({ deputy, blindKey, blindedMessage: toBase64(blindedMessage) }),
    };
    rec = await update(ballot, deputy, (now) => (!now || now.phase === 'marking' ? issuing : now));
    if (!rec) throw new ApiFailure(0, 'token-dropped', 'the record was forgotten');
    if (rec.phase !== 'issuing') return rec;
  }
  const answer = await call('POST', path(ballot, 'issue'), { body: rec.issueBody, identity });
  if (answer.blindKey !== undefined && answer.blindKey !== rec.blindKey) {
    throw new ApiFailure(0, 'foreign-blind-key', 'the issue answer names another blind key');
  }
  const key = await importBlindKey(rec.blindKey);
  const signature = await finalize(key, fromBase64Url(rec.token), fromBase64(answer.blindSignature),
    BigInt('0x' + rec.inverse));
  // r⁻¹ and the issue request are dropped: only the token and its signature are needed to cast.
  const issued = await update(ballot, deputy, (now) => (now?.phase !== 'issuing' ? now
    : { ballot, deputy, phase: 'issued', secret: true, token: rec.token, signature: toBase64(signature) }));
  if (!issued) throw new ApiFailure(0, 'token-dropped', 'the record was forgotten');
  return issued;
}

/**
 * Writes down the exact cast (body and path) before anything is sent. A recorded cast is signed here, once:
 * its nonce and signature stay the same on every resend; only the request's own signature is new each time.
 * A secret ballot with no token yet is refused (ApiFailure 'no-token').
 */
export function prepareCast(identity, deputy, spec, content) {
  return update(spec.id, deputy, async (found) => {
    const rec = found ?? { ballot: spec.id, deputy, phase: 'marking' };
    if (rec.phase === 'casting' || rec.phase === 'cast' || rec.phase === 'unsure') return rec;
    let cast;
    if (spec.secret) {
      if (rec.phase !== 'issued') throw new ApiFailure(0, 'no-token', 'no token yet');
      const body = { token: rec.token, blindSignature: rec.signature, marks: content.marks };
      if (content.writeIns) body.writeIns = content.writeIns;
      cast = { path: path(spec.id, 'casts/secret'), body: JSON.stringify(body), anonymous: true };
      // Nothing but the token state and the cast itself: no draft.
      return { ballot: spec.id, deputy, phase: 'casting', secret: true, cast };
    }
    const nonce = toHex(randomBytes(16));
    const signature = await castSignature(identity, spec.id, deputy, content.marks, nonce);
    cast = {
      path: path(spec.id, 'casts/recorded'),
      body: JSON.stringify({ deputy, nonce, marks: content.marks, signature }),
      anonymous: false,
      terminal: identity.terminal,
    };
    return { ...rec, phase: 'casting', secret: false, cast };
  });
}

/**
 * The receipt the node must answer for this cast: SHA-256 of the canonical box entry (docs/api.md
 * "Receipts"): secret {blindSignature, marks, token, writeIns?}, recorded {deputy, marks, nonce, signature,
 * terminal}.
 */
export async function localReceipt(rec, identity) {
  const body = JSON.parse(rec.cast.body);
  const entry = rec.cast.anonymous
    ? { blindSignature: body.blindSignature, marks: body.marks, token: body.token, writeIns: body.writeIns }
    : { deputy: body.deputy, marks: body.marks, nonce: body.nonce, signature: body.signature,
      terminal: rec.cast.terminal ?? identity?.terminal };
  const hash = await crypto.subtle.digest('SHA-256', utf8(canonicalJson(entry)));
  return toHex(new Uint8Array(hash));
}

/**
 * Sends the cast written down (again, if a reload or a lost answer came between). Answers {receipt,
 * matches}: receipt is the one computed here, matches whether the node answered the same (if not, the
 * node put something else in the box than this cast). A secret cast goes with no identity at all; a
 * recorded one is signed by the terminal.
 */
export async function sendCast(identity, rec) {
  const expected = await localReceipt(rec, identity);
  const answer = await call('POST', rec.cast.path, {
    body: rec.cast.body,
    identity: rec.cast.anonymous ? undefined : identity,
  });
  const matches = answer.receipt === expected;
  await markCast(rec, expected, !matches);
  return { receipt: expected, answered: answer.receipt, matches };
}

/**
 * The cast is in the box: the token and the cast body are deleted. A recorded cast is public anyway and
 * keeps its receipt; a secret one keeps only that it was cast — a receipt kept would let whoever holds this
 * tablet find the marks in the bundle.
 */
export function markCast(rec, receipt, mismatch = false) {
  drafts.delete(keyOf(rec.ballot, rec.deputy));
  const done = { ballot: rec.ballot, deputy: rec.deputy, phase: 'cast', secret: Boolean(rec.secret) };
  if (!rec.secret && receipt) done.receipt = receipt;
  if (mismatch) done.mismatch = true;
  return update(rec.ballot, rec.deputy, () => done);
}

/**
 * A resend was answered not-open: the first send may have been counted with its answer lost. Kept as
 * 'unsure' (never shown as an empty paper or as "not voted"); the cast body and token are dropped.
 */
export function markUnsure(rec, receipt) {
  drafts.delete(keyOf(rec.ballot, rec.deputy));
  const unsure = { ballot: rec.ballot, deputy: rec.deputy, phase: 'unsure', secret: Boolean(rec.secret) };
  if (!rec.secret && receipt) unsure.receipt = receipt;
  return update(rec.ballot, rec.deputy, () => unsure);
}

/** Drops a cast that the node refused as malformed: nothing was kept, the deputy marks again. */
export function withdrawCast(rec) {
  const back = { ...rec, phase: rec.secret ? 'issued' : 'marking' };
  delete back.cast;
  return update(rec.ballot, rec.deputy, () => back);
}

/**
 * Deletes the records of ballots not in open (a Set of ids, or null to keep every ballot) and of any deputy
 * but deputy (null: none is checked in). A cast still being sent for a ballot still open is kept: the
 * node may hold it, and only the identical resend can tell.
 */
export function sweep(open, deputy) {
  for (const key of drafts.keys()) {
    if (!key.endsWith(`:${deputy}`)) drafts.delete(key);
  }
  return serial(async () => {
    for (const key of await store.keys()) {
      if (typeof key !== 'string' || !key.startsWith(PREFIX)) continue;
      const rec = await store.load(key);
      const ballotOpen = !open || (rec && open.has(rec.ballot));
      const mine = rec && rec.deputy === deputy;
      if (rec && ballotOpen && (mine || rec.phase === 'casting')) continue;
      await store.remove(key);
    }
  });
}

/** Whether any record holds a token being taken or held, or a cast not yet acknowledged. */
export function busy() {
  return serial(async () => {
    for (const key of await store.keys()) {
      if (typeof key !== 'string' || !key.startsWith(PREFIX)) continue;
      const rec = await store.load(key);
      if (rec && ['issuing', 'issued', 'casting'].includes(rec.phase)) return true;
    }
    return false;
  });
}

/** Receipt codes as the deputy reads them: the first 8 hex digits, in two groups of four. */
export function receiptCode(receipt) {
  return `${receipt.slice(0, 4)} ${receipt.slice(4, 8)}`;
}
