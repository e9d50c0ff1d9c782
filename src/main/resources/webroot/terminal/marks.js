// A deputy's sheet for one ballot and the limits the page enforces while it is marked (docs/formats.md
// "Marks", docs/voting-rules.md §1–§4). The page refuses a mark that would void a ballot or a section by a
// slip — over-selection, more persons than seats, write-ins the rule does not allow — instead of sending it.
// Pure: no DOM, no storage.

export const CHOICES = {
  motion: ['for', 'against', 'abstain'],
  selection: ['for', 'against', 'abstain'],
  election: ['for', 'against', 'abstain'],
  rating: ['satisfied', 'basically', 'dissatisfied'],
};

// docs/formats.md "Write-in limits of a cast".
export const WRITE_IN_MAX_LENGTH = 64;

export function newSheet(spec) {
  const sheet = { marks: {}, writeIns: {} };
  if (spec.kind === 'election') {
    for (const section of spec.sections) {
      sheet.marks[section.id] = {};
      sheet.writeIns[section.id] = [];
    }
  }
  return sheet;
}

function count(marks, word) {
  return Object.values(marks).filter((m) => m === word).length;
}

/** What a cleaned write-in name is (docs/voting-rules.md §2, choice 11): trimmed of white space, NFC. */
export function cleanName(name) {
  return String(name ?? '').replace(/^[\s\u0085\u180e]+|[\s\u0085\u180e]+$/gu, '').normalize('NFC');
}

export function writeInRule(spec, section) {
  const rule = section.writeIns ?? {};
  // A tie revote never takes write-ins, whatever the spec says (docs/rules.md 7).
  const allowed = rule.allowed !== false && (spec.round ?? 'first') !== 'tie';
  return { allowed, requireAgainst: rule.requireAgainst !== false };
}

/** Persons a section's sheet names: its for marks and its write-in fields (an empty field holds a place). */
export function selectedInSection(sheet, sectionId) {
  return count(sheet.marks[sectionId], 'for') + sheet.writeIns[sectionId].length;
}

export function forCount(sheet) {
  return count(sheet.marks, 'for');
}

/**
 * Sets (value) or clears (null) one mark. target: {item} or {section, candidate}. Answers {ok: true} or
 * {ok: false, reason, limit} and then leaves the sheet as it was.
 */
export function setMark(spec, sheet, target, value) {
  if (spec.kind === 'election') {
    const section = spec.sections.find((s) => s.id === target.section);
    const marks = sheet.marks[section.id];
    const before = marks[target.candidate];
    if (value === 'for' && before !== 'for' && selectedInSection(sheet, section.id) >= section.seats) {
      return { ok: false, reason: 'over-seats', limit: section.seats };
    }
    if (before === 'against' && value !== 'against' && writeInRule(spec, section).requireAgainst
        && sheet.writeIns[section.id].length > count(marks, 'against') - 1) {
      return { ok: false, reason: 'write-ins-need-against' };
    }
    if (value === null) delete marks[target.candidate];
    else marks[target.candidate] = value;
    return { ok: true };
  }
  if (spec.kind === 'selection' && value === 'for' && sheet.marks[target.item] !== 'for'
      && forCount(sheet) >= spec.select) {
    return { ok: false, reason: 'over-selection', limit: spec.select };
  }
  if (value === null) delete sheet.marks[target.item];
  else sheet.marks[target.item] = value;
  return { ok: true };
}

/** Whether one more write-in field may open in a section, and if not why. */
export function canAddWriteIn(spec, sheet, sectionId) {
  const section = spec.sections.find((s) => s.id === sectionId);
  const rule = writeInRule(spec, section);
  if (!rule.allowed) return { ok: false, reason: 'write-ins-not-allowed' };
  if (selectedInSection(sheet, sectionId) >= section.seats) return { ok: false, reason: 'over-seats', limit: section.seats };
  if (rule.requireAgainst && sheet.writeIns[sectionId].length >= count(sheet.marks[sectionId], 'against')) {
    return { ok: false, reason: 'write-in-needs-against' };
  }
  return { ok: true };
}

export function addWriteIn(spec, sheet, sectionId) {
  const answer = canAddWriteIn(spec, sheet, sectionId);
  if (answer.ok) sheet.writeIns[sectionId].push('');
  return answer;
}

export function removeWriteIn(sheet, sectionId, index) {
  sheet.writeIns[sectionId].splice(index, 1);
}

/** Problems to fix before review: a write-in that would void its section (docs/voting-rules.md §2). */
export function problems(spec, sheet) {
  if (spec.kind !== 'election') return [];
  const found = [];
  for (const section of spec.sections) {
    const names = sheet.writeIns[section.id].map(cleanName).filter((n) => n !== '');
    const listed = new Set(section.candidates.map((c) => cleanName(c.name)));
    const seen = new Set();
    for (const name of names) {
      if ([...name].length > WRITE_IN_MAX_LENGTH) found.push({ reason: 'write-in-too-long', section: section.id, name });
      else if (listed.has(name)) found.push({ reason: 'write-in-is-candidate', section: section.id, name });
      else if (seen.has(name)) found.push({ reason: 'write-in-twice', section: section.id, name });
      seen.add(name);
    }
  }
  return found;
}

/** The marks JSON of the cast (docs/formats.md): unmarked entries are left out (abstain / blank). */
export function castContent(spec, sheet) {
  if (spec.kind !== 'election') return { marks: { ...sheet.marks } };
  const marks = {};
  const writeIns = {};
  for (const section of spec.sections) {
    if (Object.keys(sheet.marks[section.id]).length > 0) marks[section.id] = { ...sheet.marks[section.id] };
    const names = sheet.writeIns[section.id].map(cleanName).filter((n) => n !== '');
    if (names.length > 0) writeIns[section.id] = names;
  }
  return Object.keys(writeIns).length > 0 ? { marks, writeIns } : { marks };
}
