// The terminal's calls to its node. Unlike /common/api.js it reads every answer's Date header (the hall's
// clock for signing) and signs when given the terminal's identity. A refusal is the shared ApiFailure.
import { ApiFailure } from '/common/api.js';
import { noteServerDate, signatureHeaders } from './signing.js';

// A node that restarted refuses requests signed before it started (docs/api.md, "Clock, nonces"): signing
// again with a new created and nonce is the documented answer; twice more covers a clock a second behind.
const RESIGN_ATTEMPTS = 3;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function once(method, path, bodyText, identity) {
  const headers = {};
  if (bodyText !== undefined) headers['content-type'] = 'application/json';
  if (identity) Object.assign(headers, await signatureHeaders(identity, method, path, bodyText ?? ''));
  let response;
  try {
    response = await fetch(path, { method, headers, body: bodyText, cache: 'no-store' });
  } catch (e) {
    throw new ApiFailure(0, 'network', String(e));
  }
  noteServerDate(response.headers.get('date'));
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: a proxy's page; the status says enough
  }
  if (!response.ok) {
    throw new ApiFailure(response.status, json.error ?? `http-${response.status}`, json.message ?? text, json);
  }
  return json;
}

/**
 * One call. body: an object (sent as JSON) or a string (sent byte for byte, e.g. a cast being resent);
 * identity: {terminal, keyPair} to sign with, or nothing for a public or anonymous call.
 */
export async function call(method, path, { body, identity } = {}) {
  const bodyText = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(method, path, bodyText, identity);
    } catch (failure) {
      if (failure.code !== 'signed-before-start' || attempt >= RESIGN_ATTEMPTS) throw failure;
      await wait(attempt * 600);
    }
  }
}
