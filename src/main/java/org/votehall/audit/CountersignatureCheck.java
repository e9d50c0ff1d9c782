package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Countersigning;
import org.votehall.ledger.Countersigning.Countersignature;
import org.votehall.ledger.Countersigning.Member;

/**
 * Checks the scrutineers' countersignatures in a bundle (docs/scrutineers.md): each one names a
 * scrutineer of the sealed panel and holds under their key for this very ballot, digest and result;
 * with pinned keys, at least the required number of them countersigned and none refused.
 */
final class CountersignatureCheck {
  private CountersignatureCheck() {}

  /** Who countersigned, for the verdict's summary; empty if the bundle has no panel. */
  static Optional<String> check(
      Findings f, JsonNode bundle, String digest, List<VerifyingKey> pinned, OptionalInt required) {
    if (!bundle.has("scrutineers")) {
      f.check(
          !bundle.has("countersignatures") && !bundle.has("refusals"),
          "countersignatures: the bundle has countersignatures but no scrutineers' panel");
      f.check(
          pinned.isEmpty(),
          "scrutineers: the bundle was sealed without a panel of scrutineers, so no pinned"
              + " scrutineer countersigned it");
      return Optional.empty();
    }
    Countersigning.Sealed sealed;
    try {
      sealed =
          new Countersigning.Sealed(
              bundle.path("ballot").asText(),
              digest,
              bundle.path("result"),
              Countersigning.panel(bundle));
    } catch (IllegalArgumentException e) {
      f.fail("scrutineers: " + e.getMessage());
      return Optional.empty();
    }
    Countersigning.Panel panel = sealed.panel().orElseThrow();
    panel(f, bundle.path("scrutineers").path("panel"), panel);
    List<Member> signers = countersignatures(f, bundle, sealed, panel);
    List<Member> refusers = refusals(f, bundle, sealed, panel);
    signers.stream()
        .filter(refusers::contains)
        .forEach(m -> f.fail(m.id() + " both countersigned and refused: a scrutineer does one"));
    return Optional.of(verdict(f, panel, signers, refusers, pinned, required));
  }

  private static void panel(Findings f, JsonNode json, Countersigning.Panel panel) {
    Set<String> ids = new HashSet<>();
    String previous = null;
    for (JsonNode m : json) {
      String id = m.path("id").asText();
      f.check(ids.add(id), "scrutineers.panel: " + id + " appears twice");
      f.check(previous == null || id.compareTo(previous) > 0, "scrutineers.panel: not in id order");
      previous = id;
    }
    List<VerifyingKey> keys = panel.members().stream().flatMap(m -> m.key().stream()).toList();
    f.check(
        keys.size() == new HashSet<>(keys).size(),
        "scrutineers.panel: one key is enrolled for two scrutineers, so one person would sign"
            + " twice");
    f.check(
        panel.required() >= 1 && panel.required() <= panel.members().size(),
        "scrutineers.required: "
            + panel.required()
            + ", but it must be from 1 to the "
            + panel.members().size()
            + " on the panel");
  }

  private static List<Member> countersignatures(
      Findings f, JsonNode bundle, Countersigning.Sealed sealed, Countersigning.Panel panel) {
    List<Member> signers = new ArrayList<>();
    List<Countersignature> all = Countersigning.countersignatures(bundle);
    for (int i = 0; i < all.size(); i++) {
      Countersignature c = all.get(i);
      String where = "countersignatures[" + i + "] (" + c.scrutineer() + ")";
      Optional<Member> m = signer(f, where, c.scrutineer(), c.signedAt(), panel, signers);
      if (m.isPresent()
          && f.check(
              sealed.holds(c, m.get().key().orElseThrow()),
              where + ": the signature does not hold for this ballot's sealed bundle and result")) {
        signers.add(m.get());
      }
    }
    ordered(f, "countersignatures", all.stream().map(Countersignature::scrutineer).toList());
    return signers;
  }

