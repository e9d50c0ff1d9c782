// The result bundles an auditor takes away. The file is fetched with the auditor's bearer token and
// saved byte for byte: verify refuses a bundle whose bytes are not exactly the canonical JSON the
// node signed, so the page must not parse and re-serialise it.
import { ApiFailure } from '/common/api.js';
import { t } from '/common/i18n.js';
import { el } from '/common/dom.js';
import { saveBlob } from './download.js';

export function bundleFilename(ballot) {
  return `${ballot}.bundle.json`;
}

export async function fetchBundle(ballot, token) {
  let response;
  try {
    response = await fetch(`/api/ballots/${encodeURIComponent(ballot)}/bundle`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiFailure(0, 'network', String(e));
  }
  if (!response.ok) {
    let error = {};
    try {
      error = await response.json();
    } catch {
      // not JSON: keep the status
    }
    throw new ApiFailure(response.status, error.error ?? `http-${response.status}`, error.message, error);
  }
  return response.blob();
}

/** The table of ballots with a download button each; onDownload(ballot, button) does the fetching. */
export function bundleTable(ballots, onDownload) {
  if (!ballots.length) return el('p', { className: 'empty' }, t('bundles.none'));
  return el('table', { className: 'listing' },
    el('thead', {}, el('tr', {},
      el('th', { attrs: { scope: 'col' } }, t('bundles.ballot')),
      el('th', { attrs: { scope: 'col' } }, t('bundles.id')),
      el('th', { attrs: { scope: 'col' } }, t('bundles.status')),
      el('th', { attrs: { scope: 'col' } }, ''))),
    el('tbody', {}, ballots.map((b) => {
      const button = el('button', { test: `bundle-${b.id}`, attrs: { type: 'button' } }, t('bundles.download'));
      button.addEventListener('click', () => onDownload(b.id, button));
      return el('tr', {},
        el('td', {}, b.title ?? b.id),
        el('td', { className: 'mono' }, b.id),
        el('td', {}, t(`status.${b.status}`)),
        el('td', {}, button));
    })));
}

export async function downloadBundle(ballot, token) {
  const blob = await fetchBundle(ballot, token);
  saveBlob(blob, bundleFilename(ballot));
  return { file: bundleFilename(ballot), bytes: blob.size };
}

/** The verify command for a bundle, as an auditor types it (docs/formats.md, "verify"). */
export function verifyCommand(ballot) {
  return `java -jar votehall.jar verify ${bundleFilename(ballot ?? 'BALLOT')} --trust node-1.pub --trust node-2.pub --trust node-3.pub`;
}

/**
 * The same, also checking the scrutineers' countersignatures against keys the auditor got from the
 * scrutineers themselves (docs/scrutineers.md, "verify --scrutineers").
 */
export function verifyScrutineersCommand(ballot) {
  return `${verifyCommand(ballot)} --scrutineers S1.pub S2.pub S3.pub`;
}
