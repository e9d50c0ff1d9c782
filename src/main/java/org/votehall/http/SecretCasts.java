package org.votehall.http;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Recognises a secret cast request, of which nothing is logged: not its address, time, size, token
 * or receipt (docs/architecture.md, secret ballots). Only counters without labels that identify it.
 */
final class SecretCasts {
  private static final Pattern PATH = Pattern.compile("/api/ballots/[^/]+/casts/secret/?");

  private SecretCasts() {}

  static boolean is(RoutingContext rc) {
    String path = rc.normalizedPath();
    return path != null && PATH.matcher(path).matches();
  }
}