  private static List<Member> refusals(
      Findings f, JsonNode bundle, Countersigning.Sealed sealed, Countersigning.Panel panel) {
    List<Member> refusers = new ArrayList<>();
    List<Countersigning.Refusal> all = Countersigning.refusals(bundle);
    for (int i = 0; i < all.size(); i++) {
      Countersigning.Refusal r = all.get(i);
      String where = "refusals[" + i + "] (" + r.scrutineer() + ")";
      Optional<Member> m = signer(f, where, r.scrutineer(), r.signedAt(), panel, refusers);
      if (m.isPresent()
          && f.check(
              sealed.holds(r, m.get().key().orElseThrow()),
              where + ": the signature does not hold for this ballot's sealed bundle")) {
        refusers.add(m.get());
        f.note(m.get().name() + " (" + r.scrutineer() + ") refused to countersign: " + r.reason());
      }
    }
    ordered(f, "refusals", all.stream().map(Countersigning.Refusal::scrutineer).toList());
    return refusers;
  }

  /** The panel member a countersignature or refusal names, once, with a key and a good time. */
  private static Optional<Member> signer(
      Findings f,
      String where,
      String scrutineer,
      String signedAt,
      Countersigning.Panel panel,
      List<Member> seen) {
    f.check(
        Countersigning.validSignedAt(signedAt), where + ": signedAt is not YYYY-MM-DDTHH:MM:SSZ");
    Optional<Member> m = panel.member(scrutineer);
    if (!f.check(m.isPresent(), where + ": no such scrutineer on the bundle's panel")
        || !f.check(m.get().key().isPresent(), where + ": the scrutineer had no key when sealed")
        || !f.check(!seen.contains(m.get()), where + ": the scrutineer appears twice")) {
      return Optional.empty();
    }
    return m;
  }

  private static void ordered(Findings f, String list, List<String> ids) {
    for (int i = 1; i < ids.size(); i++) {
      f.check(ids.get(i).compareTo(ids.get(i - 1)) > 0, list + ": not in scrutineer order");
    }
  }

  private static String verdict(
      Findings f,
      Countersigning.Panel panel,
      List<Member> signers,
      List<Member> refusers,
      List<VerifyingKey> pinned,
      OptionalInt required) {
    int needed = required.orElse(panel.required());
    // Distinct keys, not panel places: one key twice on a panel is one person.
    Set<VerifyingKey> seen = new HashSet<>();
    List<Member> counted =
        signers.stream()
            .filter(m -> pinned.isEmpty() || pinned.contains(m.key().orElseThrow()))
            .filter(m -> seen.add(m.key().orElseThrow()))
            .toList();
    String who =
        counted.isEmpty()
            ? "nobody"
            : String.join(", ", counted.stream().map(m -> m.name() + " (" + m.id() + ")").toList());
    if (pinned.isEmpty()) {
      f.note(
          "the scrutineers' keys were not pinned (--scrutineers): their countersignatures were"
              + " checked against the keys the bundle's panel names itself");
      if (counted.size() < needed) {
        f.note("awaiting countersignature: " + counted.size() + " of the " + needed + " required");
      }
    } else {
      pinned.stream()
          .filter(k -> panel.members().stream().noneMatch(m -> m.key().equals(Optional.of(k))))
          .forEach(
              k -> f.note("pinned scrutineer key " + k.fingerprint() + " is not on the panel"));
      f.check(
          counted.size() >= needed,
          "countersigned by "
              + counted.size()
              + " of the pinned scrutineers ("
              + who
              + "), but "
              + needed
              + " are required");
      refusers.stream()
          .filter(m -> pinned.contains(m.key().orElseThrow()))
          .forEach(m -> f.fail(m.name() + " (" + m.id() + ") refused to countersign this result"));
    }
    return "countersigned by " + who + " (" + counted.size() + " of " + needed + " required)";
  }
}
