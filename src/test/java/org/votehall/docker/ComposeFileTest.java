package org.votehall.docker;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/Dockerfile and docker/compose.yaml. Read as text, they are checked for what an engine
 * would only show at run time, or never: a root user, a probe on the wrong path or with no client
 * installed, a config file or key that is not where a mount says, a relative path left to resolve
 * inside the container, a published member port. Where a compose client exists, it validates the
 * file too; without one, those two tests say they skipped.
 */
class ComposeFileTest {
  private static final Path DOCKER = Path.of("docker");
  private static final Path COMPOSE = DOCKER.resolve("compose.yaml");
  private static final List<String> NODES = List.of("node-1", "node-2", "node-3");
  private static final List<String> CONFIG_PATHS =
      List.of(
          "node.key",
          "node.dataDir",
          "node.pinPepper",
          "http.tls.key",
          "http.tls.cert",
          "cluster.tls.key",
          "cluster.tls.cert",
          "cluster.tls.ca",
          "trustedNodeKeys");
  private static final String JAR = "/opt/votehall/votehall.jar";

  // ---- Dockerfile ----

  @Test
  void runtimeStageIsAJreRunAsTheUserItCreates() throws IOException {
    List<Instruction> runtime = Dockerfile.read().runtime();
    assertTrue(
        first(runtime, "FROM").startsWith("eclipse-temurin:17-jre"),
        "runtime base is not a Temurin 17 JRE: " + first(runtime, "FROM"));
    String user = last(runtime, "USER").split(":")[0];
    assertFalse(user.equals("root") || user.equals("0"), "USER is root: " + user);
    String useradd = runs(runtime, "useradd ").get(0);
    Matcher uid = Pattern.compile("--uid (\\d+)").matcher(useradd);
    assertTrue(uid.find(), "useradd without a fixed --uid: " + useradd);
    assertEquals(uid.group(1), user, "USER is not the user the image creates");
    assertEquals(
        List.of("java", "-jar", JAR), new JsonArray(first(runtime, "ENTRYPOINT")).getList());
    assertEquals(
        List.of("serve", "--config", "/etc/votehall/node.json"),
        new JsonArray(first(runtime, "CMD")).getList());
  }

  @Test
  void buildStageMakesTheJarTheRuntimeRuns() throws IOException {
    Dockerfile file = Dockerfile.read();
    String from = first(file.build(), "FROM");
    assertTrue(from.startsWith("maven:3.9-eclipse-temurin-17 "), "build base: " + from);
    String alias = from.substring(from.lastIndexOf(' ') + 1);
    assertTrue(
        file.build().contains(new Instruction("RUN", "mvn -B -q package -DskipTests")),
        "the build stage does not run the README's build command");
    assertTrue(
        file.runtime()
            .contains(
                new Instruction("COPY", "--from=" + alias + " /build/target/votehall.jar " + JAR)),
        "the runtime stage does not copy the built jar to " + JAR);
  }

  @Test
  void dataFolderBelongsToTheUserBeforeItBecomesAVolume() throws IOException {
    List<Instruction> runtime = Dockerfile.read().runtime();
    int volume = runtime.indexOf(new Instruction("VOLUME", "[\"/var/lib/votehall\"]"));
    assertTrue(volume >= 0, "no VOLUME [\"/var/lib/votehall\"]");
    // Changes to a folder after VOLUME declares it are discarded from the image.
    int chown =
        indexOf(runtime, i -> i.keyword().equals("RUN") && i.args().contains("chown votehall"));
    assertTrue(chown >= 0 && chown < volume, "the data folder is not chowned before VOLUME");
    assertTrue(runtime.get(chown).args().contains("/var/lib/votehall"));
  }

  @Test
  void healthCheckProbesReadinessWithACurlTheImageInstalls() throws IOException {
    List<Instruction> runtime = Dockerfile.read().runtime();
    String probe = first(runtime, "HEALTHCHECK");
    assertTrue(probe.contains(" CMD curl "), "HEALTHCHECK does not run curl: " + probe);
    assertTrue(
        probe.contains("https://127.0.0.1:${VOTEHALL_HTTP_PORT:-8443}/health/ready"),
        "HEALTHCHECK does not probe /health/ready on the node's HTTPS port: " + probe);
    assertTrue(
        runs(runtime, "apt-get").stream().anyMatch(r -> r.matches(".*apt-get install .* curl .*")),
        "the runtime stage does not install curl for its HEALTHCHECK");
  }

