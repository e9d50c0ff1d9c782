// Enrolment (docs/scrutineers.md): the one-time code from the clerk and a key of the scrutineer's own —
// an Ed25519 key made here by WebCrypto, non-extractable, or the public half of a key `votehall keygen` made
// offline, pasted — sent to the node, then the identity kept on this device. And the enrolled public key
// saved as a file, for the auditors.
import { byId } from '/common/dom.js';
import { t } from '/common/i18n.js';
import { call } from '/terminal/requests.js';
import { saveBlob } from '../audit/download.js';
import * as store from './store.js';
import * as sig from './countersign.js';
import { state } from './state.js';
import { failureText } from './notify.js';

const CODE = /^\d{8}$/;

async function enrolHere(event, enrolled) {
  event.preventDefault();
  const error = byId('device-error');
  const code = byId('device-code').value.trim();
  if (!CODE.test(code)) {
    error.textContent = t('enrol-short');
    return;
  }
  error.textContent = t('working');
  let keyPair;
  let key;
  try {
    keyPair = await sig.makeKeyPair();
    key = await sig.publicKeyBase64(keyPair);
  } catch (e) {
    console.error(e);
    error.textContent = t('enrol-no-crypto');
    return;
  }
  await enrol(code, key, keyPair, error, enrolled);
}

async function enrolOffline(event, enrolled) {
  event.preventDefault();
  const error = byId('offline-error');
  let key;
  try {
    key = sig.readPublicKey(byId('offline-key').value);
  } catch (e) {
    error.textContent = failureText(e);
    return;
  }
  const code = byId('offline-code').value.trim();
  if (!CODE.test(code)) {
    error.textContent = t('enrol-short');
    return;
  }
  error.textContent = t('working');
  await enrol(code, key, null, error, enrolled);
}

async function enrol(code, key, keyPair, error, enrolled) {
  try {
    const answer = await call('POST', '/api/scrutineer-enrol', { body: { code, key } });
    await store.clear();
    state.identity = await store.save('identity', {
      sitting: answer.sitting, title: answer.title, scrutineer: answer.scrutineer, name: answer.name,
      fingerprint: answer.fingerprint ?? await sig.fingerprint(key), key, keyPair,
    });
    for (const field of ['device-code', 'offline-code', 'offline-key']) byId(field).value = '';
    error.textContent = '';
    enrolled();
  } catch (failure) {
    error.textContent = failureText(failure);
  }
}

/** The enrolled public key as a PEM file (SubjectPublicKeyInfo), for the auditors' verify --scrutineers. */
function savePublicKey() {
  const id = state.identity;
  if (!id?.key) return;
  const lines = id.key.match(/.{1,64}/g).join('\n');
  const pem = `-----BEGIN PUBLIC KEY-----\n${lines}\n-----END PUBLIC KEY-----\n`;
  saveBlob(new Blob([pem], { type: 'application/x-pem-file' }), `${id.scrutineer}.pub`);
}

/** The two enrolment forms and the public key's button; enrolled() once the node took a key. */
export function setUpEnrolment(enrolled) {
  byId('device-form').addEventListener('submit', (event) => enrolHere(event, enrolled));
  byId('offline-form').addEventListener('submit', (event) => enrolOffline(event, enrolled));
  byId('public-key').addEventListener('click', savePublicKey);
}
