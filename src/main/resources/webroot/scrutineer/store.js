// What the scrutineer page keeps on this device: the identity it enrolled (sitting, scrutineer id, name,
// fingerprint) and, for a key made here, the key pair itself (non-extractable). A database of its own, so a
// tablet that is also a seat terminal keeps the two apart: re-enrolling one never wipes the other.
import { idbStore } from '/common/idb-store.js';

const store = idbStore('votehall-scrutineer');

export const load = store.load;
export const save = store.save;

/** Forgets everything: the key pair and the identity (重新登记). */
export const clear = store.clear;
