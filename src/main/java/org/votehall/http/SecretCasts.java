package org.votehall.http;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Recognises a request that names a secret cast, of which nothing is logged: a secret cast (not its
 * address, time, size, token or receipt: docs/architecture.md, secret ballots), and a receipt
 * lookup, whose receipt names an entry of the published box with its marks — a log line with the
 * asker's address would tie the marks to a seat. Only counters without labels that identify it.
 */
final class SecretCasts {
  private static final Pattern PATH =
      Pattern.compile("/api/ballots/[^/]+/(casts/secret|receipts/[^/]*)/?");

  private SecretCasts() {}

  static boolean is(RoutingContext rc) {
    String path = rc.normalizedPath();
    return path != null && PATH.matcher(path).matches();
  }
}
