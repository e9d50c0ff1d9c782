package org.votehall.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.votehall.hall.Hall;

/**
 * The HTTP server of a node: the router is built from {@code openapi.yaml}, so every request is
 * validated against the contract before a handler sees it; errors are JSON (ApiError).
 */
public final class HallServer extends VerticleBase {
  private static final String CONTRACT = "openapi.yaml";
  private static final long BODY_LIMIT = 2 * 1024 * 1024;

  /**
   * Operations that only read: served even on a side of the cluster below its minimum membership.
   * Every other operation writes and is refused there with 503 {@code no-majority}.
   */
  private static final Set<String> READS =
      Set.of(
          "login",
          "sittingStatus",
          "sittingLive",
          "sittingRoster",
          "getBallot",
          "getResult",
          "getBundle",
          "incidents",
          "sittingTerminals",
          "checkpoints",
          "lookUpReceipt",
          "listSittings",
          "sittingScrutineers",
          "countersigning",
          "scrutineerBundle");

  private final Hall hall;
  private final HttpServerOptions options;
  private final String privatePem;
  private final List<String> nodePublicPems;
  private final List<Account> accounts;
  private final Limits limits;
  private final HallMetrics metrics;
  private final AtomicInteger connections = new AtomicInteger();
  private final java.util.concurrent.ConcurrentMap<String, AtomicInteger> perAddress =
      new java.util.concurrent.ConcurrentHashMap<>();
  private HashingPool hashing;
  private HttpServer server;
  private Instant servingSince;

  /** How many connections the server keeps open at most. */
  public record Limits(int maxConnections, int maxConnectionsPerAddress) {
    public static final Limits DEFAULT = new Limits(4096, 64);
  }

  public HallServer(
      Hall hall,
      HttpServerOptions options,
      String privatePem,
      List<String> nodePublicPems,
      List<Account> accounts) {
    this(hall, options, privatePem, nodePublicPems, accounts, Limits.DEFAULT, HallMetrics.none());
  }

  public HallServer(
      Hall hall,
      HttpServerOptions options,
      String privatePem,
      List<String> nodePublicPems,
      List<Account> accounts,
      Limits limits,
      HallMetrics metrics) {
    this.hall = hall;
    this.options = options;
    this.privatePem = privatePem;
    this.nodePublicPems = List.copyOf(nodePublicPems);
    this.accounts = List.copyOf(accounts);
    this.limits = limits;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    servingSince = Clock.systemUTC().instant();
    hashing = new HashingPool(vertx);
    gauges();
    return OpenAPIContract.from(vertx, CONTRACT)
        .map(this::router)
        .compose(
            router ->
                vertx
                    .createHttpServer(connectionOptions())
                    .connectionHandler(this::capConnections)
                    .requestHandler(router)
                    .listen())
        .onSuccess(s -> server = s)
        .onSuccess(s -> sweepCountdowns());
  }

  @Override
  public Future<?> stop() {
    if (hashing != null) {
      hashing.close();
    }
    return Future.succeededFuture();
  }

