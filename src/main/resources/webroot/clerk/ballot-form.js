// Defining a ballot (新建表决) with a form that writes the spec of docs/formats.md: the clerk types
// titles and names one per line, the page gives them ids (m1…, c1…, p1…, r1…). 应到 (members) is the
// sitting's roster size — the server refuses any other. Candidate-count warnings (差额) come back as a
// refusal; the clerk reads them and confirms, and the same spec is sent again with confirmWarnings.
import { t, onLanguage } from '/common/i18n.js';
import { h, byId } from './dom.js';
import { call, seg } from './session.js';
import { toast, showFailure, busy } from './notify.js';
import { sittingId, currentStatus } from './sitting.js';

const KINDS = ['motion', 'election', 'selection', 'rating'];
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const WARNING_PREFIX = 'confirm these warnings to define the ballot: ';
let defined = () => {};
let sections = 0;

function lines(text) {
  return text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
}

function numbered(prefix, titles, field = 'title') {
  return titles.map((title, i) => ({ id: `${prefix}${i + 1}`, [field]: title }));
}

function value(id) {
  return byId(id)?.value.trim() ?? '';
}

function checked(id) {
  return Boolean(byId(id)?.checked);
}

/** The spec the form describes, or throws an Error whose message is a message key. */
export function specFromForm() {
  const kind = document.querySelector('input[name="ballot-kind"]:checked')?.value ?? 'motion';
  const id = value('ballot-id');
  if (!ID.test(id)) throw fieldError('ballot-id', 'badBallotId');
  const members = currentStatus()?.members;
  if (!members) throw fieldError('ballot-id', 'noMembers');
  const spec = { id, kind, title: value('ballot-title') || id, members,
    secret: kind === 'election' ? true : value('ballot-secret') === 'secret',
    threshold: { base: value('threshold-base'), fraction: value('threshold-fraction'), strict: value('threshold-strict') === 'strict' } };
  if (kind === 'motion') {
    spec.items = numbered('m', lines(value('motion-items')));
    if (!spec.items.length) throw fieldError('motion-items', 'needItems');
    if (checked('motion-participation')) spec.participationQuorum = true;
  } else if (kind === 'selection') {
    spec.items = numbered('p', lines(value('selection-items')));
    spec.select = Number(value('selection-select'));
    if (spec.items.length < 2) throw fieldError('selection-items', 'needTwoItems');
    if (!(spec.select >= 1 && spec.select < spec.items.length)) throw fieldError('selection-select', 'badSelect');
  } else if (kind === 'rating') {
    spec.items = numbered('r', lines(value('rating-items')));
    spec.model = value('rating-model');
    if (!spec.items.length) throw fieldError('rating-items', 'needItems');
  } else {
    spec.sections = [...document.querySelectorAll('.section-form')].map((s, i) => sectionSpec(s, i));
    if (!spec.sections.length) throw fieldError('add-section', 'needSection');
    if (checked('whole-ballot-void')) spec.wholeBallotVoid = true;
  }
  return spec;
}

function sectionSpec(form, index) {
  const field = (name) => form.querySelector(`[data-field="${name}"]`);
  const candidates = numbered('c', lines(field('candidates').value), 'name');
  const seats = Number(field('seats').value);
  if (!candidates.length) throw fieldError(field('candidates').id, 'needCandidates');
  if (!(seats >= 1)) throw fieldError(field('seats').id, 'badSeats');
  return { id: `s${index + 1}`, title: field('title').value.trim() || `s${index + 1}`, post: field('post').value, seats,
    candidates, writeIns: { allowed: field('write-ins').checked, requireAgainst: field('require-against').checked } };
}

function fieldError(id, key) {
  const e = new Error(key);
  e.field = id;
  return e;
}

/** The warnings of a 409 refusal: the error body's list, or the list the message carries. */
export function warningsOf(refusal) {
  if (refusal.code !== 'conflict') return [];
  if (Array.isArray(refusal.body?.warnings)) return refusal.body.warnings;
  const message = refusal.message ?? '';
  return message.startsWith(WARNING_PREFIX) ? message.slice(WARNING_PREFIX.length).split('; ') : [];
}

/**
 * Sends a definition (a spec, or a follow-up) and handles the warnings: shows them in place and lets
 * the clerk confirm. send(confirm) does the request; resolves true once the ballot exists.
 */
