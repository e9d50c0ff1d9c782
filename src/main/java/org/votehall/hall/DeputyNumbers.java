package org.votehall.hall;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a roster writes its deputy numbers, when all of them are one prefix and digits: a fixed count
 * of digits ({@code d001 … d327}, {@code 0001 … 3000}), or digits without leading zeros ({@code d1
 * … d60}; {@code digits} 0). A seat's keypad has digits only, so the terminal writes the prefix
 * (and the leading zeros) for the deputy. A roster with any other ids has none, and the terminal
 * sends what was typed.
 */
public record DeputyNumbers(String prefix, int digits) {
  private static final Pattern NUMBER = Pattern.compile("(\\D*)(\\d+)");

  public static Optional<DeputyNumbers> of(Collection<String> ids) {
    Set<String> prefixes = new HashSet<>();
    Set<Integer> widths = new HashSet<>();
    boolean leadingZero = false;
    for (String id : ids) {
      Matcher m = NUMBER.matcher(id);
      if (!m.matches()) {
        return Optional.empty();
      }
      prefixes.add(m.group(1));
      widths.add(m.group(2).length());
      leadingZero |= m.group(2).length() > 1 && m.group(2).startsWith("0");
    }
    if (prefixes.size() != 1) {
      return Optional.empty();
    }
    String prefix = prefixes.iterator().next();
    if (widths.size() == 1) {
      return Optional.of(new DeputyNumbers(prefix, widths.iterator().next()));
    }
    return leadingZero ? Optional.empty() : Optional.of(new DeputyNumbers(prefix, 0));
  }
}
