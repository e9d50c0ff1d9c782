package org.votehall.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.votehall.crypto.BlindSigningKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.format.MarksJson;
import org.votehall.format.ResultJson;
import org.votehall.format.SpecJson;
import org.votehall.ledger.BoxEntry;
import org.votehall.ledger.Bundle;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;
import org.votehall.rules.Recount;

/**
 * Runs one ballot end to end without a server, as the hall will: keys, the blind-token flow or
 * signed recorded casts, the ledger with its checkpoint, the result by the rules, and the bundle.
 * Deputies {@code d0001…} are present; the first {@code issued} are issued a ballot, and the first
 * of those cast the given ballots.
 */
final class BallotRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SigningKey node;
  private final SecureRandom random;
  private final Path ledgerFile;

  BallotRun(SigningKey node, Path ledgerFile, SecureRandom random) {
    this.node = node;
    this.ledgerFile = ledgerFile;
    this.random = random;
  }

  byte[] run(String specJson, List<String> ballotLines, int present, int issued) throws Exception {
    BallotSpec spec = SpecJson.parse(specJson);
    List<Marks> marks = new ArrayList<>();
    for (String line : ballotLines) {
      marks.add(MarksJson.parse(spec, line));
    }
    List<String> deputies = new ArrayList<>();
    for (int i = 1; i <= issued; i++) {
      deputies.add(String.format("d%04d", i));
    }
    try (Ledger ledger = Ledger.open(ledgerFile, node, null, e -> {})) {
      ObjectNode result = ResultJson.toJson(Recount.of(spec, present, issued, marks));
      Bundle.Contents contents =
          spec.header().secret()
              ? secret(ledger, spec, specJson, ballotLines, deputies, present, result)
              : recorded(ledger, spec, specJson, ballotLines, deputies, present, result);
      return Bundle.write(contents, node);
    }
  }

  private Bundle.Contents secret(
      Ledger ledger,
      BallotSpec spec,
      String specJson,
      List<String> lines,
      List<String> deputies,
      int present,
      ObjectNode result)
      throws Exception {
    BlindSigningKey ballotKey = BlindSigningKey.generate(random);
    BlindingClient terminal = new BlindingClient(ballotKey.publicKey(), random);
    ledger.append(
        "ballot-opened",
        JSON.createObjectNode()
            .put("ballot", spec.id())
            .put("blindKey", ballotKey.publicKey().base64()));
    // As in the hall: every checked-in deputy is issued a token in one burst at open ...
    List<CompletableFuture<?>> acks = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    for (String deputy : deputies) {
      acks.add(
          ledger.append(
              "issued", JSON.createObjectNode().put("ballot", spec.id()).put("deputy", deputy)));
      BlindingClient.Request request = terminal.request();
      byte[] signature = terminal.finish(request, ballotKey.blindSign(request.blindedMessage()));
      tokens.add(Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()));
      signatures.add(Base64.getEncoder().encodeToString(signature));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    // ... and casts later, whenever each decides, with no identity.
    List<BoxEntry> box = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      BoxEntry entry =
          BoxEntry.accept(
              tokens.get(i),
              signatures.get(i),
              (ObjectNode) JSON.readTree(lines.get(i)),
              node,
              spec.id());
      box.add(entry);
      ObjectNode cast = entry.ballot().put("ballot", spec.id()).put("token", entry.token());
      acks.add(ledger.appendSecret("secret-cast", cast, entry.token()));
    }
    Checkpoint checkpoint = close(ledger, spec, acks);
    return new Bundle.Contents(
        (ObjectNode) JSON.readTree(specJson),
        new Bundle.Attendance(spec.members(), present),
        deputies,
        List.of(),
        Map.of(),
        box,
        List.of(ballotKey.publicKey()),
        List.of(node.verifyingKey()),
        result,
        checkpoint);
  }

  private Bundle.Contents recorded(
      Ledger ledger,
      BallotSpec spec,
      String specJson,
      List<String> lines,
      List<String> deputies,
      int present,
      ObjectNode result)
      throws Exception {
    SigningKey terminalKey = SigningKey.generate(random);
    List<RecordedCast> casts = new ArrayList<>();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode ballot = (ObjectNode) JSON.readTree(lines.get(i));
      String nonce = HexFormat.of().formatHex(random.generateSeed(8));
      byte[] signed = RecordedCast.signedBytes(spec.id(), deputies.get(i), ballot, nonce);
      String signature =
          Base64.getEncoder()
              .encodeToString(terminalKey.sign(SignaturePurpose.RECORDED_CAST, signed));
      RecordedCast cast =
          RecordedCast.accept(
              deputies.get(i), "terminal-001", nonce, ballot, signature, node, spec.id());
      casts.add(cast);
      acks.add(
          ledger.append(
              "recorded-cast",
              ballot
                  .put("ballot", spec.id())
                  .put("deputy", cast.deputy())
                  .put("signature", signature)));
    }
    Checkpoint checkpoint = close(ledger, spec, acks);
    return new Bundle.Contents(
        (ObjectNode) JSON.readTree(specJson),
        new Bundle.Attendance(spec.members(), present),
        deputies,
        casts,
        Map.of("terminal-001", terminalKey.verifyingKey()),
        List.of(),
        List.of(),
        List.of(node.verifyingKey()),
        result,
        checkpoint);
  }

  private static Checkpoint close(Ledger ledger, BallotSpec spec, List<CompletableFuture<?>> acks)
      throws Exception {
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    ledger.append("ballot-closed", JSON.createObjectNode().put("ballot", spec.id())).get();
    return ledger.checkpoint().get();
  }
}