  /**
   * The options as given, with no cleartext HTTP/2 upgrade: with it a connection becomes an HTTP
   * connection (counted, capped) only once its first bytes arrive, so idle ones would slip past the
   * cap. A TLS connection is counted once its handshake is done, which must be within ten seconds.
   */
  private HttpServerOptions connectionOptions() {
    return new HttpServerOptions(options)
        .setHttp2ClearTextEnabled(false)
        .setSslHandshakeTimeout(10)
        .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * At most {@code maxConnections} open at once, and {@code maxConnectionsPerAddress} from one
   * client address: one past either is closed at once, so a flood of idle connections cannot use up
   * the process's file descriptors, nor one client every place; idle ones time out (options).
   */
  private void capConnections(HttpConnection connection) {
    String address =
        connection.remoteAddress() == null ? "" : connection.remoteAddress().hostAddress();
    AtomicInteger fromThere = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
    boolean over =
        connections.incrementAndGet() > limits.maxConnections()
            | fromThere.incrementAndGet() > limits.maxConnectionsPerAddress();
    connection.closeHandler(
        v -> {
          connections.decrementAndGet();
          if (fromThere.decrementAndGet() == 0) {
            perAddress.remove(address, fromThere);
          }
        });
    if (over) {
      connection.close();
    }
  }

  private void gauges() {
    metrics.gauge("votehall.cluster.members", "Members this node sees", hall::members);
    metrics.gauge(
        "votehall.incidents",
        "Incidents this node reported since it started (GET /api/incidents)",
        () -> hall.incidents().total());
    metrics.gauge(
        "votehall.http.connections", "Open HTTP connections of this node", connections::get);
    java.util.concurrent.atomic.AtomicInteger open =
        new java.util.concurrent.atomic.AtomicInteger();
    metrics.gauge("votehall.ballots.open", "Ballots open now", open::get);
    vertx.setPeriodic(
        5000,
        id -> vertx.executeBlocking(() -> hall.ballots().openCount(), false).onSuccess(open::set));
  }

  /**
   * Every second, close the ballots whose countdown ran out; never two sweeps at once on a node.
   */
  private void sweepCountdowns() {
    java.util.concurrent.atomic.AtomicBoolean sweeping =
        new java.util.concurrent.atomic.AtomicBoolean();
    vertx.setPeriodic(
        1000,
        id -> {
          if (sweeping.compareAndSet(false, true)) {
            vertx
                .executeBlocking(
                    () -> hall.ballots().closeDue(java.time.Instant.now().getEpochSecond()))
                .onComplete(r -> sweeping.set(false));
          }
        });
  }

  /**
   * When this server started: a terminal request signed before it is refused ({@code
   * signed-before-start}), since the used nonces do not outlive a whole-cluster restart.
   */
  public Instant servingSince() {
    return servingSince;
  }

  /** The port the server listens on (useful when the options asked for any free port). */
  public int port() {
    return server.actualPort();
  }

  private Router router(OpenAPIContract contract) {
    Authentication auth =
        new Authentication(
            vertx, privatePem, nodePublicPems, accounts, hashing, metrics, Clock.systemUTC());
    HallRoutes routes =
        new HallRoutes(
            vertx,
            hall,
            new TerminalCheck(hall.sittings(), Clock.systemUTC(), servingSince),
            new SecureRandom(),
            hashing,
            metrics);
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(new ResponseHeaders(options.isSsl()));
    builder.rootHandler(new AccessLog());
    builder.rootHandler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
    Map<String, io.vertx.core.Handler<RoutingContext>> handlers = handlers(routes, auth);
    for (OpenAPIRoute route : builder.getRoutes()) {
      route.setDoSecurity(false); // roles are checked by our own handlers, with JSON errors
      String id = route.getOperation().getOperationId();
      if (!READS.contains(id)) {
        route.addHandler(this::requireMajority);
      }
      roleFor(id)
          .ifPresent(
              role ->
                  route.addHandler(
                      role.equals(Account.CLERK)
                          ? auth.require(Account.CLERK)
                          : auth.require(Account.AUDITOR)));
      route.addHandler(handlers.get(id));
    }
    Router router = builder.createRouter();
    pages(router);
    Health.routes(router, vertx, hall);
    if (metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    }
    router
        .get("/openapi.yaml")
        .handler(
            rc -> rc.response().putHeader("content-type", "application/yaml").sendFile(CONTRACT));
    router
        .route()
        .last()
        .handler(
            rc -> ApiError.send(rc, 404, "not-found", "no such resource: " + rc.request().path()));
    router.route().failureHandler(ApiError::onFailure);
    return router;
  }

  /**
   * The pages (docs/pages.md): static ES modules, no build step, on the API like any client. Only
   * the font may be cached; pages and modules are fetched anew, so an upgrade shows whole at the
   * next reload.
   */
  private static void pages(Router router) {
    for (String page : PAGES) {
      // Vert.x matches "/page" to "/page/" too: only the bare name is sent on to the folder.
      router
          .get("/" + page)
          .handler(
              rc -> {
                if (rc.request().path().endsWith("/")) {
                  rc.next();
                } else {
                  redirect(rc, "/" + page + "/");
                }
              });
      router
          .route("/" + page + "/*")
          .handler(StaticHandler.create("webroot/" + page).setCachingEnabled(false));
    }
    // The font's parts never change under their names; the shared modules change with the pages.
    router
        .route("/common/fonts/*")
        .handler(StaticHandler.create("webroot/common/fonts").setMaxAgeSeconds(86_400));
    router
        .route("/common/*")
        .handler(StaticHandler.create("webroot/common").setCachingEnabled(false));
    router.get("/").handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }

  private static final List<String> PAGES = List.of("terminal", "clerk", "display", "audit");

  private static void redirect(RoutingContext rc, String to) {
    String query = rc.request().query();
    rc.redirect(query == null ? to : to + "?" + query);
  }

  private void requireMajority(RoutingContext rc) {
    if (hall.ledgerCut()) {
      ApiError.send(
          rc,
          503,
          "ledger-cut",
          "this node's ledger lost entries that a peer witnessed: it takes no writes (see"
              + " GET /api/incidents); use another node");
    } else if (!hall.hasMajority()) {
      ApiError.noMajority(rc, hall.members(), hall.minimumMembers());
    } else if (!hall.awaitedReplays().isEmpty()) {
      ApiError.send(
          rc,
          503,
          "replaying",
          "every node stopped, and the cluster is rebuilding its state from their ledgers: writes"
              + " wait until these nodes have replayed theirs (start them): "
              + String.join(", ", hall.awaitedReplays()));
    } else {
      rc.next();
    }
  }

  private Map<String, io.vertx.core.Handler<RoutingContext>> handlers(
      HallRoutes r, Authentication auth) {
    LiveStatus live = new LiveStatus(vertx, r::cachedStatus);
    return Map.ofEntries(
        Map.entry("login", auth::login),
        Map.entry("createSitting", r::createSitting),
        Map.entry("sittingStatus", r::sittingStatus),
        Map.entry("sittingLive", live::watch),
        Map.entry("registerTerminal", r::registerTerminal),
        Map.entry("clerkCheckIn", r::clerkCheckIn),
        Map.entry("unlockDeputy", r::unlockDeputy),
        Map.entry("sittingRoster", r::sittingRoster),
        Map.entry("leave", r::leave),
        Map.entry("checkIn", r::checkIn),
        Map.entry("defineBallot", r::defineBallot),
        Map.entry("getBallot", r::getBallot),
        Map.entry("openBallot", r::openBallot),
        Map.entry("closeBallot", r::closeBallot),
        Map.entry("announceBallot", r::announceBallot),
        Map.entry("cancelBallot", r::cancelBallot),
        Map.entry("followUp", r::followUp),
        Map.entry("getResult", r::getResult),
        Map.entry("getBundle", r::getBundle),
        Map.entry("incidents", r::incidents),
        Map.entry("blindKey", r::blindKey),
        Map.entry("issueBallot", r::issueBallot),
        Map.entry("castSecret", r::castSecret),
        Map.entry("castRecorded", r::castRecorded),
        Map.entry("enrolmentCode", r::enrolmentCode),
        Map.entry("enrol", r::enrol),
        Map.entry("sittingTerminals", r::sittingTerminals),
        Map.entry("checkpoints", r::checkpoints),
        Map.entry("lookUpReceipt", r::lookUpReceipt),
        Map.entry("listSittings", r::listSittings),
        Map.entry("seat", r::seat),
        Map.entry("nameScrutineers", r::nameScrutineers),
        Map.entry("sittingScrutineers", r::sittingScrutineers),
        Map.entry("scrutineerCode", r::scrutineerCode),
        Map.entry("enrolScrutineer", r::enrolScrutineer),
        Map.entry("countersigning", r::countersigning),
        Map.entry("countersign", r::countersign),
        Map.entry("refuseCountersign", r::refuseCountersign),
        Map.entry("scrutineerBundle", r::scrutineerBundle));
  }

  /** Which role an operation needs, if any: the contract's tag says it. */
  private static java.util.Optional<String> roleFor(String operation) {
    return switch (operation) {
      case "createSitting",
          "registerTerminal",
          "clerkCheckIn",
          "unlockDeputy",
          "sittingRoster",
          "leave",
          "defineBallot",
          "openBallot",
          "closeBallot",
          "announceBallot",
          "cancelBallot",
          "followUp",
          "incidents",
          "enrolmentCode",
          "sittingTerminals",
          "nameScrutineers",
          "scrutineerCode" ->
          java.util.Optional.of(Account.CLERK);
      case "getBundle", "checkpoints" -> java.util.Optional.of(Account.AUDITOR);
      default -> java.util.Optional.empty();
    };
  }
}
