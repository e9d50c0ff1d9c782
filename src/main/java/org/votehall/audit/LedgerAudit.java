package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Checkpoint;

/**
 * Checks node ledger files for an auditor (docs/bundle.md): each one's whole chain and every
 * checkpoint under the trusted node keys, and its head file when one lies beside it; then the
 * ledgers together: every witnessed checkpoint held by the ledger of its node, and, given a bundle,
 * the bundle's checkpoint in its node's ledger and the bundle's casts exactly those the ledgers
 * acknowledged for its ballot.
 */
public final class LedgerAudit {
  private LedgerAudit() {}

  /** One ledger alone, and, given a bundle's checkpoint, that it holds that very checkpoint. */
  public static Verification check(
      Path ledger, Collection<VerifyingKey> trusted, Optional<Checkpoint> bundleCheckpoint) {
    return alone(LedgerFacts.read(ledger, trusted, Optional.empty()), bundleCheckpoint);
  }

  /**
   * Every ledger alone (one verdict each, in order), then, when there are several or a bundle, one
   * verdict for the ledgers together.
   *
   * @param bundle the bytes of a bundle to check the ledgers against, if any
   */
  public static List<Verification> check(
      List<Path> ledgers, Collection<VerifyingKey> trusted, Optional<byte[]> bundle) {
    Optional<JsonNode> tree =
        bundle.flatMap(
            b ->
                BundleText.read(b) instanceof BundleText.Parsed parsed
                    ? Optional.of(parsed.tree())
                    : Optional.empty());
    Optional<Checkpoint> checkpoint = bundle.flatMap(BundleVerifier::checkpointOf);
    Optional<String> ballot = tree.map(t -> t.path("ballot").asText());
    List<LedgerFacts> facts = new ArrayList<>();
    ledgers.forEach(l -> facts.add(LedgerFacts.read(l, trusted, ballot)));
    List<Verification> verdicts = new ArrayList<>();
    for (LedgerFacts l : facts) {
      // One ledger must be the bundle's node's; of several, the one whose checkpoints name it.
      verdicts.add(
          alone(l, checkpoint.filter(c -> facts.size() == 1 || l.nodes().contains(c.node()))));
    }
    if (facts.size() > 1 || tree.isPresent()) {
      verdicts.add(together(facts, trusted, tree, checkpoint));
    }
    return verdicts;
  }

  private static Verification alone(LedgerFacts l, Optional<Checkpoint> bundleCheckpoint) {
    if (l.unreadable.isPresent()) {
      return Verification.Unreadable.of(l.file, l.unreadable.get());
    }
    bundleCheckpoint
        .filter(c -> !l.checkpoints.contains(c))
        .ifPresent(
            c ->
                l.findings.fail(
                    l.file
                        + ": holds no checkpoint {node "
                        + c.node()
                        + ", seq "
                        + c.seq()
                        + ", head "
                        + c.head()
                        + "} as the bundle names"));
    return l.findings.verdict(
        "ledger "
            + l.file
            + ": "
            + l.entries
            + " entries, "
            + l.checkpoints.size()
            + " checkpoints; the chain holds");
  }

  private static Verification together(
      List<LedgerFacts> facts,
      Collection<VerifyingKey> trusted,
      Optional<JsonNode> bundle,
      Optional<Checkpoint> checkpoint) {
    List<LedgerFacts> readable = facts.stream().filter(LedgerFacts::readable).toList();
    Findings f = new Findings();
    int held = WitnessCheck.check(f, readable, trusted);
    List<String> said = new ArrayList<>();
    said.add(held + " witnessed checkpoints held by the ledgers of their nodes");
    checkpoint
        .filter(
            c -> facts.size() > 1 && facts.stream().noneMatch(l -> l.nodes().contains(c.node())))
        .ifPresent(
            c ->
                f.note(
                    "no ledger given is node "
                        + c.node()
                        + "'s, which signed the bundle's checkpoint: it was not looked for"));
    bundle.ifPresent(
        b -> {
          AcknowledgedCheck.Outcome o = AcknowledgedCheck.check(f, b, readable);
          said.add(
              "ballot "
                  + b.path("ballot").asText()
                  + ": the bundle holds the "
                  + o.matched()
                  + " casts the ledgers acknowledged"
                  + (o.whole() ? ", and nothing else" : ""));
        });
    return f.verdict("ledgers together: " + String.join("; ", said));
  }
}
