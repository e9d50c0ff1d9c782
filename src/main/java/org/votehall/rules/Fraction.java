package org.votehall.rules;

/** A fraction {@code p/q} of a base, as in "more than half" (1/2) or "two thirds" (2/3). */
public record Fraction(int numerator, int denominator) {

  public static final Fraction HALF = new Fraction(1, 2);
  public static final Fraction TWO_THIRDS = new Fraction(2, 3);

  public Fraction {
    if (denominator < 1 || numerator < 1 || numerator > denominator) {
      throw new IllegalArgumentException(
          "A fraction must lie in (0, 1] [numerator: "
              + numerator
              + ", denominator: "
              + denominator
              + "]");
    }
  }

  /**
   * The least number of votes {@code v} that meets this fraction of {@code base}: strict means
   * {@code v * q > p * base}, otherwise {@code v * q >= p * base}. Exact integer arithmetic
   * (docs/voting-rules.md §0); never below 1, so zero votes never pass.
   */
  public int required(long base, boolean strict) {
    if (base < 0) {
      throw new IllegalArgumentException("A base cannot be negative [base: " + base + "]");
    }
    long product = (long) numerator * base;
    long required =
        strict
            ? Math.floorDiv(product, denominator) + 1
            : Math.floorDiv(product + denominator - 1, denominator);
    return (int) Math.max(1, required);
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
