package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealCheckTest {
  private static final List<SealCheck.Cast> BOX =
      List.of(new SealCheck.Cast("r1", "A"), new SealCheck.Cast("r2", "B"));
  private static final java.util.Set<String> PRESENT = java.util.Set.of("d1", "d2", "d3");
  private static final Map<String, SealCheck.Issue> ISSUED =
      Map.of("d1", new SealCheck.Issue("x1", "A"), "d2", new SealCheck.Issue("x2", "B"));

  private static String account(String node, List<String> casts, Map<String, String> issued) {
    Acknowledgements a = new Acknowledgements();
    casts.forEach(r -> a.cast("b", r));
    issued.forEach((d, x) -> a.issued("b", d, x));
    return a.account("b", node);
  }

  @Test
  void aBoxThatMatchesTheLedgersHasNoDifference() {
    List<String> accounts =
        List.of(
            account("A", List.of("r1"), Map.of("d1", "x1")),
            account("B", List.of("r2"), Map.of("d2", "x2")));
    assertEquals(List.of(), SealCheck.differences("b", BOX, ISSUED, PRESENT, accounts));
  }

  @Test
  void aCastDeletedFromTheBoxIsNamed() {
    List<String> accounts =
        List.of(
            account("A", List.of("r1", "r3"), Map.of("d1", "x1")),
            account("B", List.of("r2"), Map.of("d2", "x2")));
    assertEquals(
        List.of("b: a node acknowledged cast r3, not in the box"),
        SealCheck.differences("b", BOX, ISSUED, PRESENT, accounts));
  }

  @Test
  void aCastTheAcceptingLedgerDoesNotHoldIsNamed() {
    List<String> accounts =
        List.of(
            account("A", List.of(), Map.of("d1", "x1")),
            account("B", List.of("r2"), Map.of("d2", "x2")));
    assertTrue(
        SealCheck.differences("b", BOX, ISSUED, PRESENT, accounts).get(0).contains("cast r1"));
  }

  @Test
  void aRetryAcknowledgedByAnotherNodeCounts() {
    List<String> accounts =
        List.of(
            account("A", List.of(), Map.of("d1", "x1")),
            account("B", List.of("r1", "r2"), Map.of("d2", "x2")));
    assertEquals(List.of(), SealCheck.differences("b", BOX, ISSUED, PRESENT, accounts));
  }

  @Test
  void aDeputyPresentByTheLedgersButMissingFromThe实到IsNamed() {
    Acknowledgements a = new Acknowledgements();
    a.cast("b", "r1");
    a.issued("b", "d1", "x1");
    a.present("b", "d4");
    List<String> accounts =
        List.of(a.account("b", "A"), account("B", List.of("r2"), Map.of("d2", "x2")));
    assertEquals(
        List.of("b: deputy d4 was present, but the ballot's 实到 lacks them"),
        SealCheck.differences("b", BOX, ISSUED, PRESENT, accounts));
  }

  @Test
  void aCastAcceptedByANodeThatIsDownIsNotComparedHere() {
    List<String> accounts = List.of(account("B", List.of("r2"), Map.of("d2", "x2")));
    assertEquals(List.of(), SealCheck.differences("b", BOX, ISSUED, PRESENT, accounts));
  }

  @Test
  void anIssueDeletedFromTheListOrIssuedTwiceIsNamed() {
    List<String> deleted =
        List.of(
            account("A", List.of("r1"), Map.of("d1", "x1", "d3", "x3")),
            account("B", List.of("r2"), Map.of("d2", "x2")));
    assertEquals(
        List.of("b: deputy d3 was issued a ballot that the issued list does not hold"),
        SealCheck.differences("b", BOX, ISSUED, PRESENT, deleted));
    List<String> twice =
        List.of(
            account("A", List.of("r1"), Map.of("d1", "x1")),
            account("B", List.of("r2"), Map.of("d2", "x2", "d1", "y1")));
    assertTrue(
        SealCheck.differences("b", BOX, ISSUED, PRESENT, twice).stream()
            .anyMatch(d -> d.contains("deputy d1 was issued two ballots")));
  }
}
