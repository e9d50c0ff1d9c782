// A result (docs/formats.md, "Result") as tables: the figures of the whole ballot, then one table per
// item list or election section. The console, the CSV export and the printed 计票结果报告单 all use
// these same rows, so the three can never disagree.
import { t, language } from '/common/i18n.js';
import { h, table } from './dom.js';

const dash = (n) => (n === null || n === undefined ? '—' : String(n));

/** [label, value] of the figures every result has. */
export function summaryRows(r) {
  const rows = [
    [t('members'), dash(r.members)],
    [t('present'), dash(r.present)],
    [t('issued'), dash(r.issued)],
    [t('returned'), dash(r.returned)],
    [t('notVoted'), dash(r.notVoted)],
    [t('validBallots'), dash(r.validBallots)],
    [t('invalidBallots'), dash(r.invalidBallots)],
  ];
  if (r.required !== null && r.required !== undefined) rows.push([t('required'), dash(r.required)]);
  rows.push([t('voteValidity'), r.void ? t('voteVoid') : t('voteValid')]);
  return rows;
}

function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  // The rates are strings with four decimals (exact, from integers): shift the point, never a float.
  const [whole, fraction = '0000'] = String(rate).split('.');
  const hundredths = `${Number(whole) * 100 + Number(fraction.slice(0, 2))}.${fraction.slice(2, 4)}`;
  return `${hundredths}%`;
}

function motionTables(r) {
  return [{ caption: t('itemsCaption'), head: [t('item'), t('for'), t('against'), t('abstain'), t('required'), t('outcome')],
    rows: r.items.map((i) => [i.title, i.for, i.against, i.abstain, dash(i.required), t(`outcome.${i.outcome}`)].map(String)),
    outcomes: r.items.map((i) => i.outcome) }];
}

function electionTables(r) {
  return r.sections.map((s) => {
    const tied = new Set(s.tie?.persons ?? []);
    const runoff = new Set(s.runoffCandidates ?? []);
    const elected = new Set(s.elected ?? []);
    const fate = (id) => (elected.has(id) ? 'elected' : tied.has(id) ? 'tied' : runoff.has(id) ? 'runoff' : 'notElected');
    const rows = s.candidates.map((c) => [c.name, c.for, c.against, c.abstain, t(`fate.${fate(c.id)}`)].map(String));
    const outcomes = s.candidates.map((c) => fate(c.id));
    for (const w of s.writeIns ?? []) {
      const f = fate(`writein:${w.name}`);
      rows.push([t('writeInName', { name: w.name }), String(w.for), '—', '—', t(`fate.${f}`)]);
      outcomes.push(f);
    }
    const notes = [t('sectionFigures', { seats: s.seats, valid: s.validBallots, invalid: s.invalidBallots, required: dash(s.required) })];
    if (s.unfilled) notes.push(t('unfilledSeats', { count: s.unfilled }));
    if (s.nominationNeeded) notes.push(t('nominationNeeded'));
    return { caption: s.title, notes, head: [t('candidate'), t('for'), t('against'), t('abstain'), t('outcome')], rows, outcomes };
  });
}

function selectionTables(r) {
  const selected = new Set(r.selection?.selected ?? []);
  const tied = new Set(r.selection?.tie?.persons ?? []);
  const fate = (id) => (selected.has(id) ? 'selected' : tied.has(id) ? 'tied' : 'notSelected');
  const notes = [];
  if (r.selection?.required !== null && r.selection?.required !== undefined) notes.push(t('selectionRequired', { required: r.selection.required }));
  if (r.selection?.unfilled) notes.push(t('unfilledPlaces', { count: r.selection.unfilled }));
  return [{ caption: t('projectsCaption'), notes, head: [t('project'), t('for'), t('against'), t('abstain'), t('outcome')],
    rows: r.items.map((i) => [i.title, i.for, i.against, i.abstain, t(`fate.${fate(i.id)}`)].map(String)),
    outcomes: r.items.map((i) => fate(i.id)) }];
}

function ratingTables(r) {
  return [{ caption: t('ratingsCaption'), notes: [t(`model.${r.model}`)],
    head: [t('item'), t('satisfied'), t('basically'), t('dissatisfied'), t('blank'), t('rate'), t('satisfiedRate'), t('grade')],
    rows: r.ratings.map((i) => [i.title, i.satisfied, i.basically, i.dissatisfied, i.blank, percent(i.rate), percent(i.satisfiedRate),
      i.grade ? t(`grade.${i.grade}`) : '—'].map(String)),
    outcomes: r.ratings.map((i) => i.grade ?? 'none') }];
}

/** The per-item / per-candidate / per-project tables of a result: {caption, notes, head, rows, outcomes}. */
export function resultTables(r) {
  switch (r.kind) {
    case 'motion': return motionTables(r);
    case 'election': return electionTables(r);
    case 'selection': return selectionTables(r);
    case 'rating': return ratingTables(r);
    default: return [];
  }
}

/** The announcement in the page's language (the rules engine writes both). */
export function announcementText(r) {
  return r.announcement?.[language()] ?? r.announcement?.zh ?? '';
}

/** The whole ballot's figures in one row, as a count report lays them out. */
export function summaryTable(r) {
  const rows = summaryRows(r);
  return table(rows.map(([label]) => label), [rows.map(([, value]) => value)], { class: 'summary', dataset: { test: 'summary' } });
}

/** The result as the console shows it: announcement first (what the chair reads out), then figures. */
export function resultView(r) {
  return h('div', { class: 'result', dataset: { test: 'result' } },
    h('p', { class: 'announcement', dataset: { test: 'announcement' } }, announcementText(r)),
    summaryTable(r),
    h('div', { class: 'result-tables' },
      resultTables(r).map((x) => h('div', { class: 'figure-table' },
        h('h4', {}, x.caption),
        (x.notes ?? []).map((n) => h('p', { class: 'hint' }, n)),
        tableWithOutcomes(x)))));
}

function tableWithOutcomes(x) {
  const built = table(x.head, x.rows, { class: 'figures-table' });
  [...built.tBodies[0].rows].forEach((row, i) => row.classList.add(`outcome-${x.outcomes[i]}`));
  return built;
}
