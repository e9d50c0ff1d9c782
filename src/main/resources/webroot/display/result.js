// The announced result (docs/formats.md, "Result") as the hall reads it from the back row: one table
// of large numerals per kind, the verdict in words, and the chair's announcement text underneath.
import { el, figure } from '/common/dom.js';
import { t, language } from '/common/i18n.js';

/** A table of many rows gets smaller numerals, so its names need not shrink as far to fit. */
function compact(table) {
  if (table.tBodies[0]?.rows.length > 5) table.classList.add('many');
  return table;
}

export function resultView(result) {
  const table = { motion: motionTable, election: electionTables, selection: selectionTable, rating: ratingTable }[result.kind];
  return el('section', { className: `result result-${result.kind}`, test: 'result' },
    summary(result),
    result.void ? el('p', { className: 'void-banner', test: 'void' }, t('result.voidBallot')) : null,
    el('div', { className: 'result-body' }, table ? [table(result)].flat().map(compact) : null),
    result.kind === 'motion' && result.items?.length === 1 && !result.void ? heroVerdict(result.items[0]) : null,
    el('p', { className: 'announcement', test: 'announcement', attrs: { lang: language() === 'en' ? 'en' : 'zh-CN' } },
      result.announcement?.[language()] ?? result.announcement?.zh ?? ''));
}

function summary(r) {
  const parts = [t('result.members', { members: figure(r.members), present: figure(r.present) })];
  if (r.kind !== 'motion') {
    parts.push(t('result.issuedReturned', { issued: figure(r.issued), returned: figure(r.returned),
      valid: figure(r.validBallots), invalid: figure(r.invalidBallots) }));
  }
  if (Number.isInteger(r.required)) parts.push(t(`result.required.${r.kind}`, { required: r.required }));
  return el('p', { className: 'result-summary', test: 'result-summary' }, parts.join('　·　'));
}

function th(text, className) {
  return el('th', { className, attrs: { scope: 'col' } }, text);
}

function num(value, test, className = '') {
  return el('td', { className: `num ${className}`.trim(), test }, figure(value));
}

function badge(key, kind, test) {
  return el('span', { className: `badge badge-${kind}`, test }, t(key));
}

function motionTable(r) {
  return el('table', { className: 'figures' },
    el('thead', {}, el('tr', {},
      th('', 'name'), th(t('result.for'), 'approve'), th(t('result.against'), 'oppose'),
      th(t('result.abstain'), 'abstain'), th(t('result.notVoted'), 'muted'), th(t('result.outcome'), 'verdict'))),
    el('tbody', {}, (r.items ?? []).map((item) => el('tr', {},
      el('th', { className: 'name', attrs: { scope: 'row' } }, item.title ?? item.id),
      num(item.for, `for-${item.id}`, 'for'), num(item.against, `against-${item.id}`),
      num(item.abstain, `abstain-${item.id}`), num(r.notVoted, `notvoted-${item.id}`),
      el('td', { className: 'verdict' }, outcomeBadge(item.outcome, `outcome-${item.id}`))))));
}

function outcomeBadge(outcome, test) {
  if (outcome === 'passed') return badge('result.passed', 'yes', test);
  if (outcome === 'void') return badge('result.void', 'void', test);
  return badge('result.failed', 'no', test);
}

function heroVerdict(item) {
  const passed = item.outcome === 'passed';
  return el('p', { className: `hero-verdict ${passed ? 'yes' : 'no'}`, test: 'verdict' },
    t(passed ? 'result.passed' : 'result.failed'));
}

