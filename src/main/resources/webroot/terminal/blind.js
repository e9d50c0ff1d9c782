// The client side of RFC 9474 RSABSSA-SHA384-PSS-Randomized (docs/api.md, "The secret flow"): prepare a
// token, blind it for a node's key, and finalize the node's blind signature into an RSASSA-PSS signature.
// WebCrypto has no raw RSA, so the arithmetic is BigInt; WebCrypto gives SHA-384 and the final PSS check.
// Salt and r may be injected so the module can be checked against published vectors; a terminal never does.
import { concat, fromBase64, fromBase64Url, randomBytes, toHex } from './encoding.js';

const HASH = 'SHA-384';
const HASH_LENGTH = 48;
const SALT_LENGTH = 48;

export function bytesToBigInt(bytes) {
  return bytes.length === 0 ? 0n : BigInt('0x' + toHex(bytes));
}

export function bigIntToBytes(value, length) {
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new RangeError('integer too large');
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

export function modPow(base, exponent, modulus) {
  let result = 1n;
  base %= modulus;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
    exponent >>= 1n;
  }
  return result;
}

/** a⁻¹ mod n, or null when a and n share a factor. */
export function modInverse(a, n) {
  let [oldR, r] = [((a % n) + n) % n, n];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) return null;
  return ((oldS % n) + n) % n;
}

function bitLength(n) {
  return n.toString(2).length;
}

/** A blind public key from its JWK parts: the numbers, their sizes, and a WebCrypto key for the PSS check. */
async function fromJwk(jwk, spki) {
  const n = bytesToBigInt(fromBase64Url(jwk.n));
  const e = bytesToBigInt(fromBase64Url(jwk.e));
  const modulusBits = bitLength(n);
  const key = await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, ext: true },
    { name: 'RSA-PSS', hash: HASH }, false, ['verify']);
  return { n, e, modulusBits, length: Math.ceil(modulusBits / 8), key, spki };
}

/** A node's blind key as the API sends it (base64 SubjectPublicKeyInfo); spki is kept to send back verbatim. */
export async function importBlindKey(spkiBase64) {
  const key = await crypto.subtle.importKey('spki', fromBase64(spkiBase64), { name: 'RSA-PSS', hash: HASH },
    true, ['verify']);
  return fromJwk(await crypto.subtle.exportKey('jwk', key), spkiBase64);
}

/** A blind key from its modulus and exponent in hex (test vectors carry them so). */
export async function blindKeyFromHex(nHex, eHex) {
  const b64url = (hex) => {
    const trimmed = hex.replace(/^(00)+/, '');
    const bytes = new Uint8Array(trimmed.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(trimmed.substr(i * 2, 2), 16);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  return fromJwk({ n: b64url(nHex), e: b64url(eHex) }, null);
}

async function sha384(bytes) {
  return new Uint8Array(await crypto.subtle.digest(HASH, bytes));
}

async function mgf1(seed, length) {
  const out = new Uint8Array(length);
  for (let counter = 0, at = 0; at < length; counter++) {
    const c = new Uint8Array([counter >>> 24, (counter >>> 16) & 255, (counter >>> 8) & 255, counter & 255]);
    const block = await sha384(concat(seed, c));
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384, MGF1-SHA-384 and a 48-byte salt. */
export async function emsaPssEncode(message, emBits, salt) {
  const emLength = Math.ceil(emBits / 8);
  if (emLength < HASH_LENGTH + SALT_LENGTH + 2) throw new RangeError('encoding error');
  const mHash = await sha384(message);
  const h = await sha384(concat(new Uint8Array(8), mHash, salt));
  const db = new Uint8Array(emLength - HASH_LENGTH - 1);
  db[db.length - SALT_LENGTH - 1] = 0x01;
  db.set(salt, db.length - SALT_LENGTH);
  const mask = await mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >>> (8 * emLength - emBits);
  return concat(db, h, new Uint8Array([0xbc]));
}

/** RFC 9474 §4.1, randomized: the token is a 32-byte random prefix, then the 32-byte random message. */
export function prepareToken() {
  return concat(randomBytes(32), randomBytes(32));
}

function randomBlindingFactor(publicKey) {
  for (;;) {
    const r = bytesToBigInt(randomBytes(publicKey.length + 16)) % publicKey.n;
    if (r > 1n && modInverse(r, publicKey.n) !== null) return r;
  }
}

/**
 * RFC 9474 §4.2 Blind. Returns the blinded message (bytes of the modulus' length), the inverse of r to
 * finalize with, and the encoded message m to check the finalized signature against.
 */
export async function blind(publicKey, message, options = {}) {
  const salt = options.salt ?? randomBytes(SALT_LENGTH);
  const encoded = await emsaPssEncode(message, publicKey.modulusBits - 1, salt);
  const m = bytesToBigInt(encoded);
  if (modInverse(m, publicKey.n) === null) throw new RangeError('invalid input: m shares a factor with n');
  const r = options.r ?? randomBlindingFactor(publicKey);
  const inverse = modInverse(r, publicKey.n);
  if (inverse === null) throw new RangeError('r is not invertible');
  const blinded = (m * modPow(r, publicKey.e, publicKey.n)) % publicKey.n;
  return { blindedMessage: bigIntToBytes(blinded, publicKey.length), inverse, encoded };
}

/** RSASSA-PSS verification of a finalized signature over message, by WebCrypto. */
export async function verify(publicKey, message, signature) {
  return crypto.subtle.verify({ name: 'RSA-PSS', saltLength: SALT_LENGTH }, publicKey.key, signature, message);
}

/**
 * RFC 9474 §4.4 Finalize: s = blindSignature · r⁻¹ mod n, which must be an RSASSA-PSS signature over the
 * message; a node that signed something else is caught here, before the deputy relies on the token.
 */
export async function finalize(publicKey, message, blindSignature, inverse) {
  const z = bytesToBigInt(blindSignature);
  if (z >= publicKey.n) throw new RangeError('blind signature out of range');
  const signature = bigIntToBytes((z * inverse) % publicKey.n, publicKey.length);
  if (!(await verify(publicKey, message, signature))) throw new Error('the finalized signature does not verify');
  return signature;
}
