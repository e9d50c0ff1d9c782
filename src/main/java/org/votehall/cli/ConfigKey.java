package org.votehall.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One setting of a node's configuration file: its dotted path in the JSON, its type, whether it
 * must be given, and what it is for (used in the messages that refuse a configuration). Each has
 * one environment variable that overrides it, named by one rule ({@link #environmentName}).
 */
record ConfigKey(String path, Type type, boolean required, String help) {

  /** The JSON types a setting can have. */
  enum Type {
    STRING,
    INTEGER,
    BOOLEAN,
    PATH,
    STRINGS,
    PATHS,
    ACCOUNTS
  }

  /** Every setting there is; anything else in a file or a VOTEHALL_ variable is refused. */
  static final List<ConfigKey> ALL =
      List.of(
          required("node.key", Type.PATH, "the node's Ed25519 private key (votehall keygen)"),
          required("node.dataDir", Type.PATH, "the node's own data folder (its ledger)"),
          required(
              "node.pinPepper",
              Type.PATH,
              "the cluster's PIN pepper, the same file on every node (votehall keygen --pin-pepper)"),
          optional("node.blindKeyPool", Type.INTEGER, "blind-signing keys made ahead (default 4)"),
          optional(
              "ledger.mixingCasts",
              Type.INTEGER,
              "secret casts a mixing window gathers before they move into the ledger (default 64)"),
          optional(
              "ledger.mixingSeconds",
              Type.INTEGER,
              "seconds a mixing window waits at most before it moves (default 300)"),
          required("cluster.name", Type.STRING, "the cluster's name, the same on every node"),
          optional("cluster.host", Type.STRING, "the IP address the cluster listener binds to"),
          optional("cluster.port", Type.INTEGER, "the cluster (Hazelcast member) port"),
          optional("cluster.eventBusPort", Type.INTEGER, "the event bus port (cluster messages)"),
          optional("cluster.members", Type.STRINGS, "every member's HOST:PORT"),
          optional("cluster.minimumMembers", Type.INTEGER, "members needed to take writes"),
          optional("cluster.startupWaitSeconds", Type.INTEGER, "how long to wait for them"),
          optional(
              "cluster.tls.key",
              Type.PATH,
              "the node's event-bus TLS key (votehall keygen --cluster-cert)"),
          optional(
              "cluster.tls.cert",
              Type.PATH,
              "the node's event-bus certificate, signed by the cluster CA (keygen --cluster-cert)"),
          optional(
              "cluster.tls.ca",
              Type.PATH,
              "the cluster CA's certificate, the same on every node (keygen --cluster-ca)"),
          optional("http.host", Type.STRING, "the IP address the HTTP(S) server binds to"),
          optional("http.port", Type.INTEGER, "the HTTP(S) port"),
          optional("http.plainHttp", Type.BOOLEAN, "serve plain HTTP (local demos only)"),
          optional("http.tls.key", Type.PATH, "the TLS private key (votehall keygen --tls)"),
          optional("http.tls.cert", Type.PATH, "the TLS certificate (votehall keygen --tls)"),
          optional("http.maxConnections", Type.INTEGER, "open HTTP connections at most"),
          optional(
              "http.maxConnectionsPerAddress", Type.INTEGER, "of them from one client address"),
          optional("http.idleTimeoutSeconds", Type.INTEGER, "an idle connection is closed then"),
          optional("trustedNodeKeys", Type.PATHS, "the public keys of every node of the cluster"),
          optional("accounts", Type.ACCOUNTS, "clerk and auditor accounts"));

  static final String PREFIX = "VOTEHALL_";

  /**
   * The environment variable that overrides this key: {@code VOTEHALL_} and the path, camelCase
   * split into words, upper-cased, joined by {@code _}: {@code node.dataDir} → {@code
   * VOTEHALL_NODE_DATA_DIR}.
   */
  String environmentName() {
    return PREFIX
        + path.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  static Optional<ConfigKey> byPath(String path) {
    return ALL.stream().filter(k -> k.path.equals(path)).findFirst();
  }

  static Optional<ConfigKey> byEnvironmentName(String name) {
    return ALL.stream().filter(k -> k.environmentName().equals(name)).findFirst();
  }

  /** The sections of the file: an object whose keys are settings or further sections. */
  static boolean isSection(String path) {
    String prefix = path + ".";
    return ALL.stream().anyMatch(k -> k.path.startsWith(prefix));
  }

  private static ConfigKey required(String path, Type type, String help) {
    return new ConfigKey(path, type, true, help);
  }

  private static ConfigKey optional(String path, Type type, String help) {
    return new ConfigKey(path, type, false, help);
  }
}
