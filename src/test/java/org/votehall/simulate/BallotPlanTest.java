package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.votehall.format.MarksJson;
import org.votehall.format.SpecJson;
import org.votehall.rules.BallotResult;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;
import org.votehall.rules.Recount;

class BallotPlanTest {

  @ParameterizedTest
  @EnumSource(BallotPlan.Kind.class)
  void everySpecReadsAndEveryCastIsWellFormed(BallotPlan.Kind kind) throws Exception {
    BallotPlan plan = new BallotPlan(kind, BallotPlan.secretByDefault(kind), "b-1", 200, 7);
    BallotSpec spec = SpecJson.parse(plan.spec().toString());
    assertEquals("b-1", spec.id());
    assertEquals(kind != BallotPlan.Kind.MOTION, spec.header().secret());
    List<Marks> ballots = new ArrayList<>();
    for (int d = 0; d < 200; d++) {
      ballots.add(MarksJson.parse(spec, plan.marks(d).toString()));
    }
    BallotResult result = Recount.of(spec, 200, 200, ballots);
    assertEquals(200, result.figures().returned());
    assertFalse(result.figures().voided());
  }

  @Test
  void theMarksAreAFixedFunctionOfTheDeputyAndTheSeed() {
    BallotPlan a = new BallotPlan(BallotPlan.Kind.RATING, true, "r", 10, 1);
    BallotPlan b = new BallotPlan(BallotPlan.Kind.RATING, true, "r", 10, 1);
    BallotPlan c = new BallotPlan(BallotPlan.Kind.RATING, true, "r", 10, 2);
    int differ = 0;
    for (int d = 0; d < 10; d++) {
      assertEquals(a.marks(d), b.marks(d));
      differ += a.marks(d).equals(c.marks(d)) ? 0 : 1;
    }
    assertTrue(differ > 0, "another seed, other marks");
  }

  @Test
  void aSelectionNeverSelectsMoreThanItsPlaces() {
    BallotPlan plan = new BallotPlan(BallotPlan.Kind.SELECTION, true, "p", 500, 3);
    for (int d = 0; d < 500; d++) {
      long fors = 0;
      for (var it = plan.marks(d).path("marks").elements(); it.hasNext(); ) {
        fors += "for".equals(it.next().asText()) ? 1 : 0;
      }
      assertEquals(2, fors, plan.marks(d).toString());
    }
  }

  @Test
  void anElectionWritesInSomeNamesAndIsAlwaysSecret() {
    BallotPlan plan = new BallotPlan(BallotPlan.Kind.ELECTION, true, "e", 20, 1);
    assertEquals("王五", plan.marks(9).path("writeIns").path("s1").get(0).asText());
    assertTrue(plan.marks(8).path("writeIns").isMissingNode());
    assertThrows(
        IllegalArgumentException.class,
        () -> new BallotPlan(BallotPlan.Kind.ELECTION, false, "e", 20, 1));
  }
}
