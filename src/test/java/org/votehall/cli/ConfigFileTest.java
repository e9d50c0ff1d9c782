package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.http.Account;

/**
 * A node's configuration: the file (paths relative to its folder), every key overridable from the
 * environment by one naming rule, and one-line refusals of every mistake.
 */
class ConfigFileTest {
  private static final String HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$6fCiXzLRVEikM55D9x8Mbg$dKPbHEInay3H8lQ/FJwlVj0R4LzQpS0+vdJr+xuiQUg";

  @TempDir Path dir;

  @Test
  void pathsInTheFileAreRelativeToTheFilesFolder() throws Exception {
    NodeConfig config = ConfigFile.read(Path.of("config", "cluster", "node-2.json"), Map.of());
    Path root = Path.of("").toAbsolutePath();
    assertEquals(root.resolve("keys/dev/node-2.key"), config.nodeKey());
    assertEquals(root.resolve("data/node-2"), config.dataDir());
    assertEquals(root.resolve("keys/dev/dev-pin-pepper.pem"), config.pinPepper());
    assertEquals(4, config.blindKeyPool(), "the default");
    assertEquals(root.resolve("keys/dev/node-2-tls.crt"), config.http().tlsCert());
    assertEquals(3, config.trustedNodeKeys().size());
    assertEquals(2, config.cluster().minimumMembers());
    assertEquals(root.resolve("keys/dev/node-2-cluster.key"), config.cluster().eventBusTls().key());
    assertEquals(
        root.resolve("keys/dev/node-2-cluster.crt"), config.cluster().eventBusTls().cert());
    assertEquals(root.resolve("keys/dev/dev-cluster-ca.crt"), config.cluster().eventBusTls().ca());
    assertEquals(8442, config.http().port());
    assertEquals(2, config.accounts().size());
  }

  @Test
  void theEnvironmentNameOfAKeyFollowsOneRule() {
    Map<String, String> names = new HashMap<>();
    ConfigKey.ALL.forEach(k -> names.put(k.path(), k.environmentName()));
    assertEquals("VOTEHALL_NODE_KEY", names.get("node.key"));
    assertEquals("VOTEHALL_NODE_DATA_DIR", names.get("node.dataDir"));
    assertEquals("VOTEHALL_NODE_PIN_PEPPER", names.get("node.pinPepper"));
    assertEquals("VOTEHALL_NODE_BLIND_KEY_POOL", names.get("node.blindKeyPool"));
    assertEquals("VOTEHALL_HTTP_PORT", names.get("http.port"));
    assertEquals("VOTEHALL_HTTP_TLS_KEY", names.get("http.tls.key"));
    assertEquals("VOTEHALL_CLUSTER_MINIMUM_MEMBERS", names.get("cluster.minimumMembers"));
    assertEquals("VOTEHALL_TRUSTED_NODE_KEYS", names.get("trustedNodeKeys"));
    assertEquals(ConfigKey.ALL.size(), Map.copyOf(names).values().stream().distinct().count());
  }

