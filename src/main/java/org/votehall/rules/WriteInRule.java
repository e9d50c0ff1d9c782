package org.votehall.rules;

/**
 * Whether a section takes write-ins (另选他人) and whether a voter must mark {@code against} once for
 * each write-in (docs/voting-rules.md §2, both on by default).
 */
public record WriteInRule(boolean allowed, boolean requireAgainst) {
  public static final WriteInRule DEFAULT = new WriteInRule(true, true);
  public static final WriteInRule NONE = new WriteInRule(false, true);
}
