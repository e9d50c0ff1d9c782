package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.votehall.simulate.RetryPolicy.Decision.DONE;
import static org.votehall.simulate.RetryPolicy.Decision.ELSEWHERE;
import static org.votehall.simulate.RetryPolicy.Decision.REFUSED;
import static org.votehall.simulate.RetryPolicy.Decision.RESIGN;
import static org.votehall.simulate.RetryPolicy.Decision.WAIT;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void noAnswerAndEveryServerErrorGoElsewhere() {
    assertEquals(ELSEWHERE, RetryPolicy.classify(0, null));
    assertEquals(ELSEWHERE, RetryPolicy.classify(500, "internal"));
    assertEquals(ELSEWHERE, RetryPolicy.classify(502, null));
    assertEquals(ELSEWHERE, RetryPolicy.classify(503, "no-majority"));
    assertEquals(ELSEWHERE, RetryPolicy.classify(503, "ledger-cut"));
  }

  @Test
  void anAnswerIsDoneAndAClientErrorIsARefusal() {
    assertEquals(DONE, RetryPolicy.classify(200, null));
    assertEquals(REFUSED, RetryPolicy.classify(409, "already-voted"));
    assertEquals(REFUSED, RetryPolicy.classify(401, "bad-signature"));
    assertEquals(REFUSED, RetryPolicy.classify(400, "malformed"));
    assertEquals(REFUSED, RetryPolicy.classify(404, "unknown"));
  }

  @Test
  void throttlingWaitsAndARestartedNodeIsAskedAgainSignedAnew() {
    assertEquals(WAIT, RetryPolicy.classify(429, "too-many-requests"));
    assertEquals(RESIGN, RetryPolicy.classify(401, "signed-before-start"));
  }

  @Test
  void noWaitWhileOtherNodesAreLeftThenADoublingWait() {
    assertEquals(Duration.ZERO, RetryPolicy.backoff(1, 3));
    assertEquals(Duration.ZERO, RetryPolicy.backoff(2, 3));
    assertEquals(Duration.ofMillis(100), RetryPolicy.backoff(3, 3));
    assertEquals(Duration.ZERO, RetryPolicy.backoff(4, 3));
    assertEquals(Duration.ofMillis(200), RetryPolicy.backoff(6, 3));
    assertEquals(Duration.ofMillis(400), RetryPolicy.backoff(9, 3));
    assertEquals(Duration.ofMillis(2000), RetryPolicy.backoff(300, 3));
    assertEquals(Duration.ofMillis(2000), RetryPolicy.backoff(Integer.MAX_VALUE - 1, 1));
  }

  @Test
  void oneNodeWaitsBeforeEveryRetry() {
    assertEquals(Duration.ofMillis(100), RetryPolicy.backoff(1, 1));
    assertEquals(Duration.ofMillis(200), RetryPolicy.backoff(2, 1));
    assertEquals(Duration.ofMillis(1600), RetryPolicy.backoff(5, 1));
    assertEquals(Duration.ofMillis(2000), RetryPolicy.backoff(6, 1));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.backoff(0, 1));
  }

  @Test
  void retryAfterInSecondsWithinReason() {
    assertEquals(Duration.ofSeconds(7), RetryPolicy.retryAfter("7"));
    assertEquals(Duration.ofSeconds(1), RetryPolicy.retryAfter("0"));
    assertEquals(Duration.ofSeconds(1), RetryPolicy.retryAfter(null));
    assertEquals(Duration.ofSeconds(1), RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertEquals(Duration.ofSeconds(60), RetryPolicy.retryAfter("3600"));
    assertEquals(Duration.ofMillis(1200), RetryPolicy.resignWait(2));
  }
}
