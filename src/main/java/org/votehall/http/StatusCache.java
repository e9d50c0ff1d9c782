package org.votehall.http;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.votehall.hall.Outcome;

/**
 * A sitting's status computed at most once a second, however many screens and clients ask: it reads
 * the attendance and every open ballot's box across the cluster. Only known sittings are kept, so a
 * request naming made-up sittings cannot grow it.
 */
final class StatusCache {
  private static final long FRESH_NANOS = 1_000_000_000L;

  private record Entry(long at, Outcome<JsonObject> status) {}

  private final Function<String, Outcome<JsonObject>> compute;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  StatusCache(Function<String, Outcome<JsonObject>> compute) {
    this.compute = compute;
  }

  /** The status, at most a second old. Blocks on the cluster when it must compute it. */
  Outcome<JsonObject> status(String sitting) {
    long now = System.nanoTime();
    Entry entry = entries.get(sitting);
    if (entry != null && now - entry.at() < FRESH_NANOS) {
      return entry.status();
    }
    Outcome<JsonObject> status = compute.apply(sitting);
    if (status instanceof Outcome.Done<JsonObject>) {
      entries.put(sitting, new Entry(now, status));
    } else {
      entries.remove(sitting);
    }
    return status;
  }
}
