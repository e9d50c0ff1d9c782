package org.votehall.ledger;

/**
 * A ledger that does not check out: names the line where reading had to stop and why, or the first
 * entry missing from a ledger that reads but was cut.
 */
public final class LedgerException extends Exception {
  private final long line;

  public LedgerException(long line, String problem) {
    this(line, "line " + line + ": " + problem, true);
  }

  private LedgerException(long line, String message, boolean unused) {
    super(message);
    this.line = line;
  }

  /**
   * A ledger whose lines read but that is not whole (cut, rewritten, or without its head file): the
   * message is {@code problem} itself; {@code line} is the first entry missing or changed (0 when
   * none can be named).
   */
  public static LedgerException notWhole(long line, String problem) {
    return new LedgerException(line, problem, true);
  }

  public long line() {
    return line;
  }
}
