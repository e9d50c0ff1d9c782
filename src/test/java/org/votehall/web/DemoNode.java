package org.votehall.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.votehall.cli.NodeProcess;

/**
 * {@code java -jar target/votehall.jar demo --port P}, as a new user runs it, from a folder of its
 * own: one node over plain HTTP with the demo sitting, clerk {@code clerk / clerk-demo} and auditor
 * {@code auditor / auditor-demo}.
 */
public final class DemoNode implements AutoCloseable {
  public static final String CLERK = "clerk";
  public static final String CLERK_PASSWORD = "clerk-demo";
  public static final String AUDITOR = "auditor";
  public static final String AUDITOR_PASSWORD = "auditor-demo";

  private final NodeProcess process;
  private final int port;

  private DemoNode(NodeProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  public static DemoNode start() throws Exception {
    Path folder = Files.createTempDirectory("votehall-demo");
    int port = NodeProcess.freePort();
    NodeProcess process =
        NodeProcess.start(folder, Map.of(), "demo", "--port", String.valueOf(port));
    DemoNode node = new DemoNode(process, port);
    node.awaitReady();
    return node;
  }

  /** {@code http://localhost:PORT} followed by {@code path}. */
  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public int port() {
    return port;
  }

  /** What the demo printed (its URLs, logins and sitting). */
  public String stdout() throws Exception {
    return process.stdout();
  }

  private void awaitReady() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new AssertionError("the demo ended: " + process.stderr());
      }
      try {
        HttpResponse<String> ready =
            client.send(
                HttpRequest.newBuilder(URI.create(url("/health/ready"))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200 && process.stdout().contains("Ctrl+C")) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the demo was not ready in 120 s: " + process.stderr());
  }

  @Override
  public void close() {
    process.close();
  }
}
