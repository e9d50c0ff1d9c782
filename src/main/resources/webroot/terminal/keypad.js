// An on-screen number pad for a seat tablet (no system keyboard pops up: the fields are inputmode="none").
// It types into the field last focused; a physical keyboard types into the fields directly, and Enter in a
// field does what the pad's OK does.
import { t } from '/common/i18n.js';

function key(label, className, action, test) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `key ${className}`;
  button.dataset.test = test;
  if (label.i18n) button.dataset.i18n = label.i18n; // relabelled when the language changes
  button.textContent = label.text ?? t(label.i18n);
  // Keep the field focused (and its caret) when the pad is tapped.
  button.addEventListener('pointerdown', (e) => e.preventDefault());
  button.addEventListener('click', action);
  return button;
}

/**
 * Builds the pad into container for the given fields (inputs, first is the default target). onOk runs on
 * the OK key or Enter.
 */
export function keypad(container, fields, onOk) {
  let target = fields[0];
  for (const field of fields) {
    field.addEventListener('focus', () => (target = field));
    field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        onOk(field);
      }
    });
  }
  const type = (change) => () => {
    const max = target.maxLength > 0 ? target.maxLength : Infinity;
    target.value = change(target.value).slice(0, max);
    target.dispatchEvent(new Event('input', { bubbles: true }));
    target.focus();
  };
  const keys = [];
  for (const digit of ['1', '2', '3', '4', '5', '6', '7', '8', '9']) {
    keys.push(key({ text: digit }, 'digit', type((v) => v + digit), `key-${digit}`));
  }
  keys.push(key({ i18n: 'key-clear' }, 'clear', type(() => ''), 'key-clear'));
  keys.push(key({ text: '0' }, 'digit', type((v) => v + '0'), 'key-0'));
  keys.push(key({ i18n: 'key-backspace' }, 'backspace', type((v) => v.slice(0, -1)), 'key-backspace'));
  keys.push(key({ i18n: 'key-ok' }, 'ok primary', () => onOk(target), 'key-ok'));
  container.replaceChildren(...keys);
  return { focus: () => target.focus(), reset: () => (target = fields[0]) };
}
