package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RosterCsvTest {

  @Test
  void aSpreadsheetExportWithChineseHeadersBomCrlfAndQuotes() {
    String csv =
        "\uFEFF代表证号,姓名,密码\r\nd001,张三,123456\r\nd002,\"李, 四\",\"65 4321\"\r\n\r\nd003,\"王\"\"五\"\"\",111111\r\n";
    Outcome<List<RosterCsv.Row>> parsed = RosterCsv.parse(csv);
    assertEquals(
        List.of(
            new RosterCsv.Row("d001", "张三", "123456"),
            new RosterCsv.Row("d002", "李, 四", "65 4321"),
            new RosterCsv.Row("d003", "王\"五\"", "111111")),
        ((Outcome.Done<List<RosterCsv.Row>>) parsed).value());
  }

  @Test
  void englishHeadersInAnyOrder() {
    var rows =
        ((Outcome.Done<List<RosterCsv.Row>>) RosterCsv.parse("name,pin,id\nAna,9876,d9")).value();
    assertEquals(List.of(new RosterCsv.Row("d9", "Ana", "9876")), rows);
  }

  @Test
  void refusalsNameTheLine() {
    assertTrue(message(RosterCsv.parse("id,name\nd1,Ana")).contains("line 1"));
    assertTrue(
        message(RosterCsv.parse("id,name,pin\nd1,Ana,1234\nd2,,5678"))
            .startsWith("rosterCsv line 3"));
    assertTrue(message(RosterCsv.parse("id,name,pin\nd1,Ana,12")).contains("at least 4"));
    assertTrue(message(RosterCsv.parse("")).contains("empty"));
  }

  private static String message(Outcome<?> o) {
    return ((Outcome.Refused<?>) o).refusal().message();
  }
}
