package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.votehall.crypto.SecretHash;

/** {@code passwd}: the hash alone on stdout, of a password read without echo or from stdin. */
class PasswdCommandTest {
  private static final Pattern HASH =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");

  record Run(int code, String out, String err) {}

  private static Run passwd(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "passwd";
    System.arraycopy(args, 0, all, 1, args.length);
    int code =
        Main.run(all, new ByteArrayInputStream(stdin), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Run passwd(String stdin, String... args) {
    return passwd(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /** The one line on stdout, which must be a hash and nothing else. */
  private static String hashOf(Run run) {
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(1, lines.size(), run.out());
    assertTrue(HASH.matcher(lines.get(0)).matches(), lines.get(0));
    return lines.get(0);
  }

  @Test
  void printsAHashThatMatchesThePasswordOnStdinAndNoOther() {
    String hash = hashOf(passwd("correct horse 电池 staple\n", "--stdin"));
    assertTrue(SecretHash.matches("correct horse 电池 staple", hash));
    assertFalse(SecretHash.matches("correct horse 电池 staple\n", hash));
    assertFalse(SecretHash.matches("correct horse", hash));
  }

  @Test
  void withoutAConsoleStdinIsReadWithoutTheFlagAndOnlyItsFirstLine() {
    String hash = hashOf(passwd("clerk-pw\r\nsecond line\n"));
    assertTrue(SecretHash.matches("clerk-pw", hash));
    assertTrue(SecretHash.matches(" spaces kept ", hashOf(passwd(" spaces kept "))));
  }

  @Test
  void theSamePasswordTwiceGivesTwoHashesBothOfWhichMatch() {
    String one = hashOf(passwd("pw\n", "--stdin"));
    String two = hashOf(passwd("pw\n", "--stdin"));
    assertNotEquals(one, two, "a fresh salt each time");
    assertTrue(SecretHash.matches("pw", one) && SecretHash.matches("pw", two));
  }

  @Test
  void anEmptyOrMissingOrGarbledPasswordIsRefusedInOneLine() {
    assertRefused(passwd("\n", "--stdin"), "passwd: an empty password is refused");
    assertRefused(passwd("", "--stdin"), "passwd: no password on standard input");
    assertRefused(
        passwd(new byte[] {'p', (byte) 0xff, '\n'}, "--stdin"),
        "passwd: the password on standard input is not UTF-8 text");
  }

  private static void assertRefused(Run run, String line) {
    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertEquals(List.of(line), run.err().lines().toList());
  }

  @Test
  void atAConsoleItAsksTwiceWithoutEcho() throws Exception {
    String console = atAConsole("Hall-Pass 42", "Hall-Pass 42");
    Matcher hash = HASH.matcher(console);
    assertTrue(hash.find(), console);
    assertTrue(SecretHash.matches("Hall-Pass 42", hash.group()));
    assertFalse(console.contains("Hall-Pass"), "the password was echoed: " + console);
  }

  @Test
  void atAConsoleTwoDifferentEntriesAreRefused() throws Exception {
    String console = atAConsole("one password", "another");
    assertTrue(console.contains("passwd: the two passwords differ"), console);
    assertFalse(HASH.matcher(console).find(), console);
  }

  /**
   * Runs {@code passwd} in a child JVM on a pseudo-terminal ({@code script} from util-linux) and
   * types each entry after its prompt, when the console has turned echo off; returns all the
   * terminal showed.
   */
  private static String atAConsole(String first, String again) throws Exception {
    assumeTrue(scriptWorks(), "no pseudo-terminal here (util-linux script); skipped");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String child =
        quote(java)
            + " -cp "
            + quote(System.getProperty("java.class.path"))
            + " "
            + Main.class.getName()
            + " passwd";
    Process p = new ProcessBuilder("script", "-q", "-e", "-c", child, "/dev/null").start();
    StringBuffer shown = new StringBuffer();
    Thread reader = new Thread(() -> copy(p.getInputStream(), shown));
    reader.start();
    try (OutputStream keys = p.getOutputStream()) {
      int at = type(keys, shown, 0, "Password: ", first);
      type(keys, shown, at, "again: ", again);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "passwd did not end: " + shown);
    } finally {
      p.destroy();
    }
    reader.join(10_000);
    return shown.toString();
  }

  /** Waits for {@code prompt} after {@code from}, then types; returns where the prompt ended. */
  private static int type(
      OutputStream keys, StringBuffer shown, int from, String prompt, String entry)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int at;
    while ((at = shown.indexOf(prompt, from)) < 0) {
      assertTrue(System.nanoTime() < deadline, "no prompt «" + prompt + "»: " + shown);
      Thread.sleep(20);
    }
    keys.write((entry + "\n").getBytes(StandardCharsets.UTF_8));
    keys.flush();
    return at + prompt.length();
  }

  private static void copy(InputStream from, StringBuffer to) {
    byte[] buffer = new byte[256];
    try {
      for (int n; (n = from.read(buffer)) > 0; ) {
        to.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the child ended
    }
  }

  private static boolean scriptWorks() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("script", "-q", "-e", "-c", "true", "/dev/null").start();
      p.getOutputStream().close();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
