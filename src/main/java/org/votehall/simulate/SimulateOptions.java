package org.votehall.simulate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.votehall.crypto.VerifyingKey;

/**
 * Everything a simulation needs, as the command line gave it (docs/simulate.md, "Options").
 *
 * @param nodes the nodes' base URLs (http or https), without a trailing slash
 * @param pace casts per second at most overall; 0 for as fast as the nodes take them
 * @param prefix what the sitting, terminal and ballot ids start with, fresh for each run
 * @param enrolByCode how many terminals enrol by one-time code (the rest the clerk registers)
 * @param resend how many acknowledged casts are sent again unchanged, to check the same receipt
 *     comes back
 */
public record SimulateOptions(
    List<String> nodes,
    int deputies,
    BallotPlan.Kind kind,
    boolean secret,
    Login clerk,
    Login auditor,
    List<VerifyingKey> trust,
    List<Path> caFiles,
    int concurrency,
    double pace,
    Duration timeout,
    Duration requestTimeout,
    String prefix,
    int enrolByCode,
    int resend,
    long seed) {

  /** A clerk's or auditor's account. */
  public record Login(String name, String password) {
    @Override
    public String toString() {
      return name + ":…";
    }
  }

  public SimulateOptions {
    nodes = List.copyOf(nodes);
    trust = List.copyOf(trust);
    caFiles = List.copyOf(caFiles);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("at least one --node");
    }
    if (deputies < 1 || deputies > 5000) {
      throw new IllegalArgumentException(
          "--deputies is 1 to 5000 (a roster's size), not " + deputies);
    }
    if (kind == BallotPlan.Kind.ELECTION && !secret) {
      throw new IllegalArgumentException("an election is always secret");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency is at least 1, not " + concurrency);
    }
    if (pace < 0) {
      throw new IllegalArgumentException("--pace cannot be negative");
    }
    if (!prefix.matches("[A-Za-z0-9._-]{1,40}")) {
      throw new IllegalArgumentException(
          "--prefix is 1 to 40 of A-Z a-z 0-9 . _ - (it starts ids), not " + prefix);
    }
    if (resend < 0) {
      throw new IllegalArgumentException("--resend cannot be negative");
    }
    if (enrolByCode < 0) {
      throw new IllegalArgumentException("--enrol-by-code cannot be negative");
    }
  }
}
