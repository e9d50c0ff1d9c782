package org.votehall.simulate;

import java.time.Duration;

/**
 * What the simulator does with an answer (or with no answer): the one place that decides which
 * requests are retried, where, and after how long. A request that got no answer, or a 5xx (e.g.
 * {@code 503 no-majority} from a node on a minority side), is sent again to the next node: the same
 * body, so a cast is idempotent by its content (docs/api.md, "Receipts"), with a fresh request
 * signature. Any other 4xx is a real refusal and is kept as one.
 */
public final class RetryPolicy {
  /** Re-signing after {@code signed-before-start}: the terminal page's count (requests.js). */
  static final int RESIGN_ATTEMPTS = 3;

  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 2_000;

  private RetryPolicy() {}

  /** What to do next with a request. */
  public enum Decision {
    /** Answered 2xx: done. */
    DONE,
    /** Refused (a 4xx that is the answer): done, recorded as a refusal. */
    REFUSED,
    /** No answer or a 5xx: the same request, newly signed, to the next node. */
    ELSEWHERE,
    /** 429: the same node again after its {@code Retry-After}. */
    WAIT,
    /** 401 {@code signed-before-start}: signed again now and sent to the same node. */
    RESIGN
  }

  /**
   * The decision for an answer: {@code status} 0 means no answer at all (connection refused or
   * reset, timeout); {@code code} is the {@code error} of a JSON error body, or null.
   */
  public static Decision classify(int status, String code) {
    if (status == 0 || status >= 500) {
      return Decision.ELSEWHERE;
    }
    if (status >= 200 && status < 300) {
      return Decision.DONE;
    }
    if (status == 429) {
      return Decision.WAIT;
    }
    if (status == 401 && "signed-before-start".equals(code)) {
      return Decision.RESIGN;
    }
    return Decision.REFUSED;
  }

  /**
   * How long to wait before retry number {@code retry} (1, 2, …) of a request over {@code nodes}
   * nodes: no wait while other nodes are left to try in this round; after each full round, a wait
   * that doubles from 100 ms up to 2 s, so a cluster that is down is not hammered.
   */
  public static Duration backoff(int retry, int nodes) {
    if (retry < 1 || nodes < 1) {
      throw new IllegalArgumentException("retry " + retry + " over " + nodes + " nodes");
    }
    if (retry % nodes != 0) {
      return Duration.ZERO;
    }
    int round = Math.min(retry / nodes - 1, 20);
    return Duration.ofMillis(Math.min(FIRST_BACKOFF_MS << round, MAX_BACKOFF_MS));
  }

  /** The wait a {@code Retry-After} header asks for (seconds), 1 s if absent or unreadable. */
  public static Duration retryAfter(String header) {
    try {
      long seconds = Long.parseLong(header == null ? "" : header.strip());
      return Duration.ofSeconds(Math.max(1, Math.min(seconds, 60)));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  /** The wait before re-signing attempt {@code n} (1, 2, …) after {@code signed-before-start}. */
  public static Duration resignWait(int n) {
    return Duration.ofMillis(600L * n);
  }
}
