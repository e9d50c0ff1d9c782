package org.votehall.cluster;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The event bus's mutual TLS: this node's key and certificate ({@code key}, {@code cert}), and the
 * cluster CA that signed every member's ({@code ca}, PEM files from {@code votehall keygen}). The
 * clustered event bus verifies no host name, so the CA is the whole of the trust: it must be the
 * cluster's own, never a public CA or the HTTPS certificates' issuer. Every connection, in either
 * direction, shows a certificate that CA signed, or is refused; TLS 1.3 only (both ends are
 * votehall), and never {@code trustAll}.
 */
public record EventBusTls(Path key, Path cert, Path ca) {
  static final Set<String> PROTOCOLS = Set.of("TLSv1.3");

  public EventBusTls {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(ca, "ca");
  }

  /** Sets {@code options} to mutual TLS with these files; returns them. */
  EventBusOptions applyTo(EventBusOptions options) {
    return options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions().setKeyPath(key.toString()).setCertPath(cert.toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()))
        .setTrustAll(false)
        .setClientAuth(ClientAuth.REQUIRED)
        .setEnabledSecureTransportProtocols(PROTOCOLS);
  }
}
