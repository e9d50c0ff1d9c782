package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The simulate command's options; the run itself is SimulateIT's. */
class SimulateCommandTest {

  @Test
  void aNodeIsAnHttpOrHttpsBaseUrl() {
    assertEquals("http://localhost:8080", SimulateCommand.url("http://localhost:8080/"));
    assertEquals("https://127.0.0.1:8441", SimulateCommand.url(" https://127.0.0.1:8441 "));
    assertEquals("http://h:1", SimulateCommand.url("HTTP://h:1"));
    assertThrows(IllegalArgumentException.class, () -> SimulateCommand.url("ftp://localhost"));
    assertThrows(IllegalArgumentException.class, () -> SimulateCommand.url("localhost:8080"));
    assertThrows(IllegalArgumentException.class, () -> SimulateCommand.url("http://h:1/api"));
    assertThrows(IllegalArgumentException.class, () -> SimulateCommand.url("http://h:1/?x=1"));
    assertThrows(IllegalArgumentException.class, () -> SimulateCommand.url("http://"));
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {String.valueOf(code), out.toString(), err.toString().strip()};
  }

  @Test
  void badOptionsAreOneLineOnStderrAndExitTwo() {
    String[][] cases = {
      {
        "--kind",
        "referendum",
        "simulate: --kind is motion, election, selection or rating, not referendum"
      },
      {"--deputies", "0", "simulate: --deputies is 1 to 5000 (a roster's size), not 0"},
      {"--kind", "election", "--no-secret", "simulate: an election is always secret"},
      {"--clerk", "clerk", "simulate: --clerk is NAME:PASSWORD"},
      {"--trust", "no-such.pub", "simulate: no-such.pub"},
      {
        "--prefix",
        "a b",
        "simulate: --prefix is 1 to 40 of A-Z a-z 0-9 . _ - (it starts ids), not a b"
      },
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 1];
      args[0] = "simulate";
      args[1] = "--node=http://localhost:1";
      System.arraycopy(c, 0, args, 2, c.length - 1);
      String[] result = run(args);
      assertEquals("2", result[0], String.join(" ", args) + ": " + result[2]);
      assertEquals("", result[1]);
      assertTrue(result[2].startsWith(c[c.length - 1]), result[2]);
      assertEquals(1, result[2].lines().count(), result[2]);
    }
  }
}
