// The hall's time is the server's time: a countdown the projector shows must end when the server
// closes the ballot, not when this PC's clock (often minutes off) says so. The offset is learnt from
// the Date header of each status fetch, which has whole seconds only, so the middle of the second and
// the middle of the round trip are taken.
let offsetMs = 0;

export function learnOffset(dateHeader, sentAt, receivedAt) {
  const server = Date.parse(dateHeader ?? '');
  if (Number.isNaN(server)) return;
  offsetMs = server + 500 - (sentAt + receivedAt) / 2;
}

/** Now, in milliseconds since the epoch, by the server's clock. */
export function serverNow() {
  return Date.now() + offsetMs;
}

/** HH:MM:SS of the server's time, as the hall clock shows it. */
export function clockText() {
  const now = new Date(serverNow());
  return [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Whole seconds left until closesAt (epoch seconds), never below 0; null when there is no countdown. */
export function secondsLeft(closesAt) {
  if (!closesAt || closesAt <= 0) return null;
  return Math.max(0, Math.ceil((closesAt * 1000 - serverNow()) / 1000));
}

/** 4:59 → "04:59"; an hour or more → "1:04:59". */
export function countdownText(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** Calls tick at the start of every second (and every quarter second, so a late timer is not seen). */
export function everySecond(tick) {
  tick();
  return setInterval(tick, 250);
}