export async function withWarnings(place, send, onDone) {
  showFailure(place, null);
  try {
    await send(false);
    onDone();
  } catch (refusal) {
    const warnings = warningsOf(refusal);
    if (!warnings.length) return showFailure(place, refusal);
    const confirm = h('button', { type: 'button', class: 'primary', dataset: { test: 'confirm-warnings' } }, t('confirmWarnings'));
    place.replaceChildren(h('div', { class: 'warnings', role: 'alert' },
      h('h3', {}, t('warningsTitle')),
      h('p', {}, t('warningsText')),
      h('ul', {}, warnings.map((w) => h('li', { lang: 'en' }, w))),
      confirm));
    confirm.focus();
    confirm.addEventListener('click', () => busy(confirm, async () => {
      try {
        await send(true);
        place.replaceChildren();
        onDone();
      } catch (again) {
        showFailure(place, again);
      }
    }));
  }
}

async function submit(event, fromJson = false) {
  event.preventDefault();
  const place = byId('define-failure');
  showFailure(place, null);
  let spec;
  try {
    spec = fromJson ? specFromJson() : specFromForm();
  } catch (problem) {
    place.replaceChildren(h('p', { class: 'error', role: 'alert' }, t(problem.message)));
    if (problem.field) byId(problem.field)?.focus();
    return;
  }
  const button = fromJson ? byId('define-json') : byId('define-submit');
  await busy(button, () => withWarnings(place,
    (confirmWarnings) => call('POST', `/api/sittings/${seg(sittingId())}/ballots`, { body: { spec, confirmWarnings } }),
    () => {
      toast(t('ballotDefined', { title: spec.title ?? spec.id }));
      buildBallotForm(); // the next ballot starts from a blank form, not from this one's title and items
      defined(spec.id);
    }));
}

