// Which ballot the hall sees. The server names it (status.current: an open or closing ballot, else
// the one announced last); an older server does not, so the page works it out the same way. One rule
// is the screen's own: a ballot that closed while the hall watched stays up, as "closed, wait for the
// announcement", until the chair announces it. Otherwise the hall would see an older result the
// moment voting ends, and read it as this one's.

const LIVE = new Set(['open', 'closing']);

export function createChooser() {
  let shown = null;
  let lastAnnounced = null;
  const before = new Map();

  /** The ballot entry to show, or null for the idle screen. */
  return function choose(status) {
    const ballots = status.ballots ?? [];
    const byId = new Map(ballots.map((b) => [b.id, b]));
    for (const b of ballots) {
      if (b.status === 'announced' && before.has(b.id) && before.get(b.id) !== 'announced') lastAnnounced = b.id;
      before.set(b.id, b.status);
    }

    let id = 'current' in status ? status.current : guess(ballots, lastAnnounced);
    const kept = shown ? byId.get(shown) : null;
    if (kept?.status === 'closed' && id !== kept.id && !LIVE.has(byId.get(id)?.status)) id = kept.id;

    const chosen = id ? byId.get(id) : null;
    // Drafts and cancelled ballots never reach the hall, whatever named them.
    const visible = chosen && (LIVE.has(chosen.status) || chosen.status === 'closed' || chosen.status === 'announced');
    shown = visible ? chosen.id : null;
    return visible ? chosen : null;
  };
}

function guess(ballots, lastAnnounced) {
  const live = ballots.find((b) => LIVE.has(b.status));
  if (live) return live.id;
  const announced = ballots.filter((b) => b.status === 'announced');
  if (announced.some((b) => b.id === lastAnnounced)) return lastAnnounced;
  // Announced before this screen opened: the order of the list is all there is to go on.
  return announced.length ? announced[announced.length - 1].id : null;
}
