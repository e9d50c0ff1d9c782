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
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.format.MarksJson;
import org.votehall.format.ResultJson;
import org.votehall.format.SpecJson;
import org.votehall.ledger.BoxEntry;
import org.votehall.ledger.Bundle;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.ledger.LedgerEvent;
import org.votehall.ledger.LedgerEvents;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;
import org.votehall.rules.Recount;

/**
 * Runs one ballot end to end without a server, as the hall does: keys, the blind-token flow or
 * signed recorded casts, the ledgers with their checkpoints, the result by the rules, and the
 * bundle. Deputies {@code d0001…} are present; the first {@code issued} are issued a ballot, and
 * the first of those cast the given ballots. With several nodes, the casts are taken by each node
 * in turn (each in its own ledger, with the hall's event shapes), the first node seals, and every
 * other node records the sealing node's checkpoint as {@code witnessed}.
 */
public final class BallotRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<SigningKey> nodes;
  private final SigningKey node;
  private final SecureRandom random;
  private final List<Path> ledgerFiles;

  public BallotRun(SigningKey node, Path ledgerFile, SecureRandom random) {
    this(List.of(node), List.of(ledgerFile), random);
  }

  public BallotRun(List<SigningKey> nodes, List<Path> ledgerFiles, SecureRandom random) {
    this.nodes = List.copyOf(nodes);
    this.node = nodes.get(0);
    this.ledgerFiles = List.copyOf(ledgerFiles);
    this.random = random;
  }

  public byte[] run(String specJson, List<String> ballotLines, int present, int issued)
      throws Exception {
    BallotSpec spec = SpecJson.parse(specJson);
    List<Marks> marks = new ArrayList<>();
    for (String line : ballotLines) {
      marks.add(MarksJson.parse(spec, line));
    }
    List<String> deputies = new ArrayList<>();
    for (int i = 1; i <= issued; i++) {
      deputies.add(String.format("d%04d", i));
    }
    List<Ledger> ledgers = new ArrayList<>();
    try {
      for (int i = 0; i < nodes.size(); i++) {
        ledgers.add(Ledger.open(ledgerFiles.get(i), nodes.get(i), null, e -> {}));
      }
      ObjectNode result = ResultJson.toJson(Recount.of(spec, present, issued, marks));
      Bundle.Contents contents =
          spec.header().secret()
              ? secret(ledgers, spec, specJson, ballotLines, deputies, present, result)
              : recorded(ledgers, spec, specJson, ballotLines, deputies, present, result);
      return Bundle.write(contents, node);
    } finally {
      ledgers.forEach(Ledger::close);
    }
  }

  private Bundle.Contents secret(
      List<Ledger> ledgers,
      BallotSpec spec,
      String specJson,
      List<String> lines,
      List<String> deputies,
      int present,
      ObjectNode result)
      throws Exception {
    Ledger ledger = ledgers.get(0);
    BlindSigningKey ballotKey = BlindSigningKey.generate(random);
    BlindingClient terminal = new BlindingClient(ballotKey.publicKey(), random);
    record(
        ledger,
        new LedgerEvent.BallotOpened(
            spec.id(), present, 0, List.of(ballotKey.publicKey().base64()), deputies));
    // As in the hall: every checked-in deputy is issued a token in one burst at open ...
    List<CompletableFuture<?>> acks = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    for (String deputy : deputies) {
      BlindingClient.Request request = terminal.request();
      acks.add(
          record(
              ledger,
              new LedgerEvent.Issued(spec.id(), deputy, Sha256.hex(request.blindedMessage()))));
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
      LedgerEvents.Encoded cast =
          LedgerEvents.encode(new LedgerEvent.SecretCastKept(spec.id(), entry));
      acks.add(takenBy(ledgers, i).appendSecret(cast.type(), cast.payload(), entry.token()));
    }
    Checkpoint checkpoint = close(ledgers, spec, acks, box.size(), result);
    return new Bundle.Contents(
        (ObjectNode) JSON.readTree(specJson),
        new Bundle.Attendance(spec.members(), present),
        deputies,
        List.of(),
        Map.of(),
        box,
        List.of(ballotKey.publicKey()),
        nodeKeys(),
        result,
        checkpoint);
  }

  private List<org.votehall.crypto.VerifyingKey> nodeKeys() {
    return nodes.stream().map(SigningKey::verifyingKey).toList();
  }

  /** Appends an event as the hall writes it (docs/ledger-events.md). */
  private static CompletableFuture<LedgerEntry> record(Ledger ledger, LedgerEvent event) {
    LedgerEvents.Encoded e = LedgerEvents.encode(event);
    return ledger.append(e.type(), e.payload());
  }

  /** The ledger of the node that took cast {@code i}: each node in turn. */
  private static Ledger takenBy(List<Ledger> ledgers, int i) {
    return ledgers.get(i % ledgers.size());
  }

  private Bundle.Contents recorded(
      List<Ledger> ledgers,
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
      acks.add(record(takenBy(ledgers, i), new LedgerEvent.RecordedCastKept(spec.id(), cast)));
    }
    Checkpoint checkpoint = close(ledgers, spec, acks, casts.size(), result);
    return new Bundle.Contents(
        (ObjectNode) JSON.readTree(specJson),
        new Bundle.Attendance(spec.members(), present),
        deputies,
        casts,
        Map.of("terminal-001", terminalKey.verifyingKey()),
        List.of(),
        List.of(),
        nodeKeys(),
        result,
        checkpoint);
  }

  /**
   * As the hall closes: every node's spooled casts of the ballot into its ledger, the close and a
   * checkpoint in the sealing node's ledger, which the other nodes witness.
   */
  private static Checkpoint close(
      List<Ledger> ledgers,
      BallotSpec spec,
      List<CompletableFuture<?>> acks,
      int returned,
      ObjectNode result)
      throws Exception {
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    for (Ledger l : ledgers) {
      l.flushSecret(spec.id()).get();
    }
    Ledger sealing = ledgers.get(0);
    record(sealing, new LedgerEvent.BallotClosed(spec.id(), returned, result)).get();
    Checkpoint checkpoint = sealing.checkpoint().get();
    for (Ledger peer : ledgers.subList(1, ledgers.size())) {
      record(peer, new LedgerEvent.Witnessed(checkpoint)).get();
      peer.checkpoint().get();
    }
    return checkpoint;
  }
}
