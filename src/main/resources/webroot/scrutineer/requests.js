// The page's requests of its own: a ballot's paths, and the sealed bundle fetched with a GET signed by the
// scrutineer's key, kept as text byte for byte (to download and to digest).
import { ApiFailure } from '/common/api.js';
import { noteServerDate, signatureHeaders } from '/terminal/signing.js';
import { state } from './state.js';

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const RESIGN_ATTEMPTS = 3;

export const ballotPath = (ballot, tail = '') => `/api/ballots/${encodeURIComponent(ballot)}${tail}`;

/** The identity as the terminal's request signing takes it: keyid is the scrutineer's id. */
function signer() {
  return { terminal: state.identity.scrutineer, keyPair: state.identity.keyPair };
}

/** A signed GET whose answer is kept as text, byte for byte (the bundle to download and digest). */
export async function signedText(path) {
  for (let attempt = 1; ; attempt++) {
    const headers = await signatureHeaders(signer(), 'GET', path, '');
    let response;
    try {
      response = await fetch(path, { headers, cache: 'no-store' });
    } catch (e) {
      throw new ApiFailure(0, 'network', String(e));
    }
    noteServerDate(response.headers.get('date'));
    const text = await response.text();
    if (response.ok) return text;
    let json = {};
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: a proxy's page; the status says enough
    }
    const failure = new ApiFailure(response.status, json.error ?? `http-${response.status}`, json.message ?? text, json);
    if (failure.code !== 'signed-before-start' || attempt >= RESIGN_ATTEMPTS) throw failure;
    await wait(attempt * 600);
  }
}
