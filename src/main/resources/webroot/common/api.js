// Calls to the votehall API (docs/api.md). A refusal becomes an ApiFailure with the API's error code;
// a lost connection becomes code "network" (status 0), so pages can say what to do in either case.
export class ApiFailure extends Error {
  constructor(status, code, message, body) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.body = body ?? {};
  }
}

/**
 * One request. options: body (an object, sent as JSON; or a string, sent as is), token (a clerk's or
 * auditor's bearer token), headers (more headers, e.g. a terminal's signature), text (answer as text).
 */
export async function api(method, path, options = {}) {
  const headers = { ...(options.headers ?? {}) };
  let body;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body, cache: 'no-store' });
  } catch (e) {
    throw new ApiFailure(0, 'network', String(e));
  }
  const text = await response.text();
  if (!response.ok) {
    let error = {};
    try {
      error = JSON.parse(text);
    } catch {
      // not JSON: a proxy's page; keep the status
    }
    throw new ApiFailure(response.status, error.error ?? `http-${response.status}`, error.message ?? text, error);
  }
  if (options.text) return text;
  return text ? JSON.parse(text) : {};
}

/** The live feed of a sitting: calls onStatus with each status; onState('open'|'lost'). */
export function watchSitting(sitting, onStatus, onState = () => {}) {
  const feed = new EventSource(`/api/sittings/${encodeURIComponent(sitting)}/live`);
  feed.addEventListener('status', (event) => {
    onState('open');
    onStatus(JSON.parse(event.data));
  });
  feed.addEventListener('error', () => onState('lost'));
  return feed;
}
