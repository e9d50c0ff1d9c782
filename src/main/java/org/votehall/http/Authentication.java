package org.votehall.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.votehall.crypto.SecretHash;

/**
 * Clerks and auditors log in with name and password (Argon2id hashes from the config) and get a
 * token signed with the node's Ed25519 key (EdDSA JWT); role-only routes refuse other roles.
 */
final class Authentication {
  private static final int HOURS = 12;
  private final JWTAuth jwt;
  private final Map<String, Account> accounts;
  private final HashingPool.Lane logins;
  private final LoginThrottle throttle = new LoginThrottle();
  private final Clock clock;
  private final HallMetrics metrics;
  private final String decoy;

  /** Logins that may wait for the hashing pool at once; a flood beyond is refused at once. */
  private static final int LOGINS_WAITING = 8;

  /**
   * @param nodePublicPems every node's public key: a token signed by any node of the cluster is
   *     accepted by all
   */
  Authentication(
      Vertx vertx,
      String privatePem,
      List<String> nodePublicPems,
      List<Account> accounts,
      HashingPool hashing,
      HallMetrics metrics,
      Clock clock) {
    this.logins = hashing.lane(LOGINS_WAITING);
    this.metrics = metrics;
    this.clock = clock;
    JWTAuthOptions options =
        new JWTAuthOptions()
            .addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("EdDSA").setBuffer(Buffer.buffer(privatePem)));
    nodePublicPems.forEach(
        pem ->
            options.addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("EdDSA").setBuffer(Buffer.buffer(pem))));
    this.jwt = JWTAuth.create(vertx, options);
    this.accounts = accounts.stream().collect(Collectors.toMap(Account::name, Function.identity()));
    // An unknown name is checked against a real account's hash (and refused anyway), so that it
    // takes as long as a known one.
    this.decoy =
        accounts.isEmpty()
            ? SecretHash.hash("no account", new java.security.SecureRandom(), SecretHash.DEFAULT)
            : accounts.get(0).passwordHash();
  }

  /**
   * POST /api/login: a token for a right name and password; the same answer, in the same time, for
   * any wrong pair (an unknown name is checked against a real hash too). Throttled per account and
   * per client address; the hashing runs on its own bounded pool, never on the casts' workers.
   */
  void login(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    String name = body.getString("name");
    String password = body.getString("password");
    String address = client(rc);
    Optional<Duration> wait = throttle.admit(name, address, clock.instant());
    if (wait.isPresent()) {
      metrics.login("throttled");
      ApiError.tooMany(rc, wait.get(), "too many login attempts");
      return;
    }
    Account account = accounts.get(name);
    String hash = account != null ? account.passwordHash() : decoy;
    logins
        .run(() -> SecretHash.matches(password, hash) && account != null)
        .onSuccess(
            right -> {
              if (!right) {
                throttle.failed(name, address, clock.instant());
                metrics.login("wrong-login");
                ApiError.send(rc, 401, "wrong-login", "name or password is wrong");
                return;
              }
              throttle.succeeded(name, address);
              metrics.login("accepted");
              rc.json(new JsonObject().put("token", token(account)).put("role", account.role()));
            })
        .onFailure(
            e -> {
              if (e instanceof HashingPool.Busy) {
                metrics.login("busy");
                ApiError.tooMany(rc, Duration.ofSeconds(1), "too many logins at once");
              } else {
                rc.fail(e);
              }
            });
  }

  private String token(Account account) {
    JsonObject claims = new JsonObject().put("sub", account.name()).put("role", account.role());
    return jwt.generateToken(
        claims, new JWTOptions().setAlgorithm("EdDSA").setExpiresInMinutes(HOURS * 60));
  }

  /** The client's address, as the throttles count it. */
  static String client(RoutingContext rc) {
    return rc.request().remoteAddress() == null
        ? "unknown"
        : rc.request().remoteAddress().hostAddress();
  }

  /** A handler that lets through only a valid bearer token of one of the roles. */
  Handler<RoutingContext> require(String... roles) {
    Set<String> allowed = Set.of(roles);
    return rc -> {
      String header = rc.request().getHeader("Authorization");
      if (header == null || !header.startsWith("Bearer ")) {
        ApiError.send(rc, 401, "unauthenticated", "this needs a bearer token from /api/login");
        return;
      }
      Future<io.vertx.ext.auth.User> user =
          jwt.authenticate(new TokenCredentials(header.substring(7)));
      user.onSuccess(
              u -> {
                String role =
                    u.principal()
                        .getString(
                            "role",
                            u.attributes()
                                .getJsonObject("accessToken", new JsonObject())
                                .getString("role"));
                if (!allowed.contains(role)) {
                  ApiError.send(
                      rc,
                      403,
                      "wrong-role",
                      "this is for " + String.join(" or ", allowed) + ", not for " + role);
                } else {
                  rc.put("account", u.principal().getString("sub"));
                  rc.next();
                }
              })
          .onFailure(
              e ->
                  ApiError.send(
                      rc, 401, "unauthenticated", "the token is not valid: " + e.getMessage()));
    };
  }
}
