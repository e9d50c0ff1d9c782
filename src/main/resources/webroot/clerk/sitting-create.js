// Creating a sitting from a roster file: decode, check and preview it before anything is sent, so the
// clerk sees the count and the first names (are the characters right? GBK misread shows at once) and
// every bad line, then the server checks it again and may list lines of its own.
import { t, onLanguage } from '/common/i18n.js';
import { h, fill, byId, table } from './dom.js';
import { decodeRoster, checkRoster } from './roster.js';
import { call } from './session.js';
import { showFailure, busy, toast } from './notify.js';
import { rememberTitle } from './sitting.js';

const PREVIEW_ROWS = 5;
let roster = null; // {text, encoding, deputies, problems, file}

/** A list of bad lines, each with what to fix, in the page's language. */
export function problemList(problems) {
  return h('div', { class: 'problems', id: 'roster-problems', role: 'alert' },
    h('p', { class: 'error' }, t('rosterProblems', { count: problems.length })),
    h('ul', {}, problems.map((p) => h('li', { dataset: { line: p.line, problem: p.problem } },
      t('lineN', { line: p.line }), ' ', t(`problem.${p.problem}`)))));
}

function renderPreview() {
  const place = byId('roster-preview');
  if (!roster) return place.replaceChildren();
  const { deputies, problems, encoding, file } = roster;
  fill(place,
    h('div', { class: 'preview', id: 'roster-summary' },
      h('p', {}, t('rosterRead', { file, encoding, count: deputies.length })),
      deputies.length ? table([t('line'), t('deputyId'), t('deputyName')],
        deputies.slice(0, PREVIEW_ROWS).map((d) => [String(d.line), d.id, d.name]), { class: 'compact' }) : null,
      deputies.length > PREVIEW_ROWS ? h('p', { class: 'hint' }, t('andMore', { count: deputies.length - PREVIEW_ROWS })) : null),
    problems.length ? problemList(problems) : null);
}

async function readFile(input) {
  showFailure(byId('create-failure'), null);
  const file = input.files?.[0];
  if (!file) {
    roster = null;
    return renderPreview();
  }
  const decoded = decodeRoster(new Uint8Array(await file.arrayBuffer()));
  roster = { ...decoded, ...checkRoster(decoded.text), file: file.name };
  renderPreview();
  byId('roster-problems')?.scrollIntoView({ block: 'nearest' });
}

async function create(event, opened) {
  event.preventDefault();
  const failure = byId('create-failure');
  showFailure(failure, null);
  if (!roster) return byId('roster-file').focus();
  if (roster.problems.length) return byId('roster-problems')?.scrollIntoView({ block: 'center' });
  const id = byId('create-id').value.trim();
  const title = byId('create-title').value.trim();
  await busy(byId('create-submit'), async () => {
    try {
      await call('POST', '/api/sittings', {
        body: { id, title, quorum: byId('create-quorum').value, rosterCsv: roster.text },
      });
    } catch (refusal) {
      showFailure(failure, refusal);
      const problems = refusal.body?.problems;
      if (Array.isArray(problems) && problems.length) failure.append(problemList(problems));
      return;
    }
    rememberTitle(id, title);
    toast(t('sittingCreated', { id, count: roster.deputies.length }));
    // Emptied once created: the next sitting starts from a blank form, never from this roster.
    event.target.reset();
    roster = null;
    renderPreview();
    await opened(id);
  });
}

export function setUpCreate(opened) {
  byId('roster-file').addEventListener('change', (e) => readFile(e.target));
  byId('create-form').addEventListener('submit', (e) => create(e, opened));
  onLanguage(renderPreview);
}
