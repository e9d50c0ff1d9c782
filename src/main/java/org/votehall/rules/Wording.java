package org.votehall.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Phrases the announcements share: the opening figures, the threshold, percentages, name lists. */
final class Wording {
  private Wording() {}

  /** A template filled in the root locale, so that numbers are always ASCII digits. */
  static String fill(String template, Object... values) {
    return String.format(Locale.ROOT, template, values);
  }

  static String openingZh(Figures f) {
    return fill("应到代表%d人，实到%d人。", f.members(), f.present());
  }

  static String openingEn(Figures f) {
    return fill("Members: %d; present: %d. ", f.members(), f.present());
  }

  /** A boundary tie, for seats (election) or places (selection). */
  static String tieZh(List<String> names, int seats) {
    return fill("%s得票相等，需就%d个名额再次投票。", joinZh(names), seats);
  }

  static String tieEn(List<String> names, int seats, String place) {
    return fill("%s tied: a revote among them for %d %s(s). ", joinEn(names), seats, place);
  }

  /** E.g. 超过全体代表半数, 达到全体代表的三分之二. */
  static String thresholdZh(Threshold t) {
    String base =
        switch (t.base()) {
          case MEMBERS -> "全体代表";
          case PRESENT -> "出席代表";
          case VALID -> "有效票";
        };
    String fraction =
        t.fraction().equals(Fraction.HALF)
            ? "半数"
            : chineseNumber(t.fraction().denominator())
                + "分之"
                + chineseNumber(t.fraction().numerator());
    return t.strict() ? "超过" + base + fraction : "达到" + base + "的" + fraction;
  }

  /** E.g. "more than half of all members", "at least two thirds of the valid votes". */
  static String thresholdEn(Threshold t) {
    String base =
        switch (t.base()) {
          case MEMBERS -> "all members";
          case PRESENT -> "the members present";
          case VALID -> "the valid ballots";
        };
    String fraction =
        t.fraction().equals(Fraction.HALF)
            ? "half"
            : t.fraction().equals(Fraction.TWO_THIRDS) ? "two thirds" : t.fraction().toString();
    return (t.strict() ? "more than " : "at least ") + fraction + " of " + base;
  }

  /** "0.9655" → "96.55%". */
  static String percent(String rate) {
    return new BigDecimal(rate).movePointRight(2).toPlainString() + "%";
  }

  static String joinZh(List<String> names) {
    return String.join("、", names);
  }

  static String joinEn(List<String> names) {
    return String.join(", ", names);
  }

  private static String chineseNumber(int n) {
    String digits = "〇一二三四五六七八九十";
    return n >= 0 && n <= 10 ? String.valueOf(digits.charAt(n)) : Integer.toString(n);
  }
}
