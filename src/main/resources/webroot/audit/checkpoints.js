// Each node's latest signed ledger checkpoint. What a checkpoint holds is the ledger's business
// (docs/bundle.md: node, seq, head, signature; perhaps more), so the table shows the known fields by
// their usual names and the download keeps the answer exactly as served.
import { api } from '/common/api.js';
import { t, language } from '/common/i18n.js';
import { el } from '/common/dom.js';

/** The answer as text too: the download keeps it byte for byte. */
export async function fetchCheckpoints(token) {
  const text = await api('GET', '/api/checkpoints', { token, text: true });
  return { text, answer: JSON.parse(text) };
}

function first(object, names) {
  for (const name of names) if (object?.[name] !== undefined && object[name] !== null) return object[name];
  return undefined;
}

function when(value) {
  if (value === undefined) return '—';
  const ms = typeof value === 'number' ? (value > 1e12 ? value : value * 1000) : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  return new Date(ms).toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

const TIME = ['at', 'time', 'created', 'timestamp'];

export function checkpointTable(answer) {
  const rows = answer.checkpoints ?? [];
  if (!rows.length) return el('p', { className: 'empty' }, t('checkpoints.none'));
  // A ledger checkpoint is {node, seq, head, signature}: its order is its sequence, not a clock.
  // A time column appears only if the node ever adds one.
  const timed = rows.some((row) => first(row.checkpoint, TIME) !== undefined);
  const columns = ['checkpoints.node', 'checkpoints.seq', ...(timed ? ['checkpoints.time'] : []),
    'checkpoints.hash', 'checkpoints.signature'];
  return el('table', { className: 'listing checkpoints' },
    el('thead', {}, el('tr', {}, columns.map((key) => el('th', { attrs: { scope: 'col' } }, t(key))))),
    el('tbody', {}, rows.map((row) => {
      const c = row.checkpoint ?? {};
      const signature = first(c, ['signature', 'sig']);
      return el('tr', { test: `checkpoint-${row.node}` },
        el('td', { className: 'mono' }, String(row.node ?? first(c, ['node']) ?? '—')),
        el('td', { className: 'mono' }, String(first(c, ['seq', 'sequence']) ?? '—')),
        timed ? el('td', {}, when(first(c, TIME))) : null,
        el('td', { className: 'mono hash' }, String(first(c, ['head', 'hash']) ?? '—')),
        el('td', { className: 'mono hash' }, typeof signature === 'object' ? JSON.stringify(signature) : String(signature ?? '—')));
    })));
}

/** When the page read the checkpoints: they are the latest as of that moment. */
export function readAt(date) {
  return t('checkpoints.readAt', { time: date.toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) });
}
