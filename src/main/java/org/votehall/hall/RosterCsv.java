package org.votehall.hall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A roster as a spreadsheet exports it (CSV, UTF-8 with or without a byte-order mark, CRLF or LF,
 * quoted fields with {@code ""} escapes). The header names the columns, in English or Chinese:
 * {@code id / 代表证号 / 编号}, {@code name / 姓名}, {@code pin / 密码}.
 */
public final class RosterCsv {
  private static final Map<String, String> HEADERS =
      Map.of(
          "id", "id", "代表证号", "id", "编号", "id", "代表编号", "id", "name", "name", "姓名", "name", "pin",
          "pin", "密码", "pin");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RosterCsv() {}

  /** One deputy as the file gives them, PIN in clear (it is hashed before it is stored). */
  public record Row(String id, String name, String pin) {}

  /**
   * The rows, or a refusal listing every bad line (its number as a spreadsheet shows it, and a
   * problem: no-header, too-few-columns, no-id, bad-id, no-name, short-pin, duplicate-id), so that
   * the clerk mends the file once.
   */
  public static Outcome<List<Row>> parse(String csv) {
    String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      return Refusal.refuse(Refusal.Code.MALFORMED, "rosterCsv: empty");
    }
    List<String> header =
        records.get(0).stream()
            .map(h -> HEADERS.getOrDefault(trim(h).toLowerCase(Locale.ROOT), trim(h)))
            .toList();
    Columns columns =
        new Columns(header.indexOf("id"), header.indexOf("name"), header.indexOf("pin"));
    if (columns.id() < 0 || columns.name() < 0 || columns.pin() < 0) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "rosterCsv line 1: the header must name id (代表证号), name (姓名) and pin (密码) columns",
          "problems",
          List.of(problem(1, "no-header")));
    }
    List<Row> rows = new ArrayList<>();
    List<Map<String, Object>> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.stream().allMatch(String::isBlank)) {
        continue;
      }
      String problem = problem(r, columns, ids);
      if (problem != null) {
        problems.add(problem(i + 1, problem));
      } else {
        rows.add(columns.row(r));
      }
    }
    if (!problems.isEmpty()) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "rosterCsv: "
              + problems.size()
              + " bad line(s), each needs an id (letters, digits . _ -), a name and a PIN of at"
              + " least 4 characters, and no id twice: "
              + problems.stream()
                  .map(p -> "line " + p.get("line") + " " + p.get("problem"))
                  .collect(Collectors.joining(", ")),
          "problems",
          problems);
    }
    return Outcome.done(rows);
  }

  private record Columns(int id, int name, int pin) {
    boolean fits(List<String> r) {
      return r.size() > Math.max(id, Math.max(name, pin));
    }

    Row row(List<String> r) {
      return new Row(trim(r.get(id)), trim(r.get(name)), trim(r.get(pin)));
    }
  }

  /** What is wrong with one line, or null; a good id is remembered to find it twice. */
  private static String problem(List<String> r, Columns columns, Set<String> ids) {
    if (!columns.fits(r)) {
      return "too-few-columns";
    }
    Row row = columns.row(r);
    if (row.id().isEmpty()) {
      return "no-id";
    }
    if (!ID.matcher(row.id()).matches()) {
      return "bad-id";
    }
    if (row.name().isEmpty()) {
      return "no-name";
    }
    if (row.pin().length() < 4) {
      return "short-pin";
    }
    return ids.add(row.id()) ? null : "duplicate-id";
  }

  /**
   * Spaces trimmed as a spreadsheet user sees them, and as the clerk console's preview trims them
   * (JavaScript's {@code trim}): no-break spaces and a stray byte-order mark too, which Java's
   * {@code strip} keeps — a PIN ending in one could not be typed at a seat.
   */
  static String trim(String field) {
    int start = 0;
    int end = field.length();
    while (start < end && blank(field.charAt(start))) {
      start++;
    }
    while (end > start && blank(field.charAt(end - 1))) {
      end--;
    }
    return field.substring(start, end);
  }

  private static boolean blank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  private static Map<String, Object> problem(int line, String problem) {
    return Map.of("line", line, "problem", problem);
  }

  /** RFC 4180 records: commas, quotes, and line breaks inside quotes. */
  static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