  /** Every key, set from the environment, wins over the file. */
  @Test
  void everyKeyCanBeOverriddenFromTheEnvironment() throws Exception {
    Map<String, String> env = new HashMap<>();
    Map<String, Function<NodeConfig, Object>> read = new HashMap<>();
    Map<String, Object> expected = new HashMap<>();
    Path here = Path.of("").toAbsolutePath();
    override(env, read, expected, "node.key", "k/n.key", c -> c.nodeKey(), here.resolve("k/n.key"));
    override(
        env,
        read,
        expected,
        "node.dataDir",
        "/var/lib/vh",
        c -> c.dataDir(),
        Path.of("/var/lib/vh"));
    override(
        env,
        read,
        expected,
        "node.pinPepper",
        "/etc/vh/pepper.pem",
        c -> c.pinPepper(),
        Path.of("/etc/vh/pepper.pem"));
    override(env, read, expected, "node.blindKeyPool", "0", c -> c.blindKeyPool(), 0);
    override(env, read, expected, "ledger.mixingCasts", "16", c -> c.mixing().casts(), 16);
    override(
        env,
        read,
        expected,
        "ledger.mixingSeconds",
        "2",
        c -> c.mixing().age(),
        java.time.Duration.ofSeconds(2));
    override(env, read, expected, "cluster.name", "prod", c -> c.cluster().clusterName(), "prod");
    override(env, read, expected, "cluster.host", "10.0.0.1", c -> c.cluster().host(), "10.0.0.1");
    override(env, read, expected, "cluster.port", "5801", c -> c.cluster().port(), 5801);
    override(
        env, read, expected, "cluster.eventBusPort", "6801", c -> c.cluster().eventBusPort(), 6801);
    override(
        env,
        read,
        expected,
        "cluster.members",
        "10.0.0.1:5801, 10.0.0.2:5801,10.0.0.3:5801",
        c -> c.cluster().members(),
        List.of("10.0.0.1:5801", "10.0.0.2:5801", "10.0.0.3:5801"));
    override(
        env, read, expected, "cluster.minimumMembers", "3", c -> c.cluster().minimumMembers(), 3);
    override(
        env,
        read,
        expected,
        "cluster.startupWaitSeconds",
        "42",
        c -> c.cluster().startupWaitSeconds(),
        42);
    override(
        env,
        read,
        expected,
        "cluster.tls.key",
        "/c/n.key",
        c -> c.cluster().eventBusTls().key(),
        Path.of("/c/n.key"));
    override(
        env,
        read,
        expected,
        "cluster.tls.cert",
        "/c/n.crt",
        c -> c.cluster().eventBusTls().cert(),
        Path.of("/c/n.crt"));
    override(
        env,
        read,
        expected,
        "cluster.tls.ca",
        "/c/ca.crt",
        c -> c.cluster().eventBusTls().ca(),
        Path.of("/c/ca.crt"));
    override(env, read, expected, "http.host", "0.0.0.0", c -> c.http().host(), "0.0.0.0");
    override(env, read, expected, "http.port", "9443", c -> c.http().port(), 9443);
    override(env, read, expected, "http.plainHttp", "false", c -> c.http().plainHttp(), false);
    override(
        env,
        read,
        expected,
        "http.tls.key",
        "/t/k.pem",
        c -> c.http().tlsKey(),
        Path.of("/t/k.pem"));
    override(
        env,
        read,
        expected,
        "http.tls.cert",
        "/t/c.pem",
        c -> c.http().tlsCert(),
        Path.of("/t/c.pem"));
    override(env, read, expected, "http.maxConnections", "77", c -> c.http().maxConnections(), 77);
    override(
        env,
        read,
        expected,
        "http.maxConnectionsPerAddress",
        "7",
        c -> c.http().maxConnectionsPerAddress(),
        7);
    override(
        env, read, expected, "http.idleTimeoutSeconds", "9", c -> c.http().idleTimeoutSeconds(), 9);
    override(
        env,
        read,
        expected,
        "trustedNodeKeys",
        "/a.pub,/b.pub",
        c -> c.trustedNodeKeys(),
        List.of(Path.of("/a.pub"), Path.of("/b.pub")));
    override(
        env,
        read,
        expected,
        "accounts",
        "[{\"name\":\"c2\",\"role\":\"clerk\",\"passwordHash\":\"" + HASH + "\"}]",
        c -> c.accounts(),
        List.of(new Account("c2", "clerk", HASH)));
    assertEquals(
        ConfigKey.ALL.stream().map(ConfigKey::path).sorted().toList(),
        read.keySet().stream().sorted().toList(),
        "the test covers every key");
    NodeConfig config = ConfigFile.read(Path.of("config", "cluster", "node-1.json"), env);
    read.forEach((key, get) -> assertEquals(expected.get(key), get.apply(config), key));
  }

  private static void override(
      Map<String, String> env,
      Map<String, Function<NodeConfig, Object>> read,
      Map<String, Object> expected,
      String key,
      String value,
      Function<NodeConfig, Object> get,
      Object want) {
    env.put(ConfigKey.byPath(key).orElseThrow().environmentName(), value);
    read.put(key, get);
    expected.put(key, want);
  }

  @Test
  void anUnknownKeyIsRefusedNamingIt() throws Exception {
    String message =
        refusal("{\"node\": {\"key\": \"a\", \"dataDir\": \"d\"}, \"http\": {\"prot\": 1}}");
    assertTrue(message.contains("unknown key \"http.prot\""), message);
    assertTrue(message.contains("http.port"), "names the keys there are: " + message);
  }

