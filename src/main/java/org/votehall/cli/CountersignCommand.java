package org.votehall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.Verification;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Countersigning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code countersign BUNDLE --key KEY [--trust NODE.pub…] [--refuse REASON] [--out FILE] [--node
 * URL] [--ca CA.pem]}: a scrutineer checks a sealed bundle and countersigns its result (or refuses,
 * with a reason) with a key kept on their own machine (docs/scrutineers.md). Signs nothing unless
 * the bundle holds. Exit 0 signed (and accepted), 1 not signed or refused, 2 a file unreadable.
 */
@Command(
    name = "countersign",
    mixinStandardHelpOptions = true,
    description =
        "As a scrutineer: check a sealed result bundle and countersign its result (or refuse,"
            + " with a reason) with your own key; print it, write it to a file or send it to a node.")
final class CountersignCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The sealed bundle to countersign.")
  Path bundle;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY",
      description = "Your private key (from votehall keygen), enrolled as a scrutineer's.")
  Path key;

  @Option(
      names = "--trust",
      arity = "1..*",
      paramLabel = "NODE.pub",
      description = "Node public keys (PEM) to check the bundle with; the bundle's own without.")
  List<Path> trust = new ArrayList<>();

  @Option(
      names = "--refuse",
      paramLabel = "REASON",
      description = "Refuse to countersign, for this reason (recorded, and printed on the report).")
  String refuse;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the countersignature to FILE (to carry it from an offline machine).")
  Path out;

  @Option(
      names = "--node",
      paramLabel = "URL",
      description = "Send the countersignature to this node, e.g. https://hall-1:8443.")
  URI node;

  @Option(
      names = "--ca",
      paramLabel = "CA.pem",
      description = "The certificate (PEM) that the node's HTTPS certificate is checked against.")
  Path ca;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Optional<Inputs> inputs = read(err);
    if (inputs.isEmpty()) {
      return 2;
    }
    Verification verdict = new BundleVerifier(inputs.get().trusted()).verify(inputs.get().bytes());
    if (!(verdict instanceof Verification.Holds)) {
      if (verdict instanceof Verification.Fails fails) {
        fails.failures().forEach(err::println);
      }
      err.println("countersign: the bundle does not hold; nothing was signed");
      return 1;
    }
    JsonNode tree;
    Countersigning.Sealed sealed;
    try {
      tree = JSON.readTree(inputs.get().bytes());
      sealed = Countersigning.Sealed.of(tree);
    } catch (IOException | IllegalArgumentException e) {
      err.println("countersign: " + e.getMessage());
      return 1;
    }
    VerifyingKey mine = inputs.get().key().verifyingKey();
    Optional<Countersigning.Member> me =
        sealed.panel().stream()
            .flatMap(p -> p.members().stream())
            .filter(m -> m.key().equals(Optional.of(mine)))
            .findFirst();
    if (me.isEmpty()) {
      err.println(
          "countersign: key "
              + mine.fingerprint()
              + (sealed.panel().isEmpty()
                  ? " cannot sign: ballot " + sealed.ballot() + " was sealed without scrutineers"
                  : " is not on the panel ballot " + sealed.ballot() + " was sealed with"));
      return 1;
    }
    if (refuse != null && !Countersigning.validReason(refuse)) {
      err.println("countersign: --refuse needs a reason of 1 to 500 characters");
      return 2;
    }
    return deliver(sign(sealed, me.get(), inputs.get().key(), err), sealed.ballot(), err);
  }

  private record Inputs(byte[] bytes, SigningKey key, List<VerifyingKey> trusted) {}

  private Optional<Inputs> read(PrintWriter err) {
    Path reading = bundle;
    try {
      byte[] bytes = Files.readAllBytes(bundle);
      reading = key;
      SigningKey signing = KeyFiles.readPrivate(key);
      List<VerifyingKey> trusted = new ArrayList<>();
      for (Path p : trust) {
        reading = p;
        trusted.add(KeyFiles.readPublic(p));
      }
      return Optional.of(new Inputs(bytes, signing, trusted));
    } catch (IOException e) {
      err.println("countersign: cannot read " + Verification.Unreadable.of(reading, e).reason());
      return Optional.empty();
    }
  }

  private ObjectNode sign(
      Countersigning.Sealed sealed, Countersigning.Member me, SigningKey key, PrintWriter err) {
    String signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode body = JSON.createObjectNode().put("ballot", sealed.ballot());
    body.setAll(
        refuse == null
            ? sealed.countersign(me.id(), signedAt, key).toJson()
            : sealed.refuse(me.id(), signedAt, refuse, key).toJson());
    err.println(
        (refuse == null ? "countersigned" : "refused to countersign")
            + " ballot "
            + sealed.ballot()
            + " as "
            + me.name()
            + " ("
            + me.id()
            + ") at "
            + signedAt
            + "; bundle digest "
            + sealed.digest());
    return body;
  }

  private int deliver(ObjectNode body, String ballot, PrintWriter err) {
    String text = body.toString();
    PrintWriter stdout = command.commandLine().getOut();
    try {
      if (out != null) {
        Files.writeString(out, text + "\n", StandardCharsets.UTF_8);
      } else if (node == null) {
        stdout.println(text);
      }
    } catch (IOException e) {
      err.println("countersign: cannot write " + out + ": " + e.getMessage());
      return 2;
    }
    return node == null ? 0 : send(text, ballot, stdout, err);
  }

  private int send(String text, String ballot, PrintWriter stdout, PrintWriter err) {
    String path = "/api/ballots/" + ballot + (refuse == null ? "/countersignatures" : "/refusals");
    try {
      HttpResponse<String> response =
          client()
              .send(
                  HttpRequest.newBuilder(node.resolve(path))
                      .timeout(Duration.ofSeconds(30))
                      .header("content-type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(text))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        err.println(
            "countersign: the node refused it (" + response.statusCode() + "): " + response.body());
        return 1;
      }
      stdout.println(response.body());
      return 0;
    } catch (IOException | GeneralSecurityException e) {
      err.println("countersign: could not send it to " + node + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private HttpClient client() throws IOException, GeneralSecurityException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (ca != null) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream in = Files.newInputStream(ca)) {
        int n = 0;
        for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca-" + n++, cert);
        }
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      builder.sslContext(tls);
    }
    return builder.build();
  }
}
