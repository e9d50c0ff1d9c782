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

// The feed sends a status every second: this long without one means the link is gone even when the browser
// has not noticed (a proxy or a sleeping Wi-Fi link can keep a socket half open).
const FEED_SILENCE_MS = 10000;
const FEED_RETRY_MIN_MS = 1000;
const FEED_RETRY_MAX_MS = 15000;

/**
 * The live feed of a sitting: calls onStatus with each status; onState('open'|'lost'). The feed never stays
 * dead: a stream the browser gave up on (readyState CLOSED after an HTTP error) or one silent for ~10 s is
 * opened again, after a pause that doubles on each failure (1 s … 15 s) and starts over once a status came.
 * Answers {close()} to stop following.
 */
export function watchSitting(sitting, onStatus, onState = () => {}) {
  const url = `/api/sittings/${encodeURIComponent(sitting)}/live`;
  let feed = null;
  let silence = null;
  let retry = null;
  let pause = FEED_RETRY_MIN_MS;
  let stopped = false;

  function listen() {
    retry = null;
    if (stopped) return;
    feed = new EventSource(url);
    watchSilence();
    feed.addEventListener('status', (event) => {
      let status;
      try {
        status = JSON.parse(event.data);
      } catch {
        return; // a garbled event: the next one comes within a second
      }
      pause = FEED_RETRY_MIN_MS;
      watchSilence();
      onState('open');
      onStatus(status);
    });
    feed.addEventListener('error', () => {
      onState('lost');
      // The browser retries a dropped stream by itself, but never one refused (404, 5xx): start over.
      if (feed?.readyState === EventSource.CLOSED) restart();
    });
  }

  function watchSilence() {
    clearTimeout(silence);
    silence = setTimeout(() => {
      onState('lost');
      restart();
    }, FEED_SILENCE_MS);
  }

  function restart() {
    clearTimeout(silence);
    feed?.close();
    feed = null;
    if (stopped || retry) return;
    retry = setTimeout(listen, pause);
    pause = Math.min(FEED_RETRY_MAX_MS, pause * 2);
  }

  listen();
  return {
    close() {
      stopped = true;
      clearTimeout(silence);
      clearTimeout(retry);
      feed?.close();
      feed = null;
    },
  };
}
