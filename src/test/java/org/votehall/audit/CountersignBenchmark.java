package org.votehall.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Countersigning;

/**
 * Timing command for BENCHMARKS.md (not a test): what countersigning adds to a 3,000-ballot secret
 * election bundle — sealing the panel in, the seal's digest, two countersignatures, and {@code
 * verify --scrutineers}. Run {@link AuditBenchmark} first: it makes the bundle.
 *
 * <pre>
 * java -cp target/votehall.jar:target/test-classes org.votehall.audit.AuditBenchmark
 * java -cp target/votehall.jar:target/test-classes org.votehall.audit.CountersignBenchmark
 * java -jar target/votehall.jar verify target/bench/countersigned-3000.bundle.json \
 *     --trust keys/dev/node-1.pub --scrutineers target/bench/S1.pub target/bench/S2.pub target/bench/S3.pub
 * </pre>
 */
public final class CountersignBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CountersignBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of("target", "bench");
    SigningKey node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    ObjectNode bundle =
        (ObjectNode) JSON.readTree(work.resolve("election-3000.bundle.json").toFile());
    SecureRandom random = new SecureRandom();
    List<SigningKey> keys = new ArrayList<>();
    List<Countersigning.Member> panel = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      SigningKey key = SigningKey.generate(random);
      keys.add(key);
      panel.add(new Countersigning.Member("S" + i, "监票人" + i, Optional.of(key.verifyingKey())));
      Path pub = work.resolve("S" + i + ".pub");
      Files.deleteIfExists(pub);
      KeyFiles.writePublic(pub, key.verifyingKey());
    }
    bundle.set("scrutineers", new Countersigning.Panel(2, panel).toJson());
    String sealed = new String(BundleVerifierTest.resign(bundle, node), StandardCharsets.UTF_8);

    long t0 = System.nanoTime();
    Countersigning.Sealed seal = Countersigning.Sealed.ofSealedText(sealed, JSON.readTree(sealed));
    long t1 = System.nanoTime();
    String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<Countersigning.Countersignature> signed =
        List.of(seal.countersign("S1", at, keys.get(0)), seal.countersign("S2", at, keys.get(1)));
    long t2 = System.nanoTime();
    String served = Countersigning.served(sealed, signed, List.of());
    Files.writeString(work.resolve("countersigned-3000.bundle.json"), served);
    long t3 = System.nanoTime();
    Verification v =
        new BundleVerifier(
                List.of(node.verifyingKey()),
                keys.stream().map(SigningKey::verifyingKey).toList(),
                OptionalInt.empty())
            .verify(served.getBytes(StandardCharsets.UTF_8));
    long t4 = System.nanoTime();
    System.out.printf(
        "bundle %d bytes; seal (parse + digest) %.1f ms; two countersignatures %.2f ms;"
            + " served (with them) %.1f ms; verify --scrutineers in process %.1f ms: %s%n",
        sealed.length(),
        (t1 - t0) / 1e6,
        (t2 - t1) / 1e6,
        (t3 - t2) / 1e6,
        (t4 - t3) / 1e6,
        v instanceof Verification.Holds h ? h.summary() : v.toString());
    if (!CanonicalJson.text(served).equals(served)) {
      throw new IllegalStateException("the served bundle is not canonical");
    }
  }
}