  @Test
  void memberPortIsNeitherExposedNorPublished() throws IOException {
    List<String> exposed =
        List.of(first(Dockerfile.read().runtime(), "EXPOSE").replace("/tcp", "").split(" +"));
    Compose compose = Compose.read();
    for (String name : NODES) {
      Map<String, Object> env = compose.environment(name);
      String memberPort = String.valueOf(env.get("VOTEHALL_CLUSTER_PORT"));
      assertFalse(exposed.contains(memberPort), "the image EXPOSEs the member port " + memberPort);
      assertTrue(exposed.contains(String.valueOf(env.get("VOTEHALL_HTTP_PORT"))), name);
      for (String service : compose.services().keySet()) {
        for (String port : Compose.strings(compose.service(service).get("ports"))) {
          assertTrue(port.startsWith("127.0.0.1:"), service + " publishes " + port);
          assertFalse(port.endsWith(":" + memberPort), service + " publishes a member port");
        }
      }
    }
  }

  // ---- compose.yaml, read as YAML ----

  @Test
  void eachNodeMountsItsOwnConfigFromTheRepository() throws IOException {
    Compose compose = Compose.read();
    for (String name : NODES) {
      Path config = Path.of("config", "cluster", name + ".json");
      assertEquals(
          Optional.of(config.toRealPath()),
          compose.hostFile(name, "/etc/votehall/node.json"),
          name + " does not mount " + config + " as /etc/votehall/node.json");
      for (String volume : compose.volumes(name)) {
        String source = volume.split(":")[0];
        assertTrue(
            !source.startsWith(".") || Files.exists(DOCKER.resolve(source)),
            name + " mounts a path that is not in the repository: " + volume);
      }
    }
  }

  @Test
  void environmentNamesFollowTheRuleOfServe() {
    assertEquals("VOTEHALL_NODE_DATA_DIR", environmentName("node.dataDir"));
    assertEquals("VOTEHALL_HTTP_TLS_CERT", environmentName("http.tls.cert"));
    assertEquals("VOTEHALL_TRUSTED_NODE_KEYS", environmentName("trustedNodeKeys"));
    assertEquals("VOTEHALL_CLUSTER_MINIMUM_MEMBERS", environmentName("cluster.minimumMembers"));
  }

  @Test
  void everyConfigPathIsOverriddenWithTheMountedFileItNames() throws IOException {
    Compose compose = Compose.read();
    for (String name : NODES) {
      Path configFile = Path.of("config", "cluster", name + ".json");
      JsonObject config = new JsonObject(Files.readString(configFile));
      Map<String, Object> env = compose.environment(name);
      for (String key : CONFIG_PATHS) {
        String variable = environmentName(key);
        assertTrue(env.containsKey(variable), name + ": " + key + " not overridden by " + variable);
        List<String> inFile = pathsAt(config, key);
        List<String> inContainer = List.of(String.valueOf(env.get(variable)).split(","));
        assertEquals(inFile.size(), inContainer.size(), name + ": " + variable);
        for (int i = 0; i < inFile.size(); i++) {
          String target = inContainer.get(i);
          assertTrue(target.startsWith("/"), name + ": " + variable + " is relative: " + target);
          if (!key.equals("node.dataDir")) {
            Path named = configFile.getParent().resolve(inFile.get(i)).toRealPath();
            assertEquals(Optional.of(named), compose.hostFile(name, target), name + ": " + target);
          }
        }
      }
      assertTrue(
          compose.volumes(name).contains(name + "-data:" + env.get("VOTEHALL_NODE_DATA_DIR")),
          name + " keeps its data outside its named volume");
    }
  }

  @Test
  void clusterMembersAreTheFixedAddressesOnThePrivateNetwork() throws IOException {
    Compose compose = Compose.read();
    String subnet = compose.subnet("hall");
    assertTrue(subnet.endsWith(".0/24"), "hall subnet: " + subnet);
    String prefix = subnet.substring(0, subnet.length() - "0/24".length());
    List<String> members = new ArrayList<>();
    for (String name : NODES) {
      Map<String, Object> env = compose.environment(name);
      String ip = compose.fixedIp(name, "hall");
      assertTrue(ip.startsWith(prefix), name + " at " + ip + " is outside " + subnet);
      assertEquals(ip, env.get("VOTEHALL_CLUSTER_HOST"), name + " binds Hazelcast elsewhere");
      members.add(ip + ":" + env.get("VOTEHALL_CLUSTER_PORT"));
    }
    assertEquals(members.size(), members.stream().distinct().count(), "addresses: " + members);
    for (String name : NODES) {
      assertEquals(
          String.join(",", members), compose.environment(name).get("VOTEHALL_CLUSTER_MEMBERS"));
    }
  }

