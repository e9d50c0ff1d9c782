package org.votehall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Login throttling per account and per client address, on a clock the test moves. */
class LoginThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void fiveFailuresForAnAccountMakeItWaitAMinute() {
    LoginThrottle throttle = new LoginThrottle();
    for (int i = 0; i < 5; i++) {
      assertEquals(Optional.empty(), throttle.admit("clerk", "10.0.0." + i, T0.plusSeconds(i)));
      throttle.failed("clerk", T0.plusSeconds(i));
    }
    Optional<Duration> wait = throttle.admit("clerk", "10.0.0.99", T0.plusSeconds(10));
    assertEquals(
        Optional.of(Duration.ofSeconds(50)), wait, "until the first failure is a minute old");
    assertEquals(Optional.empty(), throttle.admit("auditor", "10.0.0.98", T0.plusSeconds(10)));
    assertEquals(Optional.empty(), throttle.admit("clerk", "10.0.0.99", T0.plusSeconds(61)));
  }

  @Test
  void aSuccessClearsTheAccountsFailures() {
    LoginThrottle throttle = new LoginThrottle();
    for (int i = 0; i < 4; i++) {
      throttle.admit("clerk", "a" + i, T0);
      throttle.failed("clerk", T0);
    }
    throttle.succeeded("clerk");
    throttle.failed("clerk", T0);
    assertEquals(Optional.empty(), throttle.admit("clerk", "b", T0));
  }

  @Test
  void tenAttemptsFromOneAddressMakeItWaitWhateverTheAccount() {
    LoginThrottle throttle = new LoginThrottle();
    for (int i = 0; i < 10; i++) {
      assertEquals(Optional.empty(), throttle.admit("name" + i, "10.0.0.1", T0));
    }
    Optional<Duration> wait = throttle.admit("other", "10.0.0.1", T0.plusSeconds(30));
    assertTrue(wait.isPresent());
    assertEquals(Duration.ofSeconds(30), wait.get());
    assertEquals(Optional.empty(), throttle.admit("other", "10.0.0.2", T0.plusSeconds(30)));
  }
}
