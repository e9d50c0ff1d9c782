package org.votehall.ledger;

/**
 * A ledger entry whose payload is not the event its type names: names the entry's sequence number,
 * its type and the field, by its path in the payload, as docs/formats.md names refused fields.
 */
public final class MalformedEventException extends Exception {
  private final long seq;
  private final String type;
  private final String field;

  MalformedEventException(long seq, String type, String field, String problem) {
    super("ledger entry " + seq + " (" + type + "): " + field + ": " + problem);
    this.seq = seq;
    this.type = type;
    this.field = field;
  }

  /** The entry's sequence number in its ledger. */
  public long seq() {
    return seq;
  }

  public String type() {
    return type;
  }

  /**
   * The field's path in the payload ({@code roster[2].pinHash}); {@code type} for an unknown type.
   */
  public String field() {
    return field;
  }
}
