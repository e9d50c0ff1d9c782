// The clerk's login. The bearer token lives in sessionStorage: it ends with the browser tab, so a
// console left open on a shared desk is not logged in again tomorrow.
import { api, ApiFailure } from '/common/api.js';

const TOKEN = 'votehall.clerk.token';
const NAME = 'votehall.clerk.name';
const expiredListeners = [];

export function loggedIn() {
  return Boolean(sessionStorage.getItem(TOKEN));
}

export function clerkName() {
  return sessionStorage.getItem(NAME) ?? '';
}

export async function logIn(name, password) {
  const answer = await api('POST', '/api/login', { body: { name, password } });
  if (answer.role && answer.role !== 'clerk') throw new ApiFailure(403, 'wrong-role', `role ${answer.role}`);
  sessionStorage.setItem(TOKEN, answer.token);
  sessionStorage.setItem(NAME, name);
}

export function logOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(NAME);
}

/** Called when the server no longer takes the token (expired, or another node's key not trusted). */
export function onExpired(f) {
  expiredListeners.push(f);
}

/** An API call as the logged-in clerk. */
export async function call(method, path, options = {}) {
  try {
    return await api(method, path, { ...options, token: sessionStorage.getItem(TOKEN) ?? undefined });
  } catch (failure) {
    if (failure.code === 'unauthenticated') {
      logOut();
      expiredListeners.forEach((f) => f());
    }
    throw failure;
  }
}

/** The path segment for an id typed by a person: ids are [A-Za-z0-9._-], but never trust that. */
export function seg(id) {
  return encodeURIComponent(id);
}
