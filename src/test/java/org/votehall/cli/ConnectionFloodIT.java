package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idle connections cannot take a node down: past the cap a new connection is closed at once, an
 * idle one is closed after the timeout, and once a flood ends the node answers at once.
 */
class ConnectionFloodIT {
  private static final int CAP = 200;
  private static final int PER_ADDRESS = 64;
  private static final int IDLE_SECONDS = 8;
  private static DemoCommand.Demo demo;

  @BeforeAll
  static void start() throws Exception {
    demo = DemoCommand.start("127.0.0.1", 0, CAP, IDLE_SECONDS);
  }

  @AfterAll
  static void stop() {
    demo.stop();
  }

  @Test
  void aFloodOfIdleConnectionsIsCappedAndTheNodeAnswersOnceItEnds() throws Exception {
    int port = demo.server().port();
    List<Socket> flood = new ArrayList<>();
    try {
      open(flood, port, "127.0.0.2", 300);
      int fromOne = stillOpen(flood);
      assertTrue(
          fromOne <= PER_ADDRESS, "at most " + PER_ADDRESS + " from one address: " + fromOne);
      assertTrue(fromOne >= PER_ADDRESS / 2, "the per-address cap closed them: " + fromOne);
      for (int a = 3; a < 43; a++) {
        open(flood, port, "127.0.0." + a, 50);
      }
      int open = stillOpen(flood);
      assertTrue(open <= CAP, "at most " + CAP + " kept open, saw " + open);
      assertTrue(open >= CAP / 2, "the cap, not some other limit, closed them: " + open);
    } finally {
      for (Socket s : flood) {
        s.close();
      }
    }
    Thread.sleep(200);
    try (ApiClient api = ApiClient.http(port)) {
      long start = System.nanoTime();
      assertEquals(200, api.get("/api/sittings/demo/status").statusCode());
      assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "answers at once");
    }
  }

  private static void open(List<Socket> into, int port, String from, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Socket s = new Socket();
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      into.add(s);
    }
  }

  /** How many of the sockets the server has not closed, a moment after they were opened. */
  private static int stillOpen(List<Socket> sockets) throws Exception {
    Thread.sleep(300);
    int open = 0;
    for (Socket s : sockets) {
      if (!s.isClosed() && !closedByServer(s, 5)) {
        open++;
      }
    }
    return open;
  }

  @Test
  void anIdleConnectionIsClosedAfterTheTimeout() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", demo.server().port()), 2000);
      assertTrue(closedByServer(s, (IDLE_SECONDS + 3) * 1000), "closed after the idle timeout");
    }
  }

  /** True if the server closed the connection within {@code millis} (a read sees its end). */
  private static boolean closedByServer(Socket s, int millis) throws IOException {
    s.setSoTimeout(millis);
    InputStream in = s.getInputStream();
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
