package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
        message(RosterCsv.parse("id,name,pin\nd1,Ana,1234\nd2,,5678")).contains("line 3 no-name"));
    assertTrue(message(RosterCsv.parse("id,name,pin\nd1,Ana,12")).contains("at least 4"));
    assertTrue(message(RosterCsv.parse("")).contains("empty"));
  }

  @Test
  void everyBadLineIsListedWithItsProblem() {
    String csv =
        "代表证号,姓名,密码\n"
            + "d1,张三,123456\n" // good
            + "d2,李四\n" // line 3
            + ",王五,123456\n" // line 4
            + "d 4,赵六,123456\n" // line 5
            + "d5,,123456\n" // line 6
            + "d6,钱七,12\n" // line 7
            + "d1,孙八,123456\n"; // line 8
    Refusal refusal = ((Outcome.Refused<?>) RosterCsv.parse(csv)).refusal();
    assertEquals(Refusal.Code.MALFORMED, refusal.code());
    assertEquals(
        List.of(
            Map.of("line", 3, "problem", "too-few-columns"),
            Map.of("line", 4, "problem", "no-id"),
            Map.of("line", 5, "problem", "bad-id"),
            Map.of("line", 6, "problem", "no-name"),
            Map.of("line", 7, "problem", "short-pin"),
            Map.of("line", 8, "problem", "duplicate-id")),
        refusal.details().get("problems"));
  }

  @Test
  void noBreakSpacesAreTrimmedAsThePagePreviewTrimsThem() {
    var rows =
        ((Outcome.Done<List<RosterCsv.Row>>)
                RosterCsv.parse("id,name,pin\n\u00A0d1\u3000,张三\u00A0,1234\u00A0\uFEFF"))
            .value();
    assertEquals(List.of(new RosterCsv.Row("d1", "张三", "1234")), rows);
  }

  @Test
  void aHeaderWithoutThePinColumnIsLineOne() {
    Refusal refusal = ((Outcome.Refused<?>) RosterCsv.parse("id,name\nd1,Ana")).refusal();
    assertEquals(
        List.of(Map.of("line", 1, "problem", "no-header")), refusal.details().get("problems"));
  }

  private static String message(Outcome<?> o) {
    return ((Outcome.Refused<?>) o).refusal().message();
  }
}
