package org.votehall.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Headers on every response: {@code Date} (terminals check their clock against it before signing
 * requests with {@code created}), and the security headers of a page that must never be framed,
 * sniffed or made to run another site's script.
 */
final class ResponseHeaders implements PlatformHandler {
  /** Same-origin scripts, styles, images and connections only; no inline script; no framing. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
          + "form-action 'self'; frame-ancestors 'none'";

  /**
   * RFC 9110 §5.6.7's IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT}: a two-digit day, which
   * Java's RFC_1123_DATE_TIME does not write (it gives {@code Tue, 1 Dec 2026}).
   */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);

  private final boolean https;

  ResponseHeaders(boolean https) {
    this.https = https;
  }

  @Override
  public void handle(RoutingContext rc) {
    var headers = rc.response().headers();
    headers
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Content-Security-Policy", CSP);
    // Set last, as the headers go out: the static file handler writes a Date of its own, with a
    // one-digit day that RFC 9110 does not allow.
    rc.addHeadersEndHandler(
        v -> headers.set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))));
    if (https) {
      headers.set("Strict-Transport-Security", "max-age=31536000");
    }
    rc.next();
  }
}
