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
  private final Vertx vertx;
  private final JWTAuth jwt;
  private final Map<String, Account> accounts;

  /**
   * @param nodePublicPems every node's public key: a token signed by any node of the cluster is
   *     accepted by all
   */
  Authentication(
      Vertx vertx, String privatePem, List<String> nodePublicPems, List<Account> accounts) {
    this.vertx = vertx;
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
  }

  /** POST /api/login: a token for a right name and password; the same answer for any wrong pair. */
  void login(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    Optional<Account> account = Optional.ofNullable(accounts.get(body.getString("name")));
    String password = body.getString("password");
    vertx
        .executeBlocking(
            () -> account.filter(a -> SecretHash.matches(password, a.passwordHash())), false)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                ApiError.send(rc, 401, "wrong-login", "name or password is wrong");
                return;
              }
              JsonObject claims =
                  new JsonObject().put("sub", found.get().name()).put("role", found.get().role());
              String token =
                  jwt.generateToken(
                      claims,
                      new JWTOptions().setAlgorithm("EdDSA").setExpiresInMinutes(HOURS * 60));
              rc.json(new JsonObject().put("token", token).put("role", found.get().role()));
            })
        .onFailure(rc::fail);
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
