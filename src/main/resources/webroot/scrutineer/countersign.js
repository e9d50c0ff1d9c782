// What a scrutineer signs (docs/scrutineers.md, "What a scrutineer signs"), computed here in the page and not
// taken from the node: the bundle digest, the countersignature and the refusal, and the public key as
// enrolment sends it. Everything is over the bytes the docs give, so `votehall verify --scrutineers` checks
// what this page signed.
import { canonicalJson, concat, fromBase64, toBase64, toHex, utf8 } from '/terminal/encoding.js';
import { hallNow } from '/terminal/signing.js';

const ED25519 = { name: 'Ed25519' };
export const COUNTERSIGNATURE_TAG = 'votehall/countersignature/v1';
export const REFUSAL_TAG = 'votehall/countersign-refusal/v1';
export const REASON_MAX = 500;

// An Ed25519 SubjectPublicKeyInfo is these 12 bytes, then the 32-byte key (RFC 8410).
const SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

export async function sha256Hex(bytes) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** A new key pair whose private half cannot be exported, not even by this page. */
export function makeKeyPair() {
  return crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
}

export async function publicKeyBase64(keyPair) {
  return toBase64(new Uint8Array(await crypto.subtle.exportKey('spki', keyPair.publicKey)));
}

/** The first 16 hex digits of the SHA-256 of the key's SubjectPublicKeyInfo, as the node names keys. */
export async function fingerprint(keyBase64) {
  return (await sha256Hex(fromBase64(keyBase64))).slice(0, 16);
}

/**
 * A pasted public key: the PEM `votehall keygen` writes (S2.pub), or its base64 body alone. Answers the
 * base64 of the SubjectPublicKeyInfo, or throws an Error whose message is a messages.js key.
 */
export function readPublicKey(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) throw new Error('key-missing');
  if (/PRIVATE KEY/.test(trimmed)) throw new Error('key-private');
  const body = trimmed.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  if (/-----/.test(body) || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    throw new Error('key-unreadable');
  }
  let bytes;
  try {
    bytes = fromBase64(body);
  } catch {
    throw new Error('key-unreadable');
  }
  if (bytes.length !== SPKI_PREFIX.length + 32 || SPKI_PREFIX.some((b, i) => bytes[i] !== b)) {
    throw new Error('key-not-ed25519');
  }
  return toBase64(bytes);
}

/** A bundle's text as the node served it; throws Error('bundle-unreadable') if it is not one. */
export function readBundle(text) {
  let bundle;
  try {
    bundle = JSON.parse(text);
  } catch {
    throw new Error('bundle-unreadable');
  }
  if (!bundle || typeof bundle !== 'object' || Array.isArray(bundle) || bundle.format !== 'votehall-bundle/1') {
    throw new Error('bundle-unreadable');
  }
  return bundle;
}

/**
 * The bundle digest: SHA-256 (lower-case hex) of the canonical bundle without its countersignatures and
 * refusals — the bytes as the node sealed them.
 */
export function bundleDigest(bundle) {
  const sealed = { ...bundle };
  delete sealed.countersignatures;
  delete sealed.refusals;
  return sha256Hex(utf8(canonicalJson(sealed)));
}

/** Two results are the same result when their canonical forms are the same bytes. */
export function sameResult(a, b) {
  return a !== undefined && a !== null && canonicalJson(a) === canonicalJson(b);
}

/** UTC to the second, exactly YYYY-MM-DDTHH:MM:SSZ, on the hall's clock (the nodes' Date headers). */
export function signedAtNow(ms = hallNow()) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** TAG || 0x00 || canonical JSON. */
export function signedBytes(tag, content) {
  return concat(utf8(tag), new Uint8Array([0]), utf8(canonicalJson(content)));
}

async function sign(keyPair, bytes) {
  return toBase64(new Uint8Array(await crypto.subtle.sign(ED25519, keyPair.privateKey, bytes)));
}

/** The body of POST /api/ballots/{ballot}/countersignatures. */
export async function countersignature(keyPair, { ballot, digest, result, scrutineer, signedAt = signedAtNow() }) {
  const signature = await sign(keyPair,
    signedBytes(COUNTERSIGNATURE_TAG, { ballot, bundle: digest, result, scrutineer, signedAt }));
  return { scrutineer, signedAt, signature };
}

/** The body of POST /api/ballots/{ballot}/refusals. */
export async function refusal(keyPair, { ballot, digest, reason, scrutineer, signedAt = signedAtNow() }) {
  const signature = await sign(keyPair,
    signedBytes(REFUSAL_TAG, { ballot, bundle: digest, reason, scrutineer, signedAt }));
  return { scrutineer, signedAt, reason, signature };
}

/** A reason the node takes: 1–500 characters (code points) once trimmed. */
export function reasonProblem(reason) {
  const length = [...String(reason ?? '').trim()].length;
  if (length === 0) return 'reason-missing';
  if (length > REASON_MAX) return 'reason-long';
  return null;
}
