// A runoff or a revote must say so on the screen: the hall has to know it is not voting the first
// round again. The status entry carries the round; where it does not (an older server), the ballot's
// own spec is asked once.
const LABELS = { revote: 'round.revote', tie: 'round.tie', runoff: 'round.runoff' };
const fromSpec = new Map();

/** The message key of the ballot's round, or null for a first round; undefined while still asking. */
export function roundKey(ballot, changed) {
  let round = ballot.round ?? ballot.result?.round;
  let follows = ballot.follows;
  if (round === undefined) {
    if (!fromSpec.has(ballot.id)) ask(ballot.id, changed);
    const spec = fromSpec.get(ballot.id);
    if (!spec) return undefined;
    round = spec.round;
    follows = spec.follows;
  }
  if (LABELS[round]) return LABELS[round];
  return follows ? 'round.revote' : null;
}

async function ask(id, changed) {
  fromSpec.set(id, null);
  try {
    const response = await fetch(`/api/ballots/${encodeURIComponent(id)}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    const spec = (await response.json()).spec ?? {};
    fromSpec.set(id, { round: spec.round ?? 'first', follows: spec.follows ?? null });
    changed();
  } catch {
    // Asked again on a later status: a lost answer must not leave a runoff unlabelled for good.
    fromSpec.delete(id);
  }
}
