package org.votehall.rules;

/**
 * A ballot spec that breaks a rule: names the field (as in docs/formats.md, e.g. {@code
 * sections[1].seats}) so that whoever wrote the spec can find it.
 */
public final class InvalidSpecException extends IllegalArgumentException {
  private final String field;
  private final String problem;

  public InvalidSpecException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  /**
   * The same problem seen from an enclosing object, e.g. {@code seats} → {@code sections[1].seats}.
   */
  public InvalidSpecException under(String prefix) {
    return new InvalidSpecException(prefix + "." + field, problem);
  }
}
