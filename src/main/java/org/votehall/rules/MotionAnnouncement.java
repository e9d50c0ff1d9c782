package org.votehall.rules;

import static org.votehall.rules.Wording.fill;

import java.util.List;

/** 表决结果 text (docs/voting-rules.md §5), e.g. 应到代表327人，实到314人。表决结果：赞成160票，…未获通过。 */
final class MotionAnnouncement {
  private MotionAnnouncement() {}

  static Announcement of(MotionSpec spec, Figures f, List<ItemTally> items) {
    StringBuilder zh = new StringBuilder(Wording.openingZh(f));
    StringBuilder en = new StringBuilder(Wording.openingEn(f));
    boolean named = items.size() > 1;
    for (ItemTally item : items) {
      ChoiceCount c = item.count();
      zh.append(
          fill(
              "%s表决结果：赞成%d票，反对%d票，弃权%d票，未按%d人。%s",
              named ? item.title() : "",
              c.votesFor(),
              c.against(),
              c.abstain(),
              f.notVoted(),
              outcomeZh(item.outcome())));
      en.append(
          fill(
              "%s: %d for, %d against, %d abstaining, %d not voting. %s",
              named ? "\"" + item.title() + "\"" : "Result",
              c.votesFor(),
              c.against(),
              c.abstain(),
              f.notVoted(),
              outcomeEn(item.outcome())));
    }
    if (f.voided()) {
      boolean overIssued = f.returned() > f.issued();
      zh.append(overIssued ? "收回的表决票多于发出的表决票，" : "参加表决的人数未超过全体代表半数，").append("本次表决无效。");
      en.append(
              overIssued
                  ? "More ballots were returned than issued"
                  : "Half of the members or fewer voted")
          .append(": the vote is void.");
    }
    return new Announcement(zh.toString(), en.toString().trim());
  }

  private static String outcomeZh(ItemOutcome outcome) {
    return switch (outcome) {
      case PASSED -> "通过。";
      case FAILED -> "未获通过。";
      case VOID -> "";
    };
  }

  private static String outcomeEn(ItemOutcome outcome) {
    return switch (outcome) {
      case PASSED -> "Passed. ";
      case FAILED -> "Not passed. ";
      case VOID -> "";
    };
  }
}
