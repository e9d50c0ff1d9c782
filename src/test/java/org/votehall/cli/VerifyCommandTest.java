package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code verify}: exit 0 if it holds, 1 with each failure on its own line, 2 if unreadable. */
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

  @Test
  void whatCannotBeReadExitsTwo() throws Exception {
    assertEquals(2, verify(dir.resolve("missing.json").toString()).code());
    Path garbage = Files.writeString(dir.resolve("g.json"), "not json at all");
    Run run = verify(garbage.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("cannot be read"), run.err());
    assertEquals(
        2,
        verify(
                BUNDLES.resolve("motion.bundle.json").toString(),
                "--trust",
                dir.resolve("none.pub").toString())
            .code());
  }
}
