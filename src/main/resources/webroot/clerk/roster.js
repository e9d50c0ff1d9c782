// A roster file as a spreadsheet saves it. Excel on Chinese Windows writes "CSV" in the ANSI code page
// (GBK), newer versions UTF-8 with a BOM; the server takes text, so the page decodes the bytes itself:
// strict UTF-8 first (a GBK file almost never decodes as UTF-8), else GB18030, a superset of GBK.
// The same checks as the server's (hall.RosterCsv) run here so the clerk sees every bad line at once.

const HEADERS = { 'id': 'id', '代表证号': 'id', '编号': 'id', '代表编号': 'id', 'name': 'name', '姓名': 'name',
  'pin': 'pin', '密码': 'pin' };
const ID = /^[A-Za-z0-9._-]{1,64}$/;

/** {text, encoding} of a file's bytes. */
export function decodeRoster(bytes) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

/** RFC 4180 records: commas, quotes with "" escapes, line breaks inside quotes; CRLF or LF. */
export function records(text) {
  const all = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      all.push(record);
      record = [];
    } else field += c;
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    all.push(record);
  }
  return all;
}

/**
 * The deputies of a roster text and every problem, each {line, problem} with the server's codes
 * (no-header, too-few-columns, no-id, bad-id, no-name, short-pin, duplicate-id). PINs are kept only
 * to be sent: the preview never shows them.
 */
export function checkRoster(text) {
  const rows = records(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (rows.length === 0) return { deputies: [], problems: [{ line: 1, problem: 'no-header' }] };
  const header = rows[0].map((cell) => HEADERS[cell.trim().toLowerCase()] ?? cell.trim());
  const column = { id: header.indexOf('id'), name: header.indexOf('name'), pin: header.indexOf('pin') };
  if (column.id < 0 || column.name < 0 || column.pin < 0) {
    return { deputies: [], problems: [{ line: 1, problem: 'no-header' }] };
  }
  const widest = Math.max(column.id, column.name, column.pin);
  const deputies = [];
  const problems = [];
  const seen = new Set();
  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    if (row.length <= widest) return problems.push({ line, problem: 'too-few-columns' });
    const id = row[column.id].trim();
    const name = row[column.name].trim();
    const pin = row[column.pin].trim();
    if (!id) problems.push({ line, problem: 'no-id' });
    else if (!ID.test(id)) problems.push({ line, problem: 'bad-id' });
    else if (seen.has(id)) problems.push({ line, problem: 'duplicate-id' });
    if (!name) problems.push({ line, problem: 'no-name' });
    if (pin.length < 4) problems.push({ line, problem: 'short-pin' });
    if (id) seen.add(id);
    deputies.push({ line, id, name });
  });
  return { deputies, problems };
}
