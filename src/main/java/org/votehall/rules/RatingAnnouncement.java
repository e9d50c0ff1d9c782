package org.votehall.rules;

import java.util.List;

/**
 * 测评结果 text (RULES.md §5): each item's 满意 / 基本满意 / 不满意 counts, its grade and its rate, the figure
 * of the ballot's model first.
 */
final class RatingAnnouncement {
  private RatingAnnouncement() {}

  static Announcement of(RatingSpec spec, Figures f, List<RatingTally> ratings) {
    StringBuilder zh =
        new StringBuilder(Wording.openingZh(f)).append("收回测评票").append(f.returned()).append("张。");
    StringBuilder en =
        new StringBuilder(Wording.openingEn(f))
            .append("Ballots returned: ")
            .append(f.returned())
            .append(". ");
    if (f.voided()) {
      zh.append("收回的测评票多于发出的测评票，本次测评无效。");
      en.append("More were returned than issued: the rating is void. ");
    }
    for (RatingTally r : ratings) {
      zh.append(r.title())
          .append("：满意")
          .append(r.satisfied())
          .append("票，基本满意")
          .append(r.basically())
          .append("票，不满意")
          .append(r.dissatisfied())
          .append("票，未评")
          .append(r.blank())
          .append("票；");
      en.append(r.title())
          .append(": ")
          .append(r.satisfied())
          .append(" satisfied, ")
          .append(r.basically())
          .append(" basically satisfied, ")
          .append(r.dissatisfied())
          .append(" dissatisfied, ")
          .append(r.blank())
          .append(" blank; ");
      boolean gradeFirst = spec.model() == RatingModel.GRADE;
      zh.append(gradeFirst ? gradeZh(r) + "，" + rateZh(r) : rateZh(r) + "，" + gradeZh(r))
          .append("。");
      en.append(gradeFirst ? gradeEn(r) + ", " + rateEn(r) : rateEn(r) + ", " + gradeEn(r))
          .append(". ");
    }
    return new Announcement(zh.toString(), en.toString().trim());
  }

  private static String gradeZh(RatingTally r) {
    return "测评等次："
        + r.grade()
            .map(
                g ->
                    switch (g) {
                      case SATISFIED -> "满意";
                      case BASICALLY -> "基本满意";
                      case DISSATISFIED -> "不满意";
                    })
            .orElse("无");
  }

  private static String gradeEn(RatingTally r) {
    return "grade: "
        + r.grade()
            .map(
                g ->
                    switch (g) {
                      case SATISFIED -> "satisfied";
                      case BASICALLY -> "basically satisfied";
                      case DISSATISFIED -> "dissatisfied";
                    })
            .orElse("none");
  }

  private static String rateZh(RatingTally r) {
    return r.rate()
        .map(
            rate ->
                "满意率（含基本满意）"
                    + Wording.percent(rate)
                    + "，其中满意"
                    + Wording.percent(r.satisfiedRate().orElseThrow()))
        .orElse("无有效评价");
  }

  private static String rateEn(RatingTally r) {
    return r.rate()
        .map(
            rate ->
                "satisfied or basically satisfied "
                    + Wording.percent(rate)
                    + ", satisfied "
                    + Wording.percent(r.satisfiedRate().orElseThrow()))
        .orElse("no valid ratings");
  }
}
