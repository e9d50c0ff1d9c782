// The auditor's sign-in. The bearer token lives in sessionStorage: it is gone when the tab closes,
// so an audit PC left in a hall does not stay signed in for the next person.
import { api } from '/common/api.js';

const KEY = 'votehall.audit.session';

export function currentSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return saved?.token ? saved : null;
  } catch {
    return null;
  }
}

/** Signs in; resolves to the session, or rejects with an ApiFailure (code wrong-role for a clerk). */
export async function signIn(name, password) {
  const answer = await api('POST', '/api/login', { body: { name, password } });
  if (answer.role !== 'auditor') {
    const refusal = new Error('not an auditor');
    refusal.code = 'not-auditor';
    throw refusal;
  }
  const session = { name, token: answer.token };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}