  @Test
  void eachNodePublishesHttpsOnLoopbackAndChecksReadiness() throws IOException {
    Compose compose = Compose.read();
    for (int n = 1; n <= NODES.size(); n++) {
      String name = NODES.get(n - 1);
      Map<String, Object> env = compose.environment(name);
      assertEquals(
          List.of("127.0.0.1:844" + n + ":" + env.get("VOTEHALL_HTTP_PORT")),
          Compose.strings(compose.service(name).get("ports")),
          name);
      assertEquals("0.0.0.0", env.get("VOTEHALL_HTTP_HOST"), name);
      assertTrue(
          compose
              .healthTest(name)
              .contains("https://127.0.0.1:" + env.get("VOTEHALL_HTTP_PORT") + "/health/ready"),
          name + " has no readiness check on its HTTPS port: " + compose.healthTest(name));
    }
  }

  @Test
  void demoIsAProfileServingOnThePortItPublishes() throws IOException {
    Compose compose = Compose.read();
    Map<String, Object> demo = compose.service("demo");
    assertEquals(List.of("demo"), Compose.strings(demo.get("profiles")));
    assertEquals(
        List.of("demo", "--host", "0.0.0.0", "--port", "8080"),
        Compose.strings(demo.get("command")));
    assertEquals(List.of("127.0.0.1:8080:8080"), Compose.strings(demo.get("ports")));
    assertTrue(compose.healthTest("demo").contains("http://127.0.0.1:8080/health/ready"));
    // The demo takes its development keys from the jar (demo-keys/), so it needs no mount.
    assertEquals(null, demo.get("volumes"), "the demo mounts nothing");
    assertTrue(
        Files.exists(Path.of("target", "classes", "demo-keys", "node-1.key")),
        "the build packs the demo's keys into the jar");
  }

  // ---- compose.yaml, validated by a compose client where there is one ----

  @Test
  void composeClientAcceptsTheNodes() throws Exception {
    List<String> client = composeClient();
    Result config = run(client, List.of("-f", COMPOSE.toString(), "config"));
    assertEquals(0, config.exit(), config.output());
    assertAll(
        NODES.stream()
            .map(n -> () -> assertTrue(config.output().contains(n + ":"), n + "\n" + config)));
    for (String ip : List.of("172.28.0.11", "172.28.0.12", "172.28.0.13")) {
      assertTrue(config.output().contains("ipv4_address: " + ip), ip + "\n" + config.output());
    }
    assertTrue(config.output().contains("healthcheck:"), config.output());
    assertTrue(config.output().contains("https://127.0.0.1:8443/health/ready"), config.output());
  }

  @Test
  void composeClientAcceptsTheDemoProfile() throws Exception {
    List<String> client = composeClient();
    Result config = run(client, List.of("-f", COMPOSE.toString(), "--profile", "demo", "config"));
    assertEquals(0, config.exit(), config.output());
    assertTrue(config.output().contains("  demo:"), config.output());
    assertTrue(config.output().contains("http://127.0.0.1:8080/health/ready"), config.output());
  }

  // ---- helpers ----

