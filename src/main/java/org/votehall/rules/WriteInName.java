package org.votehall.rules;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Cleans a written-in name before it counts (docs/voting-rules.md §2): Unicode white space stripped
 * at both ends, then NFC. A name that is empty after that is no write-in.
 */
public final class WriteInName {
  private WriteInName() {}

  public static Optional<String> clean(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && isWhiteSpace(raw.charAt(start))) {
      start++;
    }
    while (end > start && isWhiteSpace(raw.charAt(end - 1))) {
      end--;
    }
    String name = Normalizer.normalize(raw.substring(start, end), Normalizer.Form.NFC);
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /**
   * The Unicode White_Space property. Java's {@code Character.isWhitespace} leaves out the no-break
   * spaces (U+00A0, U+2007, U+202F), which people do type into names.
   */
  static boolean isWhiteSpace(char c) {
    return (c >= 0x09 && c <= 0x0D)
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }
}
