package org.votehall.ledger;

/** A ledger whose chain is broken: names the line where reading had to stop and why. */
public final class LedgerException extends Exception {
  private final long line;

  public LedgerException(long line, String problem) {
    super("line " + line + ": " + problem);
    this.line = line;
  }

  public long line() {
    return line;
  }
}
