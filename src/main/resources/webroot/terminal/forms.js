// The ballot paper on screen, one form per kind, and the review list. Big choice buttons in the customary
// colours (赞成 green, 反对 red, 弃权 yellow); a pressed choice pressed again is taken back. Every refusal
// comes from marks.js and is said in words next to the paper; the mark is then not taken.
import { t } from '/common/i18n.js';
import {
  CHOICES, addWriteIn, canAddWriteIn, cleanName, forCount, removeWriteIn, selectedInSection, setMark, writeInRule,
} from './marks.js';

const COLOUR = {
  for: 'approve', against: 'oppose', abstain: 'abstain',
  satisfied: 'approve', basically: 'abstain', dissatisfied: 'oppose',
};

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function refusalText(answer) {
  return t(`refused-${answer.reason}`, { limit: answer.limit });
}

/** One row: a title and its choice buttons. current() reads the mark; choose(value|null) answers setMark's. */
function choiceRow(title, choices, testId, current, choose, refresh) {
  const row = element('div', 'row');
  const label = element('div', 'row-title', title);
  label.id = `title-${testId}`;
  const group = element('div', 'choices');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', label.id);
  const buttons = choices.map((choice) => {
    const button = element('button', `choice choice-${choice}`, t(choice));
    button.type = 'button';
    button.dataset.choice = choice;
    button.dataset.test = `mark-${testId}-${choice}`;
    button.addEventListener('click', () => choose(current() === choice ? null : choice));
    return button;
  });
  group.append(...buttons);
  row.append(label, group);
  refresh.push(() => {
    for (const button of buttons) {
      const pressed = current() === button.dataset.choice;
      button.setAttribute('aria-pressed', String(pressed));
      button.classList.toggle(COLOUR[button.dataset.choice], pressed);
      button.textContent = t(button.dataset.choice);
    }
  });
  return row;
}

function counter(testId, count, limit, refresh) {
  const e = element('p', 'counter');
  e.dataset.test = testId;
  e.setAttribute('aria-live', 'polite');
  refresh.push(() => (e.textContent = t('selected-count', { count: count(), limit })));
  return e;
}

function writeInArea(spec, sheet, section, changed, say, refresh) {
  const area = element('div', 'write-ins');
  area.append(element('h3', '', t('write-in-heading')));
  if (!writeInRule(spec, section).allowed) {
    area.append(element('p', 'help', t('write-in-closed')));
    return area;
  }
  const list = element('div', 'write-in-list');
  const add = element('button', 'write-in-add', t('write-in-add'));
  add.type = 'button';
  add.dataset.test = `write-in-add-${section.id}`;
  const help = element('p', 'help', t('write-in-help'));
  const draw = (focusLast) => {
    list.replaceChildren(...sheet.writeIns[section.id].map((name, index) => {
      const row = element('div', 'write-in');
      const input = element('input');
      input.value = name;
      input.maxLength = 64;
      input.dataset.test = `write-in-${section.id}-${index}`;
      input.setAttribute('aria-label', t('write-in-name'));
      input.addEventListener('input', () => {
        sheet.writeIns[section.id][index] = input.value;
        changed();
      });
      const remove = element('button', 'write-in-remove', t('write-in-remove'));
      remove.type = 'button';
      remove.addEventListener('click', () => {
        removeWriteIn(sheet, section.id, index);
        draw(false);
        changed();
        add.focus();
      });
      row.append(input, remove);
      return row;
    }));
    if (focusLast) list.lastElementChild?.querySelector('input').focus();
  };
  add.addEventListener('click', () => {
    const answer = addWriteIn(spec, sheet, section.id);
    if (!answer.ok) return say(refusalText(answer));
    draw(true);
    changed();
  });
  refresh.push(() => {
    const answer = canAddWriteIn(spec, sheet, section.id);
    add.disabled = !answer.ok;
    help.classList.toggle('hidden', answer.ok || answer.reason !== 'write-in-needs-against');
  });
  draw(false);
  area.append(list, add, help);
  return area;
}

/**
 * The form for spec over sheet. changed() runs after every accepted change (the page keeps the draft);
 * say(text) shows a refusal. Answers {element, refresh}.
 */
export function ballotForm(spec, sheet, changed, say) {
  const refresh = [];
  const form = element('div', `paper paper-${spec.kind}`);
  const update = () => refresh.forEach((f) => f());
  const choose = (target) => (value) => {
    const answer = setMark(spec, sheet, target, value);
    if (!answer.ok) {
      say(refusalText(answer));
    } else {
      say('');
      changed();
    }
    update();
  };
  if (spec.kind === 'election') {
    for (const section of spec.sections) {
      const block = element('section', 'section');
      const heading = element('h2', '', section.title ?? section.id);
      heading.append(element('span', 'seats', t('seats', { seats: section.seats })));
      block.append(heading,
        counter(`selected-${section.id}`, () => selectedInSection(sheet, section.id), section.seats, refresh));
      for (const candidate of section.candidates) {
        const target = { section: section.id, candidate: candidate.id };
        block.append(choiceRow(candidate.name, CHOICES.election, `${section.id}-${candidate.id}`,
          () => sheet.marks[section.id][candidate.id], choose(target), refresh));
      }
      block.append(writeInArea(spec, sheet, section, () => {
        changed();
        update();
      }, say, refresh));
      form.append(block);
    }
  } else {
    if (spec.kind === 'selection') {
      form.append(element('p', 'help', t('select-help', { limit: spec.select })),
        counter('selected-count', () => forCount(sheet), spec.select, refresh));
    }
    for (const item of spec.items) {
      form.append(choiceRow(item.title ?? item.id, CHOICES[spec.kind], item.id, () => sheet.marks[item.id],
        choose({ item: item.id }), refresh));
    }
  }
  update();
  return { element: form, refresh: update };
}

function reviewLine(title, mark, unmarked) {
  const li = element('li', 'review-line');
  li.append(element('span', 'review-title', title));
  li.append(mark ? element('span', `review-mark ${COLOUR[mark]}`, t(mark)) : element('span', 'review-mark unmarked', t(unmarked)));
  return li;
}

/** The list the deputy checks before casting: every item or candidate with its mark, and the write-ins. */
export function reviewList(spec, sheet) {
  const lists = [];
  if (spec.kind === 'election') {
    for (const section of spec.sections) {
      const heading = element('h2', '', section.title ?? section.id);
      const list = element('ul', 'review');
      for (const candidate of section.candidates) {
        list.append(reviewLine(candidate.name, sheet.marks[section.id][candidate.id], 'unmarked-abstain'));
      }
      for (const name of sheet.writeIns[section.id].map(cleanName).filter((n) => n !== '')) {
        list.append(reviewLine(`${t('write-in-heading')}：${name}`, 'for'));
      }
      lists.push(heading, list);
    }
  } else {
    const list = element('ul', 'review');
    for (const item of spec.items) {
      list.append(reviewLine(item.title ?? item.id, sheet.marks[item.id],
        spec.kind === 'rating' ? 'unmarked-blank' : 'unmarked-abstain'));
    }
    lists.push(list);
  }
  return lists;
}
