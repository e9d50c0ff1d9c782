package org.votehall.simulate;

import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * One request as sent to one node: method, path, body bytes (null for none) and headers (the bearer
 * token, or a terminal's signature made for this very attempt).
 */
public record Outgoing(HttpMethod method, String path, byte[] body, Map<String, String> headers) {
  public Outgoing {
    headers = Map.copyOf(headers);
  }
}
