// How the console tells the clerk what happened: a short-lived toast for success, a failure box that
// stays until the next try (what to do, in the page's language, and the server's own words in small
// type for the technical staff), and a modal confirmation before a step that cannot be undone.
import { errorText, t } from '/common/i18n.js';
import { h, byId } from './dom.js';

export function toast(text) {
  const item = h('div', { class: 'toast', role: 'status' }, text);
  byId('toasts').append(item);
  setTimeout(() => item.remove(), 5000);
}

/** The element that explains a failure (an ApiFailure, or any Error as "internal"). */
export function failureText(failure) {
  const code = failure?.code ?? 'internal';
  return h('div', { class: 'failure', role: 'alert', dataset: { code } },
    h('p', { class: 'error' }, errorText(code, t('failed'))),
    failure?.message && failure.message !== code ? h('p', { class: 'server-words' }, failure.message) : null);
}

/** Shows a failure in place (replacing the previous one), or clears the place when failure is null. */
export function showFailure(place, failure) {
  place.replaceChildren(failure ? failureText(failure) : '');
}

/**
 * Asks before an irreversible step. With reason: true the clerk must type a reason (a cancellation is
 * recorded with it); resolves to the reason, true, or false when the clerk steps back.
 */
export function confirmStep({ title, text, confirm, reason = false }) {
  const dialog = byId('confirm');
  // Checked by the submit handler, not by 'required', so the dialog shows its own message.
  const reasonInput = h('textarea', { id: 'confirm-reason', rows: 3, maxlength: 500, 'aria-required': 'true',
    'aria-label': t('cancelReason') });
  const problem = h('p', { class: 'error', role: 'alert' });
  const yes = h('button', { type: 'submit', class: 'primary', id: 'confirm-yes', value: 'yes' }, confirm);
  const no = h('button', { type: 'button', id: 'confirm-no' }, t('back'));
  const form = h('form', { method: 'dialog' },
    h('h2', {}, title),
    h('p', {}, text),
    reason ? h('label', { for: 'confirm-reason' }, t('cancelReason')) : null,
    reason ? reasonInput : null,
    problem,
    h('div', { class: 'actions' }, no, yes));
  dialog.replaceChildren(form);
  return new Promise((resolve) => {
    let answer = false;
    form.addEventListener('submit', (event) => {
      if (reason && !reasonInput.value.trim()) {
        event.preventDefault();
        problem.textContent = t('reasonRequired');
        reasonInput.focus();
        return;
      }
      answer = reason ? reasonInput.value.trim() : true;
    });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      // Emptied once answered: a closed dialog keeps no stale buttons for the keyboard or a test.
      dialog.replaceChildren();
      resolve(answer);
    }, { once: true });
    dialog.showModal();
    (reason ? reasonInput : no).focus();
  });
}

/** Runs a step with its button disabled and a busy label, so a double click cannot send it twice. */
export async function busy(button, step) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = t('working');
  try {
    return await step();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}