function electionTables(r) {
  return (r.sections ?? []).map((section) => {
    const elected = new Set(section.elected ?? []);
    const tied = new Set(section.tie?.persons ?? []);
    const mark = (id) => (elected.has(id) ? badge('election.elected', 'yes', `elected-${id}`)
      : tied.has(id) ? badge('election.tie', 'tie', `tie-${id}`) : '');
    const rows = (section.candidates ?? []).map((c) => el('tr', {},
      el('th', { className: 'name', attrs: { scope: 'row' } }, c.name ?? c.id),
      num(c.for, `votes-${c.id}`, 'for'), num(c.against, `against-${c.id}`), num(c.abstain, `abstain-${c.id}`),
      el('td', { className: 'verdict' }, mark(c.id))));
    for (const w of section.writeIns ?? []) {
      const id = `writein:${w.name}`;
      rows.push(el('tr', { className: 'write-in' },
        el('th', { className: 'name', attrs: { scope: 'row' } }, t('election.writeIn', { name: w.name })),
        num(w.for, null, 'for'), el('td', { className: 'num' }, ''), el('td', { className: 'num' }, ''),
        el('td', { className: 'verdict' }, mark(id))));
    }
    return el('table', { className: 'figures' },
      el('caption', {}, `${section.title ?? section.id}（${t('election.seats', { seats: section.seats })}）`),
      el('thead', {}, el('tr', {},
        th(t('election.candidate'), 'name'), th(t('election.votes'), 'approve'), th(t('result.against'), 'oppose'),
        th(t('result.abstain'), 'abstain'), th(t('result.outcome'), 'verdict'))),
      el('tbody', {}, rows));
  });
}

function selectionTable(r) {
  const titles = new Map((r.items ?? []).map((i) => [i.id, i.title ?? i.id]));
  const selected = new Set(r.selection?.selected ?? []);
  const tied = new Set(r.selection?.tie?.persons ?? []);
  let rank = 0;
  let previous = null;
  const rows = (r.selection?.ranked ?? []).map((p, index) => {
    // Equal votes share a place, as the hall would say it: 1, 2, 2, 4.
    if (p.for !== previous) rank = index + 1;
    previous = p.for;
    return el('tr', { className: selected.has(p.id) ? 'chosen' : '' },
      el('td', { className: 'num rank' }, String(rank)),
      el('th', { className: 'name', attrs: { scope: 'row' } }, titles.get(p.id) ?? p.id),
      num(p.for, `votes-${p.id}`, 'for'),
      el('td', { className: 'verdict' }, selected.has(p.id) ? badge('selection.selected', 'yes', `selected-${p.id}`)
        : tied.has(p.id) ? badge('election.tie', 'tie', `tie-${p.id}`) : ''));
  });
  return el('table', { className: 'figures' },
    el('thead', {}, el('tr', {},
      th(t('selection.rank'), 'rank'), th(t('selection.project'), 'name'), th(t('selection.votes'), 'approve'),
      th(t('result.outcome'), 'verdict'))),
    el('tbody', {}, rows));
}

function ratingTable(r) {
  const lead = r.model === 'rate' ? 'rate' : 'grade';
  return el('table', { className: 'figures' },
    el('thead', {}, el('tr', {},
      th(t('rating.item'), 'name'), th(t('rating.satisfied'), 'approve'), th(t('rating.basically'), 'abstain'),
      th(t('rating.dissatisfied'), 'oppose'), th(t('rating.blank'), 'muted'), th(t('rating.rate'), lead === 'rate' ? 'lead' : ''),
      th(t('rating.grade'), lead === 'grade' ? 'lead verdict' : 'verdict'))),
    el('tbody', {}, (r.ratings ?? []).map((item) => el('tr', {},
      el('th', { className: 'name', attrs: { scope: 'row' } }, item.title ?? item.id),
      num(item.satisfied, `satisfied-${item.id}`), num(item.basically, `basically-${item.id}`),
      num(item.dissatisfied, `dissatisfied-${item.id}`), num(item.blank, `blank-${item.id}`),
      el('td', { className: 'num rate', test: `rate-${item.id}` }, percent(item.rate)),
      el('td', { className: 'verdict', test: `grade-${item.id}` },
        item.grade ? badge(`rating.${item.grade}`, item.grade === 'dissatisfied' ? 'no' : 'yes') : t('rating.noGrade'))))));
}

/** "0.9655" → "96.55%": the rules give rates as exact decimal strings, so no float arithmetic. */
function percent(rate) {
  if (typeof rate !== 'string' || !/^\d\.\d{4}$/.test(rate)) return '—';
  const digits = rate.replace('.', '');
  const whole = String(Number(digits.slice(0, 3)));
  return `${whole}.${digits.slice(3)}%`;
}
