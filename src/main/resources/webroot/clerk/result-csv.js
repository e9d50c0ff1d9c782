// A result as a CSV file for the archive and for Excel: UTF-8 with a byte-order mark (without it Excel
// on Chinese Windows reads the file as GBK and garbles every name), CRLF line ends, one block of
// figures then one table per item list or section — the same rows as the screen and the report.
import { t } from '/common/i18n.js';
import { summaryRows, resultTables, announcementText } from './result.js';

function cell(value) {
  let text = String(value ?? '');
  // A name starting with = + - @ would run as a formula when the file is opened: quote it as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function line(cells) {
  return cells.map(cell).join(',');
}

/** The CSV text (with its BOM) of a result. */
export function resultCsv(result, sittingTitle) {
  const out = [
    line([t('reportTitle')]),
    line([t('sitting'), sittingTitle ?? '']),
    line([t('ballot'), result.title ?? result.ballot, result.ballot]),
    line([t('round'), t(`round.${result.round ?? 'first'}`)]),
    '',
    ...summaryRows(result).map(line),
  ];
  for (const x of resultTables(result)) {
    out.push('', line([x.caption]), ...(x.notes ?? []).map((n) => line([n])), line(x.head), ...x.rows.map(line));
  }
  out.push('', line([t('announcement')]), line([announcementText(result)]));
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

/** A link that saves the CSV: a blob URL (a navigation, which the page's CSP allows). */
export function csvLink(result, sittingTitle, label) {
  const blob = new Blob([resultCsv(result, sittingTitle)], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${result.ballot}-result.csv`;
  a.className = 'button';
  a.textContent = label;
  a.dataset.test = 'export-csv';
  return a;
}
