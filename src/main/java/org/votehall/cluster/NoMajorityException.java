package org.votehall.cluster;

/**
 * A cluster call gave up because this node cannot reach a majority (of the CP group, or of the
 * members that must confirm a write): nothing was changed or acknowledged, and a retry on a node of
 * the majority side may succeed.
 */
public final class NoMajorityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoMajorityException(String message) {
    super(message, null, false, false);
  }
}
