// The page's language: Chinese (简体中文) unless ?lang=en or the reader chose English before.
// Each page keeps its words in a messages file ({zh: {...}, en: {...}}) and calls t(key).
import { errors } from './errors.js';

const KEY = 'votehall.lang';
let current = pick();
let words = { zh: {}, en: {} };
const listeners = [];

function pick() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** The page's messages, then apply them to every element with data-i18n="key". */
export function useMessages(messages) {
  words = messages;
  apply();
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(KEY, current);
  } catch {
    // a private window may refuse storage: the choice lasts for this page only
  }
  apply();
  listeners.forEach((f) => f(current));
}

export function onLanguage(f) {
  listeners.push(f);
}

/** The message for key, with {name} replaced from vars. Falls back to Chinese, then the key. */
export function t(key, vars = {}) {
  const text = words[current]?.[key] ?? words.zh?.[key] ?? key;
  return String(text).replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** What an API error code means, in the page's language. */
export function errorText(code, fallback) {
  return errors[current]?.[code] ?? errors.zh[code] ?? fallback ?? code;
}

function apply() {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  for (const e of document.querySelectorAll('[data-i18n-label]')) e.setAttribute('aria-label', t(e.dataset.i18nLabel));
}

/** A button that switches between the two languages (its text names the other one). */
export function languageButton(button) {
  const label = () => (button.textContent = current === 'zh' ? 'English' : '中文');
  button.addEventListener('click', () => setLanguage(current === 'zh' ? 'en' : 'zh'));
  onLanguage(label);
  label();
}
