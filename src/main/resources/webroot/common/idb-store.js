// A page's own IndexedDB store of small records. IndexedDB keeps a non-extractable CryptoKey as it is, so
// a private key kept here never exists as bytes. Every write completes (the transaction commits, durably)
// before the caller goes on. Each page opens its own database, so re-enrolling one never wipes another's.
const STORE = 'state';

export function idbStore(name) {
  let opening = null;

  function database() {
    opening ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
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

  return {
    load: (key) => transaction('readonly', (s) => s.get(key)),
    save: (key, value) => transaction('readwrite', (s) => s.put(value, key)).then(() => value),
    remove: (key) => transaction('readwrite', (s) => s.delete(key)),
    keys: () => transaction('readonly', (s) => s.getAllKeys()),
    clear: () => transaction('readwrite', (s) => s.clear()),
  };
}
