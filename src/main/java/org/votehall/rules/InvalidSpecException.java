package org.votehall.rules;

/**
 * A ballot spec that breaks a rule: names the field (as in FORMATS.md, e.g. {@code
 * sections[1].seats}) so that whoever wrote the spec can find it.
 */
public final class InvalidSpecException extends IllegalArgumentException {
  private final String field;

  public InvalidSpecException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /**
   * The same problem seen from an enclosing object, e.g. {@code seats} → {@code sections[1].seats}.
   */
  public InvalidSpecException under(String prefix) {
    String problem = getMessage().substring(field.length() + 2);
    return new InvalidSpecException(prefix + "." + field, problem);
  }
}
