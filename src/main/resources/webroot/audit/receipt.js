// A deputy's receipt lookup: public, no sign-in. The code is typed from the terminal's screen, so
// spaces and capitals are forgiven; anything but hex digits is refused here, before it is sent.
import { api } from '/common/api.js';

/** "3F2A 9c01" → "3f2a9c01"; null unless 8 to 64 hex digits remain. */
export function normaliseReceipt(text) {
  const hex = String(text).replace(/[\s-]+/g, '').toLowerCase();
  return /^[0-9a-f]{8,64}$/.test(hex) ? hex : null;
}

/** 'found' (with the full receipt), 'not-found' or 'not-announced'; other failures are thrown. */
export async function lookUp(ballot, hex) {
  try {
    const answer = await api('GET', `/api/ballots/${encodeURIComponent(ballot)}/receipts/${hex}`);
    return answer.found ? { verdict: 'found', receipt: answer.receipt } : { verdict: 'not-found' };
  } catch (failure) {
    if (failure.code === 'not-announced') return { verdict: 'not-announced' };
    throw failure;
  }
}
