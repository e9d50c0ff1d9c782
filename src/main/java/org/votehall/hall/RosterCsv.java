package org.votehall.hall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  private RosterCsv() {}

  /** One deputy as the file gives them, PIN in clear (it is hashed before it is stored). */
  public record Row(String id, String name, String pin) {}

  public static Outcome<List<Row>> parse(String csv) {
    String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      return Refusal.refuse(Refusal.Code.MALFORMED, "rosterCsv: empty");
    }
    List<String> header =
        records.get(0).stream()
            .map(h -> HEADERS.getOrDefault(h.strip().toLowerCase(Locale.ROOT), h.strip()))
            .toList();
    int id = header.indexOf("id");
    int name = header.indexOf("name");
    int pin = header.indexOf("pin");
    if (id < 0 || name < 0 || pin < 0) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "rosterCsv line 1: the header must name id (代表证号), name (姓名) and pin (密码) columns");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.stream().allMatch(String::isBlank)) {
        continue;
      }
      if (r.size() <= Math.max(id, Math.max(name, pin))
          || r.get(id).isBlank()
          || r.get(name).isBlank()
          || r.get(pin).strip().length() < 4) {
        return Refusal.refuse(
            Refusal.Code.MALFORMED,
            "rosterCsv line "
                + (i + 1)
                + ": needs an id, a name and a PIN of at least 4 characters");
      }
      rows.add(new Row(r.get(id).strip(), r.get(name).strip(), r.get(pin).strip()));
    }
    return Outcome.done(rows);
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
