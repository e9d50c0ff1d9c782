package org.votehall.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.votehall.cluster.ClusterSettings;
import org.votehall.cluster.EventBusTls;
import org.votehall.crypto.SecretHash;
import org.votehall.http.Account;
import org.votehall.ledger.Ledger;
import org.votehall.vault.BlindKeyVault;

/**
 * A node's configuration (see {@code config/node.json} and README "Configuration"): its key, data
 * folder, the cluster's PIN pepper and how many blind-signing keys it makes ahead, how it joins the
 * cluster, where it serves HTTP(S), the node keys it trusts, and the clerk and auditor accounts.
 * Paths are absolute by now.
 */
record NodeConfig(
    Path nodeKey,
    Path dataDir,
    Path pinPepper,
    int blindKeyPool,
    Ledger.Mixing mixing,
    ClusterSettings cluster,
    HttpSettings http,
    List<Path> trustedNodeKeys,
    List<Account> accounts) {

  /** Where and how the node serves HTTP(S). */
  record HttpSettings(
      String host,
      int port,
      boolean plainHttp,
      Path tlsKey,
      Path tlsCert,
      int maxConnections,
      int maxConnectionsPerAddress,
      int idleTimeoutSeconds) {}

  static final int DEFAULT_CLUSTER_PORT = 5701;
  static final int EVENT_BUS_OFFSET = 1000;
  static final int DEFAULT_HTTP_PORT = 8443;
  static final int DEFAULT_MAX_CONNECTIONS = 4096;
  static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
  static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 120;
  static final int DEFAULT_STARTUP_WAIT_SECONDS = 300;
  static final int MAX_BLIND_KEY_POOL = 64;

  NodeConfig {
    trustedNodeKeys = List.copyOf(trustedNodeKeys);
    accounts = List.copyOf(accounts);
  }

  /** The settings read by {@link ConfigFile}, checked; {@code where} names their source. */
  static NodeConfig from(Map<String, Object> s, String where) {
    for (ConfigKey key : ConfigKey.ALL) {
      if (key.required() && !s.containsKey(key.path())) {
        throw new StartupException(
            where
                + ": "
                + key.path()
                + " is missing: "
                + key.help()
                + " (or set "
                + key.environmentName()
                + ")");
      }
    }
    ClusterSettings cluster = cluster(s, where);
    HttpSettings http = http(s, where);
    int pool = (Integer) s.getOrDefault("node.blindKeyPool", BlindKeyVault.DEFAULT_POOL);
    if (pool < 0 || pool > MAX_BLIND_KEY_POOL) {
      throw new StartupException(
          where
              + ": node.blindKeyPool must be from 0 to "
              + MAX_BLIND_KEY_POOL
              + " (keys made ahead; 0 makes each when a ballot opens)");
    }
    return new NodeConfig(
        (Path) s.get("node.key"),
        (Path) s.get("node.dataDir"),
        (Path) s.get("node.pinPepper"),
        pool,
        mixing(s, where),
        cluster,
        http,
        list(s, "trustedNodeKeys"),
        accounts(list(s, "accounts"), where));
  }

  /** How many secret casts, or how old, a mixing window gets before it moves into the ledger. */
  private static Ledger.Mixing mixing(Map<String, Object> s, String where) {
    int casts = (Integer) s.getOrDefault("ledger.mixingCasts", Ledger.Mixing.DEFAULT.casts());
    int seconds =
        (Integer)
            s.getOrDefault("ledger.mixingSeconds", (int) Ledger.Mixing.DEFAULT.age().toSeconds());
    if (casts < 1 || seconds < 1) {
      throw new StartupException(
          where + ": ledger.mixingCasts and ledger.mixingSeconds must be at least 1");
    }
    return new Ledger.Mixing(casts, java.time.Duration.ofSeconds(seconds));
  }

  private static ClusterSettings cluster(Map<String, Object> s, String where) {
    String host = (String) s.getOrDefault("cluster.host", "127.0.0.1");
    int port = port(s, "cluster.port", DEFAULT_CLUSTER_PORT, where);
    if (port == 0) {
      throw new StartupException(
          where + ": cluster.port must be a port from 1 to 65535: the other members dial it");
    }
    int fallback = port + EVENT_BUS_OFFSET > 65535 ? 0 : port + EVENT_BUS_OFFSET;
    int eventBus = port(s, "cluster.eventBusPort", fallback, where);
    if (eventBus == 0 || eventBus == port) {
      throw new StartupException(
          where
              + ": cluster.eventBusPort must be a port from 1 to 65535 other than cluster.port"
              + " (the default is cluster.port + "
              + EVENT_BUS_OFFSET
              + ")");
    }
    List<String> members = list(s, "cluster.members");
    if (members.isEmpty()) {
      members = List.of(host + ":" + port);
    }
    int minimum = (Integer) s.getOrDefault("cluster.minimumMembers", 1);
    if (minimum < 1 || minimum > members.size()) {
      throw new StartupException(
          where
              + ": cluster.minimumMembers is "
              + minimum
              + " but cluster.members names "
              + members.size()
              + ": it must be between 1 and the number of members (a majority, e.g. 2 of 3)");
    }
    int wait = (Integer) s.getOrDefault("cluster.startupWaitSeconds", DEFAULT_STARTUP_WAIT_SECONDS);
    if (wait < 1) {
      throw new StartupException(where + ": cluster.startupWaitSeconds must be at least 1");
    }
    String name = (String) s.get("cluster.name");
    if (name.isBlank()) {
      throw new StartupException(where + ": cluster.name is empty: name the cluster");
    }
    return new ClusterSettings(
        name, host, port, eventBus, members, minimum, wait, eventBusTls(s, members, where));
  }

  /**
   * The event bus's mutual TLS: all three files or none; none only for a node alone, since any
   * process that reaches a plain event bus port can talk to the node.
   */
  private static EventBusTls eventBusTls(
      Map<String, Object> s, List<String> members, String where) {
    Path key = (Path) s.get("cluster.tls.key");
    Path cert = (Path) s.get("cluster.tls.cert");
    Path ca = (Path) s.get("cluster.tls.ca");
    if (key == null && cert == null && ca == null) {
      if (Set.copyOf(members).size() > 1) {
        throw new StartupException(
            where
                + ": cluster.tls is missing but cluster.members names "
                + Set.copyOf(members).size()
                + " members: the event bus between them runs over mutual TLS; give cluster.tls.key,"
                + " cluster.tls.cert and cluster.tls.ca (make the cluster CA once with votehall"
                + " keygen --cluster-ca, then each node's certificate with keygen --cluster-cert"
                + " --ca; docs/deploy.md)");
      }
      return null;
    }
    if (key == null || cert == null || ca == null) {
      throw new StartupException(
          where
              + ": cluster.tls needs key, cert and ca together (the node's event-bus key and"
              + " certificate, and the cluster CA's certificate)");
    }
    return new EventBusTls(key, cert, ca);
  }

  private static HttpSettings http(Map<String, Object> s, String where) {
    boolean plain = (Boolean) s.getOrDefault("http.plainHttp", false);
    Path key = (Path) s.get("http.tls.key");
    Path cert = (Path) s.get("http.tls.cert");
    if (!plain && (key == null || cert == null)) {
      throw new StartupException(
          where
              + ": http.tls.key and http.tls.cert are missing: a node serves HTTPS (make them with"
              + " votehall keygen --tls) unless http.plainHttp is true");
    }
    int max = (Integer) s.getOrDefault("http.maxConnections", DEFAULT_MAX_CONNECTIONS);
    int perAddress =
        (Integer)
            s.getOrDefault("http.maxConnectionsPerAddress", DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    int idle = (Integer) s.getOrDefault("http.idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS);
    if (max < 1 || perAddress < 1 || idle < 1) {
      throw new StartupException(
          where
              + ": http.maxConnections, http.maxConnectionsPerAddress and http.idleTimeoutSeconds"
              + " must be at least 1");
    }
    return new HttpSettings(
        (String) s.getOrDefault("http.host", "127.0.0.1"),
        port(s, "http.port", DEFAULT_HTTP_PORT, where),
        plain,
        plain ? null : key,
        plain ? null : cert,
        max,
        perAddress,
        idle);
  }

  private static int port(Map<String, Object> s, String key, int fallback, String where) {
    int port = (Integer) s.getOrDefault(key, fallback);
    if (port < 0 || port > 65535) {
      throw new StartupException(where + ": " + key + " must be a port from 1 to 65535");
    }
    return port;
  }

  private static List<Account> accounts(List<Account> accounts, String where) {
    Set<String> names = new HashSet<>();
    for (Account a : accounts) {
      if (a.name().isBlank() || !names.add(a.name())) {
        throw new StartupException(
            where + ": accounts: every account needs a name of its own (\"" + a.name() + "\")");
      }
      if (!a.role().equals(Account.CLERK) && !a.role().equals(Account.AUDITOR)) {
        throw new StartupException(
            where + ": accounts: " + a.name() + "'s role must be clerk or auditor");
      }
      if (!SecretHash.isWellFormed(a.passwordHash())) {
        throw new StartupException(
            where
                + ": accounts: "
                + a.name()
                + "'s passwordHash is not an Argon2id hash: make one with votehall passwd");
      }
    }
    return accounts;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Map<String, Object> s, String key) {
    return (List<T>) s.getOrDefault(key, List.of());
  }
}
