package org.votehall.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's access log (logger {@code votehall.access}): method, path, status, time taken and the
 * client's address; never a body, header value, PIN, password or token. Secret casts are not logged
 * at all (only counted in the metrics), so no line can place one in time.
 */
final class AccessLog implements PlatformHandler {
  private static final Logger LOG = LoggerFactory.getLogger("votehall.access");

  @Override
  public void handle(RoutingContext rc) {
    if (SecretCasts.is(rc) || !LOG.isInfoEnabled()) {
      rc.next();
      return;
    }
    long start = System.nanoTime();
    String method = rc.request().method().name();
    String path = rc.normalizedPath();
    String client =
        rc.request().remoteAddress() == null ? "-" : rc.request().remoteAddress().hostAddress();
    rc.addEndHandler(
        done ->
            LOG.info(
                "{} {} {} {} {}ms",
                client,
                method,
                path,
                rc.response().getStatusCode(),
                (System.nanoTime() - start) / 1_000_000));
    rc.next();
  }
}
