package org.votehall.rules;

import static org.votehall.rules.Wording.fill;

import java.util.List;

/**
 * 测评结果 text (docs/voting-rules.md §5): each item's 满意 / 基本满意 / 不满意 counts, its grade and its rate,
 * the figure of the ballot's model first.
 */
final class RatingAnnouncement {
  private RatingAnnouncement() {}

  static Announcement of(RatingSpec spec, Figures f, List<RatingTally> ratings) {
    StringBuilder zh =
        new StringBuilder(Wording.openingZh(f)).append(fill("收回测评票%d张。", f.returned()));
    StringBuilder en =
        new StringBuilder(Wording.openingEn(f))
            .append(fill("Ballots returned: %d. ", f.returned()));
    if (f.voided()) {
      zh.append("收回的测评票多于发出的测评票，本次测评无效。");
      en.append("More were returned than issued: the rating is void. ");
    }
    boolean gradeFirst = spec.model() == RatingModel.GRADE;
    for (RatingTally r : ratings) {
      zh.append(
          fill(
              "%s：满意%d票，基本满意%d票，不满意%d票，未评%d票；%s。",
              r.title(),
              r.satisfied(),
              r.basically(),
              r.dissatisfied(),
              r.blank(),
              gradeFirst ? gradeZh(r) + "，" + rateZh(r) : rateZh(r) + "，" + gradeZh(r)));
      en.append(
          fill(
              "%s: %d satisfied, %d basically satisfied, %d dissatisfied, %d blank; %s. ",
              r.title(),
              r.satisfied(),
              r.basically(),
              r.dissatisfied(),
              r.blank(),
              gradeFirst ? gradeEn(r) + ", " + rateEn(r) : rateEn(r) + ", " + gradeEn(r)));
    }
    return new Announcement(zh.toString(), en.toString().trim());
  }

  private static String gradeZh(RatingTally r) {
    String grade =
        r.grade()
            .map(
                g ->
                    switch (g) {
                      case SATISFIED -> "满意";
                      case BASICALLY -> "基本满意";
                      case DISSATISFIED -> "不满意";
                    })
            .orElse("无");
    return "测评等次：" + grade;
  }

  private static String gradeEn(RatingTally r) {
    String grade =
        r.grade()
            .map(
                g ->
                    switch (g) {
                      case SATISFIED -> "satisfied";
                      case BASICALLY -> "basically satisfied";
                      case DISSATISFIED -> "dissatisfied";
                    })
            .orElse("none");
    return "grade: " + grade;
  }

  private static String rateZh(RatingTally r) {
    return r.rate()
        .map(
            rate ->
                fill(
                    "满意率（含基本满意）%s，其中满意%s",
                    Wording.percent(rate), Wording.percent(r.satisfiedRate().orElseThrow())))
        .orElse("无有效评价");
  }

  private static String rateEn(RatingTally r) {
    return r.rate()
        .map(
            rate ->
                fill(
                    "satisfied or basically satisfied %s, satisfied %s",
                    Wording.percent(rate), Wording.percent(r.satisfiedRate().orElseThrow())))
        .orElse("no valid ratings");
  }
}
