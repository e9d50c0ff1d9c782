package org.votehall.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks shared by the spec records; each throws {@link InvalidSpecException} naming the field. */
final class SpecChecks {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private SpecChecks() {}

  static String id(String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new InvalidSpecException(
          field, "an id must match [A-Za-z0-9._-]{1,64} [id: " + quoted(value) + "]");
    }
    return value;
  }

  static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSpecException(field, "must not be empty");
    }
    return value;
  }

  static <T> List<T> nonEmpty(String field, List<T> values) {
    if (values == null || values.isEmpty()) {
      throw new InvalidSpecException(field, "must hold at least one entry");
    }
    return List.copyOf(values);
  }

  /** docs/formats.md: duplicate item, section or candidate ids make a spec malformed. */
  static <T> void uniqueIds(String field, List<T> values, Function<T, String> id) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = id.apply(values.get(i));
      if (!seen.add(value)) {
        throw new InvalidSpecException(field + "[" + i + "].id", "duplicate id " + quoted(value));
      }
    }
  }

  static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
