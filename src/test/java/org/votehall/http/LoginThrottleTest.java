package org.votehall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Login throttling per account and address, per account, per address, on a moved clock. */
class LoginThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void fiveFailuresFromOneAddressMakeThatAddressWaitForThatAccountOnly() {
    LoginThrottle throttle = new LoginThrottle();
    for (int i = 0; i < 5; i++) {
      assertEquals(Optional.empty(), throttle.admit("clerk", "10.0.0.1", T0.plusSeconds(i)));
      throttle.failed("clerk", "10.0.0.1", T0.plusSeconds(i));
    }
    Optional<Duration> wait = throttle.admit("clerk", "10.0.0.1", T0.plusSeconds(10));
    assertEquals(
        Optional.of(Duration.ofSeconds(50)), wait, "until the first failure is a minute old");
    assertEquals(
        Optional.empty(),
        throttle.admit("clerk", "10.0.0.2", T0.plusSeconds(10)),
        "the real clerk elsewhere is not locked out");
    assertEquals(Optional.empty(), throttle.admit("clerk", "10.0.0.1", T0.plusSeconds(61)));
  }

  @Test
  void guessingOneAccountFromManyAddressesSlowsItForEveryone() {
    LoginThrottle throttle = new LoginThrottle();
    for (int i = 0; i < 30; i++) {
      String address = "10.0.1." + i;
      assertEquals(Optional.empty(), throttle.admit("clerk", address, T0));
      throttle.failed("clerk", address, T0);
    }
    assertTrue(throttle.admit("clerk", "10.0.2.1", T0.plusSeconds(1)).isPresent());
    assertEquals(Optional.empty(), throttle.admit("auditor", "10.0.2.1", T0.plusSeconds(1)));
  }

  @Test
  void aSuccessClearsThatAddresssFailuresForTheAccount() {
    LoginThrottle throttle = new LoginThrottle();
    for (int i = 0; i < 4; i++) {
      throttle.admit("clerk", "a", T0);
      throttle.failed("clerk", "a", T0);
    }
    throttle.succeeded("clerk", "a");
    throttle.failed("clerk", "a", T0);
    assertEquals(Optional.empty(), throttle.admit("clerk", "a", T0));
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
