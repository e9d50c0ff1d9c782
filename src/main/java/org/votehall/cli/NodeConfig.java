package org.votehall.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.votehall.cluster.ClusterSettings;
import org.votehall.http.Account;

/**
 * A node's configuration (config/node.json): its key and data folder, how it joins the cluster,
 * where it serves HTTP(S), the node keys it trusts, and the clerk and auditor accounts.
 */
record NodeConfig(
    Path nodeKey,
    Path dataDir,
    ClusterSettings cluster,
    String httpHost,
    int httpPort,
    boolean plainHttp,
    Path tlsKey,
    Path tlsCert,
    List<Path> trustedNodeKeys,
    List<Account> accounts) {

  /** Reads the merged configuration; refuses a missing or mistyped field naming it. */
  static NodeConfig from(JsonObject c) {
    JsonObject node = object(c, "node");
    JsonObject cluster = object(c, "cluster");
    JsonObject http = object(c, "http");
    ClusterSettings settings =
        new ClusterSettings(
            string(cluster, "cluster.name", "name"),
            string(cluster, "cluster.host", "host"),
            cluster.getInteger("port", 5701),
            cluster.getJsonArray("members", new JsonArray()).stream().map(String::valueOf).toList(),
            cluster.getInteger("minimumMembers", 1));
    boolean plain = http.getBoolean("plainHttp", false);
    JsonObject tls = http.getJsonObject("tls", new JsonObject());
    if (!plain && (tls.getString("key") == null || tls.getString("cert") == null)) {
      throw new IllegalArgumentException(
          "http.tls: a node serves HTTPS (tls.key and tls.cert) unless http.plainHttp is true");
    }
    return new NodeConfig(
        Path.of(string(node, "node.key", "key")),
        Path.of(string(node, "node.dataDir", "dataDir")),
        settings,
        http.getString("host", "127.0.0.1"),
        http.getInteger("port", 8443),
        plain,
        plain ? null : Path.of(tls.getString("key")),
        plain ? null : Path.of(tls.getString("cert")),
        c.getJsonArray("trustedNodeKeys", new JsonArray()).stream()
            .map(String::valueOf)
            .map(Path::of)
            .toList(),
        c.getJsonArray("accounts", new JsonArray()).stream()
            .map(JsonObject.class::cast)
            .map(
                a ->
                    new Account(
                        a.getString("name"), a.getString("role"), a.getString("passwordHash")))
            .toList());
  }

  /**
   * Environment overrides: VOTEHALL_HTTP_PORT, VOTEHALL_CLUSTER_PORT, VOTEHALL_DATA_DIR,
   * VOTEHALL_CLUSTER_MEMBERS.
   */
  static JsonObject withEnvironment(JsonObject file, JsonObject env) {
    JsonObject c = file.copy();
    override(
        env,
        "VOTEHALL_HTTP_PORT",
        v -> c.getJsonObject("http", new JsonObject()).put("port", Integer.parseInt(v)));
    override(
        env,
        "VOTEHALL_CLUSTER_PORT",
        v -> c.getJsonObject("cluster", new JsonObject()).put("port", Integer.parseInt(v)));
    override(
        env, "VOTEHALL_DATA_DIR", v -> c.getJsonObject("node", new JsonObject()).put("dataDir", v));
    override(
        env,
        "VOTEHALL_CLUSTER_MEMBERS",
        v ->
            c.getJsonObject("cluster", new JsonObject())
                .put("members", new JsonArray(List.of(v.split(",")))));
    return c;
  }

  private static void override(
      JsonObject env, String name, java.util.function.Consumer<String> apply) {
    if (env.getValue(name) != null) {
      apply.accept(String.valueOf(env.getValue(name)));
    }
  }

  private static JsonObject object(JsonObject c, String field) {
    JsonObject o = c.getJsonObject(field);
    if (o == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return o;
  }

  private static String string(JsonObject o, String path, String field) {
    String v = o.getString(field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(path + ": missing");
    }
    return v;
  }
}
