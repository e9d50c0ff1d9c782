package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long S = 1_000_000_000L;

  /** docs/simulate.md, "Progress": tests outside watch these lines, so the format is a contract. */
  static final Pattern LINE =
      Pattern.compile(
          "simulate: phase=(setup|checkin|issue|cast|close|verify|done) done=\\d+/\\d+ acked=\\d+"
              + " retries=\\d+ refused=\\d+ casts/s=\\d+\\.\\d elapsed=\\d+\\.\\d");

  @Test
  void theLineIsKeyValueWordsInAFixedOrder() {
    assertEquals(
        "simulate: phase=cast done=1200/3000 acked=1200 retries=3 refused=0 casts/s=950.0"
            + " elapsed=12.3",
        Progress.line(Progress.Phase.CAST, 1200, 3000, 1200, 3, 0, 950, 12.34));
  }

  @Test
  void theRateCountsFromTheFirstCastSentAndStopsWithTheLastAcknowledged() {
    Progress p = new Progress(0);
    p.phase(Progress.Phase.CHECKIN, 10);
    p.stepDone();
    assertEquals(
        "simulate: phase=checkin done=1/10 acked=0 retries=0 refused=0 casts/s=0.0 elapsed=1.0",
        p.line(S));
    p.phase(Progress.Phase.CAST, 10);
    p.castSent(2 * S);
    p.castSent(3 * S);
    for (int i = 0; i < 10; i++) {
      p.castAcked(4 * S);
      p.stepDone();
    }
    p.retried();
    p.refused();
    assertEquals(
        "simulate: phase=cast done=10/10 acked=10 retries=1 refused=1 casts/s=2.5 elapsed=6.0",
        p.line(6 * S));
    p.phase(Progress.Phase.CLOSE, 1);
    assertEquals(
        "simulate: phase=close done=0/1 acked=10 retries=1 refused=1 casts/s=5.0 elapsed=9.0",
        p.line(9 * S));
    assertTrue(LINE.matcher(p.line(9 * S)).matches());
  }

  @Test
  void everyPhaseHasItsWord() {
    for (Progress.Phase phase : Progress.Phase.values()) {
      assertTrue(LINE.matcher(Progress.line(phase, 0, 0, 0, 0, 0, 0, 0)).matches(), phase.word());
    }
  }
}
