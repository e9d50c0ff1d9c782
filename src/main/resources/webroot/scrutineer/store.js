// What the scrutineer page keeps on this device: the identity it enrolled (sitting, scrutineer id, name,
// fingerprint) and, for a key made here, the key pair itself. As on the seat terminal (terminal/store.js),
// IndexedDB keeps a non-extractable CryptoKey as it is, so the private key never exists as bytes; a database
// of its own, so a tablet that is also a seat terminal keeps the two apart (re-enrolling one never wipes the
// other). Every write completes (the transaction commits) before the caller goes on.
const DB = 'votehall-scrutineer';
const STORE = 'state';

let opening = null;

function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function transaction(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode, { durability: 'strict' });
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function load(key) {
  return transaction('readonly', (s) => s.get(key));
}

export function save(key, value) {
  return transaction('readwrite', (s) => s.put(value, key)).then(() => value);
}

/** Forgets everything: the key pair and the identity (重新登记). */
export function clear() {
  return transaction('readwrite', (s) => s.clear());
}