  @Test
  void anUnknownVotehallVariableIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("n.json"), minimal());
    StartupException e =
        assertThrows(
            StartupException.class, () -> ConfigFile.read(file, Map.of("VOTEHALL_DATA_DIR", "/x")));
    assertTrue(
        e.getMessage().startsWith("environment variable VOTEHALL_DATA_DIR is not"), e.getMessage());
    assertTrue(e.getMessage().contains("VOTEHALL_NODE_DATA_DIR"), e.getMessage());
  }

  @Test
  void invalidJsonIsToldByLineAndColumnWithoutParserInternals() throws Exception {
    String message = refusal("{\n  \"node\": {\"key\": \"a\",\n  }\n}");
    assertTrue(message.contains("not valid JSON at line 3, column 3"), message);
    assertFalse(message.contains("code 125"), message);
    assertFalse(message.contains("Source"), message);
    assertFalse(message.contains("REDACTED"), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void aMissingKeyIsNamedWithItsVariable() throws Exception {
    String message = refusal("{\"node\": {\"key\": \"a\"}, \"cluster\": {\"name\": \"x\"}}");
    assertTrue(message.contains("node.dataDir is missing"), message);
    assertTrue(message.contains("VOTEHALL_NODE_DATA_DIR"), message);
  }

  @Test
  void aMistypedValueIsNamed() throws Exception {
    String message = refusal(minimal().replace("\"plainHttp\": true", "\"plainHttp\": \"yes\""));
    assertTrue(message.contains("http.plainHttp must be true or false"), message);
  }

  @Test
  void aPasswordHashThatIsNotArgon2idIsRefused() throws Exception {
    String message =
        refusal(
            minimal()
                .replace(
                    "\"accounts\": []",
                    "\"accounts\": [{\"name\": \"clerk\", \"role\": \"clerk\", \"passwordHash\":"
                        + " \"secret\"}]"));
    assertTrue(message.contains("clerk's passwordHash is not an Argon2id hash"), message);
    assertTrue(message.contains("votehall passwd"), message);
  }

  @Test
  void theMinimumMembershipMustFitTheMembers() throws Exception {
    String message =
        refusal(minimal().replace("\"name\": \"c\"", "\"name\": \"c\", \"minimumMembers\": 2"));
    assertTrue(
        message.contains("cluster.minimumMembers is 2 but cluster.members names 1"), message);
  }

  @Test
  void aClusterOfSeveralMembersNeedsTheEventBusTls() throws Exception {
    String members = "\"members\": [\"10.0.0.1:5701\", \"10.0.0.2:5701\"]";
    String message = refusal(minimal().replace("\"name\": \"c\"", "\"name\": \"c\", " + members));
    assertTrue(message.contains("cluster.tls is missing but cluster.members names 2"), message);
    assertTrue(message.contains("keygen --cluster-ca"), message);
    assertTrue(message.contains("keygen --cluster-cert"), message);
    String partial =
        refusal(
            minimal()
                .replace(
                    "\"name\": \"c\"",
                    "\"name\": \"c\", "
                        + members
                        + ", \"tls\": {\"key\": \"k\", \"cert\": \"c\"}"));
    assertTrue(partial.contains("cluster.tls needs key, cert and ca together"), partial);
  }

  @Test
  void aNodeAloneNeedsNoEventBusTlsAndOneNamedTwiceIsAlone() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("alone.json"),
            minimal()
                .replace(
                    "\"name\": \"c\"",
                    "\"name\": \"c\", \"members\": [\"10.0.0.1:5701\", \"10.0.0.1:5701\"]"));
    assertEquals(null, ConfigFile.read(file, Map.of()).cluster().eventBusTls());
  }

  @Test
  void aNodeNeedsThePinPepper() throws Exception {
    String message = refusal(minimal().replace(", \"pinPepper\": \"p.pem\"", ""));
    assertTrue(message.contains("node.pinPepper is missing"), message);
    assertTrue(message.contains("keygen --pin-pepper"), message);
    assertTrue(message.contains("VOTEHALL_NODE_PIN_PEPPER"), message);
  }

  @Test
  void theBlindKeyPoolIsBounded() throws Exception {
    String message =
        refusal(
            minimal()
                .replace("\"dataDir\": \"data\"", "\"dataDir\": \"data\", \"blindKeyPool\": 65"));
    assertTrue(message.contains("node.blindKeyPool must be from 0 to 64"), message);
  }

  @Test
  void aMissingFileIsNamed() {
    StartupException e =
        assertThrows(
            StartupException.class, () -> ConfigFile.read(dir.resolve("nope.json"), Map.of()));
    assertTrue(e.getMessage().contains("nope.json does not exist"), e.getMessage());
  }

  private String refusal(String json) throws Exception {
    Path file = Files.writeString(dir.resolve("node.json"), json);
    StartupException e =
        assertThrows(StartupException.class, () -> ConfigFile.read(file, Map.of()));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  private static String minimal() {
    return "{\"node\": {\"key\": \"n.key\", \"dataDir\": \"data\", \"pinPepper\": \"p.pem\"},"
        + " \"cluster\": {\"name\": \"c\"},"
        + " \"http\": {\"plainHttp\": true}, \"accounts\": []}";
  }
}
