// What the terminal must not lose on a reload or a power cut: its key pair (IndexedDB keeps a
// non-extractable CryptoKey as is, so the private key never exists as bytes), the sitting, the deputy, and
// each ballot's progress. Every write completes (the transaction commits) before the caller sends a request.
const DB = 'votehall-terminal';
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

export function remove(key) {
  return transaction('readwrite', (s) => s.delete(key));
}

/** Every key kept (to find ballots left half done). */
export function keys() {
  return transaction('readonly', (s) => s.getAllKeys());
}

/** Forgets everything: the key pair, the sitting, the deputy and every ballot (re-enrolment). */
export function clear() {
  return transaction('readwrite', (s) => s.clear());
}
