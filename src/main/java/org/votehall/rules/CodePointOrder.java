package org.votehall.rules;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, as docs/voting-rules.md §2 orders write-ins. {@code
 * String.compareTo} compares UTF-16 units, which puts supplementary characters (rare surnames among
 * them) before U+E000–U+FFFF.
 */
final class CodePointOrder implements Comparator<String> {
  static final CodePointOrder INSTANCE = new CodePointOrder();

  private CodePointOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
