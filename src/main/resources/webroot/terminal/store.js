// What the terminal must not lose on a reload or a power cut: its key pair (non-extractable), the sitting,
// the deputy, and each ballot's progress. Every write completes before the caller sends a request.
import { idbStore } from '/common/idb-store.js';

const store = idbStore('votehall-terminal');

export const load = store.load;
export const save = store.save;
export const remove = store.remove;

/** Every key kept (to find ballots left half done). */
export const keys = store.keys;

/** Forgets everything: the key pair, the sitting, the deputy and every ballot (re-enrolment). */
export const clear = store.clear;
