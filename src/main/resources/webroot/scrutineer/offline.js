// A scrutineer whose key is kept offline (docs/pages.md, "Scrutineer page" 5): for each result awaiting
// countersignature, the digest the node gives, a bundle file to load and check the same way, the
// `votehall countersign` commands to run on the scrutineer's own machine, and the upload of the file they wrote.
import { el } from '/common/dom.js';
import { t } from '/common/i18n.js';
import { call } from '/terminal/requests.js';
import * as sig from './countersign.js';
import { sealedDigest, state, touch } from './state.js';
import { failureText } from './notify.js';
import { ballotPath } from './requests.js';
import { line } from './check.js';
import { decide } from './decision.js';

export function offlinePart(b) {
  const id = b.id;
  const me = state.identity.scrutineer;
  const bundleFile = `${id}.bundle.json`;
  const key = `${me}.key`;
  const nodeDigest = sealedDigest(b);
  const box = el('section', { className: 'check offline', test: `offline-${id}` }, el('h4', {}, t('offline-heading')));
  if (nodeDigest) {
    box.append(el('p', {}, t('node-digest'), el('br'), el('code', { className: 'digest', test: `node-digest-${id}` }, nodeDigest)));
  }
  box.append(el('p', {}, t('offline-get-bundle', { file: bundleFile })));
  const load = el('input', { test: `bundle-file-${id}`, id: `bundle-file-${id}`, attrs: { type: 'file', accept: '.json,application/json' } });
  load.addEventListener('change', () => loadBundleFile(b, load.files?.[0]));
  box.append(el('label', { attrs: { for: `bundle-file-${id}` } }, t('offline-load-bundle')), load);
  const loaded = state.offline.get(id);
  if (loaded?.error) box.append(el('p', { className: 'error', attrs: { role: 'alert' } }, loaded.error));
  if (loaded?.bundle) {
    const agrees = nodeDigest === null || loaded.digest === nodeDigest;
    const sameResult = sig.sameResult(b.result, loaded.bundle.result);
    box.append(
      el('p', {}, t('digest'), el('br'), el('code', { className: 'digest', test: `digest-${id}` }, loaded.digest)),
      el('ul', {},
        nodeDigest === null ? null : line(agrees, t(agrees ? 'digest-matches' : 'digest-differs'), `digest-check-${id}`),
        line(sameResult, t(sameResult ? 'result-matches' : 'result-differs'), `result-check-${id}`)));
  }
  const trust = '--trust NODE.pub';
  box.append(
    el('p', {}, t('offline-sign-online')),
    el('pre', { className: 'command', test: `command-node-${id}` },
      `votehall countersign ${bundleFile} --key ${key} ${trust} --node ${location.origin}`),
    el('p', {}, t('offline-sign-file')),
    el('pre', { className: 'command', test: `command-out-${id}` },
      `votehall countersign ${bundleFile} --key ${key} ${trust} --out ${id}.countersignature.json`),
    el('p', {}, t('offline-refuse-file')),
    el('pre', { className: 'command' },
      `votehall countersign ${bundleFile} --key ${key} ${trust} --refuse "…" --out ${id}.refusal.json`),
    el('p', { className: 'hint' }, t('trust-hint')));
  const upload = el('input', { test: `upload-${id}`, id: `upload-${id}`, attrs: { type: 'file', accept: '.json,application/json' } });
  upload.disabled = state.busy.has(id);
  upload.addEventListener('change', () => uploadSignature(id, upload.files?.[0]));
  box.append(el('label', { attrs: { for: `upload-${id}` } }, t('offline-upload', { file: `${id}.countersignature.json` })), upload);
  return box;
}

async function loadBundleFile(b, file) {
  if (!file) return;
  try {
    const bundle = sig.readBundle(await file.text());
    if (bundle.ballot !== b.id) {
      state.offline.set(b.id, { error: t('offline-bundle-other', { id: bundle.ballot }) });
    } else {
      state.offline.set(b.id, { bundle, digest: await sig.bundleDigest(bundle) });
    }
  } catch (failure) {
    state.offline.set(b.id, { error: failureText(failure) });
  }
  touch(b.id);
}

/** The file `votehall countersign --out` wrote, sent as it is: a refusal if it has a reason. */
async function uploadSignature(id, file) {
  if (!file || state.busy.has(id)) return;
  let text;
  let body;
  try {
    text = await file.text();
    body = JSON.parse(text);
  } catch {
    state.said.set(id, { text: t('offline-upload-unreadable'), kind: 'error' });
    touch(id);
    return;
  }
  if (!body || typeof body !== 'object' || typeof body.signature !== 'string' || typeof body.scrutineer !== 'string') {
    state.said.set(id, { text: t('offline-upload-unreadable'), kind: 'error' });
    touch(id);
    return;
  }
  if (body.scrutineer !== state.identity.scrutineer) {
    state.said.set(id, { text: t('offline-upload-foreign', { id: body.scrutineer }), kind: 'error' });
    touch(id);
    return;
  }
  const refusing = typeof body.reason === 'string';
  await decide(id, async () => ({
    answer: await call('POST', ballotPath(id, refusing ? '/refusals' : '/countersignatures'), { body: text }),
    said: t(refusing ? 'refused-now' : 'signed-now'),
  }));
}
