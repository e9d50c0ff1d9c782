package org.votehall.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Three simulated hosts on this machine, each a Linux network namespace with two links: one to the
 * members' private network (Hazelcast and the event bus, 10.77.1.N) and one to the hall network the
 * terminals use (HTTP, 10.77.2.N). Both networks are bridges in the root namespace, where the test
 * and the simulator run (10.77.2.100). Cutting a host's member link leaves it reachable by the
 * terminals but alone in its cluster: a partition as the hall would see it. Needs root (or
 * CAP_NET_ADMIN) and iproute2.
 */
final class Hosts implements AutoCloseable {
  static final int COUNT = 3;
  private static final String MEMBER_BRIDGE = "vhm0";
  private static final String HALL_BRIDGE = "vhh0";

  private Hosts() {}

  /** Whether this machine lets us make namespaces (root with iproute2), and why not. */
  static String unavailable() {
    try {
      run("ip", "netns", "add", "vh-probe");
      run("ip", "netns", "del", "vh-probe");
      return null;
    } catch (IOException | RuntimeException e) {
      return "cannot make network namespaces here (needs root and iproute2): " + e.getMessage();
    }
  }

  static Hosts create() throws IOException {
    removeLeftovers();
    bridge(MEMBER_BRIDGE, null);
    bridge(HALL_BRIDGE, "10.77.2.100/24");
    for (int n = 1; n <= COUNT; n++) {
      String ns = namespace(n);
      run("ip", "netns", "add", ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
      link(n, "vhm" + n, MEMBER_BRIDGE, "m0", memberAddress(n) + "/24");
      link(n, "vhh" + n, HALL_BRIDGE, "h0", hallAddress(n) + "/24");
    }
    return new Hosts();
  }

  static String namespace(int n) {
    return "vh-n" + n;
  }

  static String memberAddress(int n) {
    return "10.77.1." + n;
  }

  static String hallAddress(int n) {
    return "10.77.2." + n;
  }

  /** The command prefix that runs a program on host {@code n}. */
  static List<String> on(int n) {
    return List.of("ip", "netns", "exec", namespace(n));
  }

  /** Cuts host {@code n} off the members' network (its terminals still reach it). */
  void cut(int n) throws IOException {
    run("ip", "link", "set", "vhm" + n, "down");
  }

  void heal(int n) throws IOException {
    run("ip", "link", "set", "vhm" + n, "up");
  }

  @Override
  public void close() {
    removeLeftovers();
  }

  private static void bridge(String name, String address) throws IOException {
    run("ip", "link", "add", name, "type", "bridge");
    if (address != null) {
      run("ip", "addr", "add", address, "dev", name);
    }
    run("ip", "link", "set", name, "up");
  }

  private static void link(int n, String outside, String bridge, String inside, String address)
      throws IOException {
    String ns = namespace(n);
    run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", ns);
    run("ip", "link", "set", outside, "master", bridge, "up");
    run("ip", "-n", ns, "addr", "add", address, "dev", inside);
    run("ip", "-n", ns, "link", "set", inside, "up");
  }

  private static void removeLeftovers() {
    for (int n = 1; n <= COUNT; n++) {
      quietly("ip", "netns", "del", namespace(n)); // takes its veth ends with it
      quietly("ip", "link", "del", "vhm" + n);
      quietly("ip", "link", "del", "vhh" + n);
    }
    quietly("ip", "link", "del", MEMBER_BRIDGE);
    quietly("ip", "link", "del", HALL_BRIDGE);
  }

  private static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException | RuntimeException e) {
      // not there: nothing to remove
    }
  }

  static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
    }
  }

  static List<String> all(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      out.add(memberAddress(n));
    }
    return out;
  }
}
