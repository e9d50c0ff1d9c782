package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code verify}: exit 0 if it holds, 1 with each failure on its own line (a bundle that is not
 * JSON any more among them), 2 only if a file is missing or unreadable.
 */
class VerifyCommandTest {
  private static final Path BUNDLES = Path.of("src", "test", "resources", "bundles");
  private static final String TRUSTED = Path.of("keys", "dev", "node-1.pub").toString();
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run verify(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "verify";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(
        Main.run(all, new PrintWriter(out), new PrintWriter(err)), out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"motion", "election", "selection", "rating"})
  void theShippedBundleOfEachKindVerifies(String kind) {
    Run run = verify(BUNDLES.resolve(kind + ".bundle.json").toString(), "--trust", TRUSTED);
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().startsWith("verified: bundle of ballot "), run.out());
    assertEquals("", run.err());
  }

  @Test
  void aTamperedBundleExitsOneWithEachFailureOnItsOwnLine() throws Exception {
    String text = Files.readString(BUNDLES.resolve("motion.bundle.json"));
    Path tampered =
        Files.writeString(
            dir.resolve("t.json"), text.replaceFirst("\"present\":27", "\"present\":28"));
    Run run = verify(tampered.toString(), "--trust", TRUSTED);
    assertEquals(1, run.code());
    assertEquals(
        "signature: the signature of node ceb02a7367d6b670 does not verify",
        run.out().lines().findFirst().orElseThrow());
    assertTrue(run.out().lines().count() >= 1);
  }

  @Test
  void aBundleSignedByAnotherNodeFailsUnderTheTrustedKey() {
    Run run =
        verify(
            BUNDLES.resolve("rating.bundle.json").toString(),
            "--trust",
            Path.of("keys", "dev", "node-2.pub").toString());
    assertEquals(1, run.code());
    assertTrue(run.out().contains("which is not a trusted node key"), run.out());
  }

  @Test
  void withoutTrustedKeysItSaysWhatItRestedOn() {
    Run run = verify(BUNDLES.resolve("election.bundle.json").toString());
    assertEquals(0, run.code());
    assertTrue(run.err().contains("note: no trusted node keys were given"), run.err());
  }

  /**
   * Bytes that were changed so far that they are no JSON object any more, and the one line said.
   */
  static Stream<Arguments> brokenBundles() throws IOException {
    byte[] motion = Files.readAllBytes(BUNDLES.resolve("motion.bundle.json"));
    int columnAfter = new String(motion, StandardCharsets.UTF_8).length() + 1;
    return Stream.of(
        Arguments.of(
            "not JSON",
            "not json at all".getBytes(StandardCharsets.US_ASCII),
            "the bundle is not valid JSON at line 1, column 4"),
        Arguments.of(
            "cut short",
            Arrays.copyOf(motion, 200),
            "the bundle ends inside its JSON, at line 1, column 201: it is cut short"),
        Arguments.of(
            "not UTF-8",
            concat(new byte[] {(byte) 0xff}, motion),
            "the bundle is not UTF-8 text: byte 0 is not part of a UTF-8 character"),
        Arguments.of(
            "a byte order mark",
            concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, motion),
            "the bundle begins with a byte order mark (U+FEFF), which is not JSON"),
        Arguments.of(
            "a name twice",
            "{\"a\":1,\n\"a\":2}".getBytes(StandardCharsets.US_ASCII),
            "the bundle names \"a\" twice in one object, at line 2, column 1"),
        Arguments.of("empty", new byte[0], "the bundle is empty: it holds no JSON"),
        Arguments.of(
            "an array",
            "[1]".getBytes(StandardCharsets.US_ASCII),
            "the bundle is not a JSON object: it begins with an array"),
        Arguments.of(
            "a trailing newline",
            concat(motion, "\n".getBytes(StandardCharsets.US_ASCII)),
            "the bundle has a trailing newline after its canonical JSON: a bundle ends with its"
                + " closing brace"),
        Arguments.of(
            "a trailing CR LF",
            concat(motion, "\r\n".getBytes(StandardCharsets.US_ASCII)),
            "the bundle has a trailing line break (CR LF) after its canonical JSON: a bundle ends"
                + " with its closing brace"),
        Arguments.of(
            "more bytes",
            concat(motion, "}garbage".getBytes(StandardCharsets.US_ASCII)),
            "the bundle has 8 more bytes, from line 1, column "
                + columnAfter
                + ", after its canonical JSON: a bundle ends with its closing brace"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBundles")
  void aBundleThatIsNoLongerAJsonObjectIsTamperingSaidInOneLineOfPlainWords(
      String name, byte[] bytes, String failure) throws Exception {
    Path file = Files.write(dir.resolve("b.json"), bytes);
    Run run = verify(file.toString(), "--trust", TRUSTED);
    assertEquals(1, run.code(), run.out() + run.err());
    assertEquals(List.of(failure), run.out().lines().toList());
    assertEquals("", run.err());
  }

  @Test
  void onlyAMissingOrUnreadableFileExitsTwo() throws Exception {
    Run missing = verify(dir.resolve("missing.json").toString());
    assertEquals(2, missing.code());
    assertEquals("", missing.out());
    assertEquals(
        "verify: cannot read " + dir.resolve("missing.json") + ": no such file",
        missing.err().strip());
    Run directory = verify(dir.toString());
    assertEquals(2, directory.code());
    assertEquals(
        "verify: cannot read " + dir + ": a directory, not a file", directory.err().strip());
    Run key =
        verify(
            BUNDLES.resolve("motion.bundle.json").toString(),
            "--trust",
            dir.resolve("none.pub").toString());
    assertEquals(2, key.code());
    assertEquals(
        "verify: cannot read " + dir.resolve("none.pub") + ": no such file", key.err().strip());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
