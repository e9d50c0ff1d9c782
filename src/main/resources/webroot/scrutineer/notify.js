// How the page tells the scrutineer what happened and asks before a step that cannot be undone: a failure
// in words (the API's for its code, or the page's own), and the modal confirmation dialog.
import { ApiFailure } from '/common/api.js';
import { byId, el } from '/common/dom.js';
import { errorText, t } from '/common/i18n.js';
import { messages } from './messages.js';

/** What a failure says to the scrutineer: the API's words for its code, or the page's own. */
export function failureText(failure) {
  if (failure instanceof ApiFailure || failure?.code) return errorText(failure.code, failure.message);
  if (failure?.message && messages.zh[failure.message]) return t(failure.message);
  console.error(failure);
  return t('unexpected');
}

/** A modal question; answers true for the OK button, false for cancel or Escape. */
export function ask(title, body, okLabel) {
  const dialog = byId('confirm-dialog');
  byId('confirm-title').textContent = title;
  byId('confirm-body').replaceChildren(...body.map((part) => (part instanceof Node ? part : el('p', {}, part))));
  byId('confirm-ok').textContent = okLabel;
  return new Promise((resolve) => {
    const finish = (answer) => {
      byId('confirm-ok').onclick = null;
      byId('confirm-cancel').onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    byId('confirm-ok').onclick = () => finish(true);
    byId('confirm-cancel').onclick = () => finish(false);
    dialog.onclose = () => finish(false);
    dialog.showModal();
    byId('confirm-cancel').focus();
  });
}