function specFromJson() {
  let spec;
  try {
    spec = JSON.parse(value('spec-json'));
  } catch {
    throw fieldError('spec-json', 'badJson');
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw fieldError('spec-json', 'badJson');
  spec.members ??= currentStatus()?.members;
  return spec;
}

function kindChosen() {
  const kind = document.querySelector('input[name="ballot-kind"]:checked')?.value ?? 'motion';
  for (const k of KINDS) byId(`fields-${k}`).classList.toggle('hidden', k !== kind);
  const secret = byId('ballot-secret');
  // An election is always secret (voting-rules §2); other kinds take the customary default.
  secret.value = kind === 'motion' ? 'recorded' : 'secret';
  secret.disabled = kind === 'election';
  byId('threshold-base').value = 'members';
}

function section() {
  sections++;
  const n = sections;
  const id = (name) => `section-${n}-${name}`;
  const part = h('fieldset', { class: 'section-form', dataset: { section: n } },
    h('legend', {}, t('sectionN')),
    h('div', { class: 'grid3' },
      h('div', {}, h('label', { for: id('title') }, t('sectionTitle')),
        h('input', { id: id('title'), dataset: { field: 'title' }, placeholder: t('sectionTitleExample') })),
      h('div', {}, h('label', { for: id('post') }, t('post')),
        h('select', { id: id('post'), dataset: { field: 'post' } },
          ['chief', 'vice', 'member'].map((p) => h('option', { value: p, selected: p === 'vice' }, t(`post.${p}`))))),
      h('div', {}, h('label', { for: id('seats') }, t('seats')),
        h('input', { id: id('seats'), type: 'number', min: 1, value: '1', dataset: { field: 'seats' } }))),
    h('label', { for: id('candidates') }, t('candidatesOnePerLine')),
    h('textarea', { id: id('candidates'), rows: 5, dataset: { field: 'candidates' } }),
    h('div', { class: 'checks' },
      h('label', {}, h('input', { type: 'checkbox', checked: true, dataset: { field: 'write-ins' } }), t('writeInsAllowed')),
      h('label', {}, h('input', { type: 'checkbox', checked: true, dataset: { field: 'require-against' } }), t('requireAgainst'))),
    h('button', { type: 'button', class: 'small', onclick: () => part.remove() }, t('removeSection')));
  byId('sections').append(part);
  return part;
}

export function buildBallotForm() {
  sections = 0;
  const option = (v, key) => h('option', { value: v }, t(key));
  byId('panel-define').replaceChildren(
    h('form', { id: 'ballot-form', class: 'card', onsubmit: (e) => submit(e) },
      h('h2', {}, t('defineTitle')),
      h('fieldset', { class: 'kinds' }, h('legend', {}, t('ballotKind')),
        KINDS.map((k, i) => h('label', { class: 'kind' },
          h('input', { type: 'radio', name: 'ballot-kind', value: k, checked: i === 0, id: `kind-${k}`, onchange: kindChosen }),
          t(`kind.${k}`)))),
      h('div', { class: 'grid3' },
        h('div', {}, h('label', { for: 'ballot-id' }, t('ballotId')),
          h('input', { id: 'ballot-id', required: true, pattern: '[A-Za-z0-9._\\-]{1,64}', maxlength: 64, autocomplete: 'off', placeholder: 'budget-2027' })),
        h('div', { class: 'span2' }, h('label', { for: 'ballot-title' }, t('ballotTitle')),
          h('input', { id: 'ballot-title', maxlength: 200 }))),
      h('div', { class: 'grid3' },
        h('div', {}, h('label', { for: 'ballot-secret' }, t('voteMode')),
          h('select', { id: 'ballot-secret' }, option('recorded', 'recorded'), option('secret', 'secret'))),
        h('div', {}, h('span', { class: 'label' }, t('members')), h('p', { class: 'members-note', id: 'ballot-members' },
          t('membersNote', { members: currentStatus()?.members ?? '—' })))),
      h('fieldset', {}, h('legend', {}, t('threshold')),
        h('div', { class: 'grid3' },
          h('div', {}, h('label', { for: 'threshold-base' }, t('thresholdBase')),
            h('select', { id: 'threshold-base' }, option('members', 'base.members'), option('present', 'base.present'), option('valid', 'base.valid'))),
          h('div', {}, h('label', { for: 'threshold-strict' }, t('thresholdStrict')),
            h('select', { id: 'threshold-strict' }, option('strict', 'strict.strict'), option('atLeast', 'strict.atLeast'))),
          h('div', {}, h('label', { for: 'threshold-fraction' }, t('thresholdFraction')),
            h('select', { id: 'threshold-fraction' }, option('1/2', 'fraction.1/2'), option('2/3', 'fraction.2/3'), option('3/4', 'fraction.3/4'), option('1/1', 'fraction.1/1'))))),
      h('div', { id: 'fields-motion' },
        h('label', { for: 'motion-items' }, t('motionItems')),
        h('textarea', { id: 'motion-items', rows: 4 }),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'motion-participation' }), t('participationQuorum'))),
      h('div', { id: 'fields-election', class: 'hidden' },
        h('div', { id: 'sections' }),
        h('button', { type: 'button', id: 'add-section', onclick: () => section().querySelector('input')?.focus() }, t('addSection')),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'whole-ballot-void' }), t('wholeBallotVoid'))),
      h('div', { id: 'fields-selection', class: 'hidden' },
        h('label', { for: 'selection-items' }, t('selectionItems')),
        h('textarea', { id: 'selection-items', rows: 5 }),
        h('label', { for: 'selection-select' }, t('selectK')),
        h('input', { id: 'selection-select', type: 'number', min: 1, value: '1' })),
      h('div', { id: 'fields-rating', class: 'hidden' },
        h('label', { for: 'rating-items' }, t('ratingItems')),
        h('textarea', { id: 'rating-items', rows: 5 }),
        h('label', { for: 'rating-model' }, t('ratingModel')),
        h('select', { id: 'rating-model' }, option('grade', 'model.grade'), option('rate', 'model.rate'))),
      h('div', { id: 'define-failure', 'aria-live': 'polite' }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', id: 'define-submit' }, t('defineBallot'))),
      h('details', { class: 'advanced' },
        h('summary', {}, t('advancedJson')),
        h('p', { class: 'hint' }, t('advancedHint')),
        h('label', { for: 'spec-json' }, t('specJson')),
        h('textarea', { id: 'spec-json', rows: 10, class: 'mono', spellcheck: 'false' }),
        h('div', { class: 'actions' },
          h('button', { type: 'button', id: 'spec-from-form', onclick: () => {
            try {
              byId('spec-json').value = JSON.stringify(specFromForm(), null, 2);
            } catch (problem) {
              byId('define-failure').replaceChildren(h('p', { class: 'error', role: 'alert' }, t(problem.message)));
            }
          } }, t('specFromForm')),
          h('button', { type: 'button', id: 'define-json', onclick: (e) => submit(e, true) }, t('defineFromJson'))))));
  section();
  kindChosen();
}

export function refreshMembers(status) {
  const note = byId('ballot-members');
  if (note) note.textContent = t('membersNote', { members: status.members });
}

export function setUpBallotForm(onDefined) {
  defined = onDefined;
  // Rebuilding on a language change would lose what the clerk typed: only the words change then,
  // at the next build; the labels of the built form stay until the panel is opened again.
  onLanguage(() => sittingId() && !byId('ballot-id')?.value && buildBallotForm());
}
