// The sitting the page is about: named in the address (?sitting=…) so a link can be shared, and
// read from the public status, which lists its ballots with their states.
import { api } from '/common/api.js';

export function sittingInAddress() {
  return new URLSearchParams(location.search).get('sitting') ?? '';
}

/** Puts the sitting in the address without reloading, keeping ?lang=… and the rest. */
export function rememberSitting(id) {
  const url = new URL(location.href);
  url.searchParams.set('sitting', id);
  history.replaceState(null, '', url);
}

export function loadStatus(id) {
  return api('GET', `/api/sittings/${encodeURIComponent(id)}/status`);
}

/**
 * Ballots whose result exists (closed), was announced, or was sealed and then cancelled (a result the
 * scrutineers did not countersign), in the order the status lists them.
 */
export function countedBallots(status) {
  return (status.ballots ?? []).filter((b) => b.status === 'closed' || b.status === 'announced'
    || (b.status === 'cancelled' && b.result));
}