  /** The naming rule of the environment overrides: node.dataDir → VOTEHALL_NODE_DATA_DIR. */
  static String environmentName(String key) {
    return "VOTEHALL_"
        + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static List<String> pathsAt(JsonObject config, String key) {
    String[] parts = key.split("\\.");
    Object value = config;
    for (String part : parts) {
      value = ((JsonObject) value).getValue(part);
    }
    if (value instanceof JsonArray list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  /** {@code docker compose}, else {@code docker-compose}; skips the test when neither answers. */
  private static List<String> composeClient() throws InterruptedException {
    for (List<String> client : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      try {
        if (run(client, List.of("version")).exit() == 0) {
          return client;
        }
      } catch (IOException notInstalled) {
        // try the next one
      }
    }
    return Assumptions.abort(
        "neither `docker compose` nor `docker-compose` answers: no Docker compose client: skipped");
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> client, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(client);
    command.addAll(args);
    Path output = Files.createTempFile("compose", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 60 s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.delete(output);
    }
  }

  private static String first(List<Instruction> stage, String keyword) {
    return stage.stream()
        .filter(i -> i.keyword().equals(keyword))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + keyword + " in the stage"))
        .args();
  }

  private static String last(List<Instruction> stage, String keyword) {
    List<Instruction> found = stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
    assertNotEquals(0, found.size(), "no " + keyword + " in the stage");
    return found.get(found.size() - 1).args();
  }

  private static List<String> runs(List<Instruction> stage, String containing) {
    return stage.stream()
        .filter(i -> i.keyword().equals("RUN") && i.args().contains(containing))
        .map(i -> i.args() + " ")
        .collect(Collectors.toList());
  }

  private static int indexOf(List<Instruction> stage, java.util.function.Predicate<Instruction> p) {
    for (int i = 0; i < stage.size(); i++) {
      if (p.test(stage.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** One Dockerfile instruction, continuation lines joined, comments dropped. */
  record Instruction(String keyword, String args) {}

  /** docker/Dockerfile split into its stages: the first builds, the last runs. */
  record Dockerfile(List<List<Instruction>> stages) {
    static Dockerfile read() throws IOException {
      List<List<Instruction>> stages = new ArrayList<>();
      for (Instruction i : parse(Files.readAllLines(DOCKER.resolve("Dockerfile")))) {
        if (i.keyword().equals("FROM")) {
          stages.add(new ArrayList<>());
        }
        stages.get(stages.size() - 1).add(i);
      }
      assertEquals(2, stages.size(), "stages in docker/Dockerfile");
      return new Dockerfile(stages);
    }

    List<Instruction> build() {
      return stages.get(0);
    }

    List<Instruction> runtime() {
      return stages.get(stages.size() - 1);
    }

    static List<Instruction> parse(List<String> lines) {
      List<Instruction> instructions = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (String raw : lines) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        boolean continued = line.endsWith("\\");
        text.append(continued ? line.substring(0, line.length() - 1).strip() : line).append(' ');
        if (!continued) {
          String[] parts = text.toString().strip().split(" ", 2);
          instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts[1]));
          text.setLength(0);
        }
      }
      return instructions;
    }
  }

  /** docker/compose.yaml as YAML (anchors and merge keys resolved), paths relative to docker/. */
  record Compose(Map<String, Object> root) {
    static Compose read() throws IOException {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      return new Compose(map(yaml.load(Files.readString(COMPOSE))));
    }

    Map<String, Object> services() {
      return map(root.get("services"));
    }

    Map<String, Object> service(String name) {
      Object service = services().get(name);
      assertTrue(service != null, "no service " + name);
      return map(service);
    }

    Map<String, Object> environment(String name) {
      return map(service(name).get("environment"));
    }

    List<String> volumes(String name) {
      return strings(service(name).get("volumes"));
    }

    String fixedIp(String name, String network) {
      return String.valueOf(
          map(map(service(name).get("networks")).get(network)).get("ipv4_address"));
    }

    String subnet(String network) {
      Map<String, Object> ipam = map(map(map(root.get("networks")).get(network)).get("ipam"));
      List<?> configs = (List<?>) ipam.get("config");
      return String.valueOf(map(configs.get(0)).get("subnet"));
    }

    String healthTest(String name) {
      return String.join(" ", strings(map(service(name).get("healthcheck")).get("test")));
    }

    /** The repository file a bind mount shows at {@code target} in the container, if any. */
    Optional<Path> hostFile(String name, String target) throws IOException {
      for (String volume : volumes(name)) {
        String[] parts = volume.split(":");
        String source = parts[0];
        String mountPoint = parts[1];
        if (!source.startsWith(".")) {
          continue;
        }
        if (target.equals(mountPoint) || target.startsWith(mountPoint + "/")) {
          Path file = DOCKER.resolve(source + target.substring(mountPoint.length()));
          return Files.exists(file) ? Optional.of(file.toRealPath()) : Optional.empty();
        }
      }
      return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
      assertTrue(o instanceof Map, "not a mapping: " + o);
      return (Map<String, Object>) o;
    }

    static List<String> strings(Object o) {
      if (o == null) {
        return List.of();
      }
      assertTrue(o instanceof List, "not a list: " + o);
      return ((List<?>) o).stream().map(String::valueOf).toList();
    }
  }
}
