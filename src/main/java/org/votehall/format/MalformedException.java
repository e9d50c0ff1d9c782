package org.votehall.format;

/**
 * Input that does not follow docs/formats.md; the message names the field (and where known the
 * line).
 */
public final class MalformedException extends Exception {
  public MalformedException(String message) {
    super(message);
  }

  public MalformedException(String field, String message) {
    super(field.isEmpty() ? message : field + ": " + message);
  }
}
