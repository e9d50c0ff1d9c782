// The sitting's status, kept flowing to the screen: one fetch first (it tells an unknown sitting
// apart, and its Date header sets the hall clock), then the live feed of one status a second. A
// screen on a projector is left alone for hours, so every failure ends in a retry, never in a dead page.
import { learnOffset } from './clock.js';

const RETRY_MS = 4000;
// The feed sends a status every second; this long without one means the connection is gone even
// when the browser has not noticed (a proxy or a sleeping Wi-Fi link keeps the socket half open).
const SILENCE_MS = 6000;

/**
 * Follows a sitting. handlers: status(s) for each status; unknown() when there is no such sitting;
 * connection('live' | 'lost') when the link changes.
 */
export function followSitting(sitting, handlers) {
  const statusPath = `/api/sittings/${encodeURIComponent(sitting)}/status`;
  const livePath = `/api/sittings/${encodeURIComponent(sitting)}/live`;
  let feed = null;
  let silence = null;

  const retry = () => setTimeout(start, RETRY_MS);

  async function start() {
    const sentAt = Date.now();
    let response;
    try {
      response = await fetch(statusPath, { cache: 'no-store' });
    } catch {
      handlers.connection('lost');
      retry();
      return;
    }
    learnOffset(response.headers.get('date'), sentAt, Date.now());
    if (response.status === 404) {
      handlers.unknown();
      retry();
      return;
    }
    if (!response.ok) {
      handlers.connection('lost');
      retry();
      return;
    }
    try {
      handlers.status(await response.json());
    } catch {
      handlers.connection('lost');
      retry();
      return;
    }
    handlers.connection('live');
    listen();
  }

  function listen() {
    feed = new EventSource(livePath);
    watchSilence();
    feed.addEventListener('status', (event) => {
      watchSilence();
      handlers.connection('live');
      handlers.status(JSON.parse(event.data));
    });
    feed.addEventListener('error', () => {
      handlers.connection('lost');
      // A refused stream (404, 5xx) is never retried by the browser: start over, which also
      // notices a sitting that went away and sets the clock again.
      if (feed.readyState === EventSource.CLOSED) restart();
    });
  }

  function watchSilence() {
    clearTimeout(silence);
    silence = setTimeout(() => {
      handlers.connection('lost');
      restart();
    }, SILENCE_MS);
  }

  function restart() {
    clearTimeout(silence);
    feed?.close();
    feed = null;
    retry();
  }

  start();
}
