package org.votehall.hall;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a roster writes its deputy numbers, when all of them are one prefix and a fixed count of
 * digits ({@code d001 … d327}, {@code 0001 … 3000}): a seat's keypad has digits only, so the
 * terminal writes the prefix and the leading zeros for the deputy. A roster with any other ids has
 * none, and the terminal sends what was typed.
 */
public record DeputyNumbers(String prefix, int digits) {
  private static final Pattern NUMBER = Pattern.compile("(\\D*)(\\d+)");

  public static Optional<DeputyNumbers> of(Collection<String> ids) {
    DeputyNumbers found = null;
    for (String id : ids) {
      Matcher m = NUMBER.matcher(id);
      if (!m.matches()) {
        return Optional.empty();
      }
      DeputyNumbers numbers = new DeputyNumbers(m.group(1), m.group(2).length());
      if (found != null && !found.equals(numbers)) {
        return Optional.empty();
      }
      found = numbers;
    }
    return Optional.ofNullable(found);
  }
}
