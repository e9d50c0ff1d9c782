// The terminal's identity and its signatures (docs/api.md): an Ed25519 key pair made here and never
// exported (only the public key leaves, at enrolment), the RFC 9421 profile every terminal request carries,
// the recorded-cast signature, and the hall's clock as the nodes' Date headers tell it.
import { canonicalJson, concat, randomBytes, toBase64, toHex, utf8 } from './encoding.js';

const ED25519 = { name: 'Ed25519' };
const CAST_TAG = 'votehall/recorded-cast/v1';

/** A new key pair; the private key cannot be exported, not even by this page. */
export async function makeKeyPair() {
  return crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
}

/** The public key as enrolment sends it: base64 of the SubjectPublicKeyInfo DER. */
export async function publicKeyText(keyPair) {
  return toBase64(new Uint8Array(await crypto.subtle.exportKey('spki', keyPair.publicKey)));
}

// The node's clock minus ours, in ms. A Date header has whole seconds, so a gap under two seconds is noise;
// a larger one (a tablet whose clock drifted) would make every signature stale or "signed before start".
let skew = 0;

export function noteServerDate(header) {
  const server = Date.parse(header ?? '');
  if (Number.isNaN(server)) return;
  const gap = server - Date.now();
  skew = Math.abs(gap) >= 2000 ? gap : 0;
}

/** The hall's time, epoch ms. */
export function hallNow() {
  return Date.now() + skew;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

async function sign(keyPair, bytes) {
  return new Uint8Array(await crypto.subtle.sign(ED25519, keyPair.privateKey, bytes));
}

/**
 * The three headers of the one profile the nodes accept: the digest of the body bytes as sent, and a
 * signature over the RFC 9421 §2.5 base itself (pure Ed25519, nothing in front), with a fresh nonce.
 */
export async function signatureHeaders(identity, method, path, bodyText) {
  const digest = `sha-256=:${toBase64(await sha256(utf8(bodyText ?? '')))}:`;
  const created = Math.floor(hallNow() / 1000);
  const nonce = toHex(randomBytes(16));
  const params = `("@method" "@path" "content-digest");created=${created};nonce="${nonce}";keyid="${identity.terminal}";alg="ed25519"`;
  const base = [
    `"@method": ${method.toUpperCase()}`,
    `"@path": ${path}`,
    `"content-digest": ${digest}`,
    `"@signature-params": ${params}`,
  ].join('\n');
  const signature = await sign(identity.keyPair, utf8(base));
  return {
    'content-digest': digest,
    'signature-input': `sig1=${params}`,
    signature: `sig1=:${toBase64(signature)}:`,
  };
}

/**
 * A recorded cast's own signature (kept in the bundle, unlike the request's): over the purpose tag, one zero
 * byte, and the canonical {ballot, deputy, marks, nonce}.
 */
export async function castSignature(identity, ballot, deputy, marks, nonce) {
  const signed = canonicalJson({ ballot, deputy, marks, nonce });
  return toBase64(await sign(identity.keyPair, concat(utf8(CAST_TAG), new Uint8Array([0]), utf8(signed))));
}
