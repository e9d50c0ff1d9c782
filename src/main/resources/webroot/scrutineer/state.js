// What the scrutineer page knows while it is open: the enrolled identity, the sitting's latest status, and
// for each sealed ballot what the page fetched, checked, was told or is typing. Every module of the page reads
// and writes this one object; touch(ballot) marks a ballot's card as changed and draws the page again.
export const state = {
  identity: null, // {sitting, title, scrutineer, name, fingerprint, key, keyPair (null for an offline key)}
  status: null, // the sitting's latest status
  feed: null,
  checks: new Map(), // ballot → {phase: 'loading'|'ready'|'failed', text, bundle, digest, reason}
  panels: new Map(), // ballot → GET /api/ballots/{ballot}/countersignatures, or 'asking'
  offline: new Map(), // ballot → a bundle file loaded on the page: {name, bundle, digest} or {error}
  said: new Map(), // ballot → {text, kind: 'done'|'error'|'working'}
  reasons: new Map(), // ballot → the refusal reason being typed
  busy: new Set(), // ballots being signed or refused now
  versions: new Map(), // ballot → a counter bumped when anything of the page's own about it changed
  cards: new Map(), // ballot → {key, element}
  others: '',
};

let draw = () => {};

/** What draws the page again after a touch (the list of ballots). */
export function drawWith(f) {
  draw = f;
}

export function touch(ballot) {
  state.versions.set(ballot, (state.versions.get(ballot) ?? 0) + 1);
  draw();
}

/** Stops following the sitting and forgets all of it, the identity too. */
export function forgetAll() {
  state.feed?.close();
  state.feed = null;
  state.identity = null;
  state.status = null;
  for (const map of [state.checks, state.panels, state.offline, state.said, state.reasons, state.versions, state.cards]) {
    map.clear();
  }
  state.busy.clear();
  state.others = '';
}

/** The bundle digest the node gives for the ballot (null while it has not answered). */
export function sealedDigest(b) {
  const panel = state.panels.get(b.id);
  return typeof panel === 'object' ? panel.bundleDigest : null;
}
