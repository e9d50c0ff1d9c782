package org.votehall.audit;

import java.util.List;

/**
 * What checking a bundle found: it holds, it fails (with every failure), or it could not be read.
 */
public sealed interface Verification
    permits Verification.Holds, Verification.Fails, Verification.Unreadable {

  /** Every check held; notes say what the check rested on (e.g. which keys were trusted). */
  record Holds(String summary, List<String> notes) implements Verification {
    public Holds {
      notes = List.copyOf(notes);
    }
  }

  /** At least one check failed; each failure states the facts. */
  record Fails(List<String> failures, List<String> notes) implements Verification {
    public Fails {
      failures = List.copyOf(failures);
      notes = List.copyOf(notes);
    }
  }

  /** Not a JSON document at all, so nothing could be checked. */
  record Unreadable(String reason) implements Verification {}
}
