package org.votehall.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/votehall.jar …} as a separate process, run from a folder of its own (not
 * the project's), the way an operator runs it; its stdout and stderr kept in files.
 */
public final class NodeProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "votehall.jar").toAbsolutePath();

  private final Process process;
  private final Path out;
  private final Path err;

  private NodeProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts the jar with {@code args} in {@code folder}, with {@code env} added. */
  public static NodeProcess start(Path folder, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of(), folder, env, args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, the command run through {@code prefix} (such as {@code
   * ip netns exec HOST}, which execs java in place, so a kill reaches java itself).
   */
  public static NodeProcess start(
      List<String> prefix, Path folder, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(java(), "-Xmx256m", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("VOTEHALL_"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(folder, "stdout", ".txt");
    Path err = Files.createTempFile(folder, "stderr", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new NodeProcess(builder.start(), out, err);
  }

  /** Runs the jar to its end (at most a minute) and returns its exit code. */
  static NodeProcess run(Path folder, Map<String, String> env, String... args) throws Exception {
    NodeProcess p = start(folder, env, args);
    if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
      p.process.destroyForcibly();
      throw new AssertionError("still running after a minute: " + String.join(" ", args));
    }
    return p;
  }

  /** Waits for the process to end, at most {@code wait}; false if it is still running. */
  public boolean awaitExit(Duration wait) throws InterruptedException {
    return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitCode() {
    return process.exitValue();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM, then waits for the process to end; returns whether it ended in time. */
  public boolean terminate(Duration wait) throws InterruptedException {
    process.destroy();
    return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL: the process dies at once, as in a power cut of that host. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Waits until stderr or stdout holds {@code text}; false if the process ended or time ran out.
   */
  public boolean awaitOutput(String text, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (stderr().contains(text) || stdout().contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return stderr().contains(text) || stdout().contains(text);
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
