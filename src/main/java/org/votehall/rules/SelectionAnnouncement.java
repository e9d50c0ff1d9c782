package org.votehall.rules;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** 票决结果 text (RULES.md §5): the selected projects in order with their votes; a tie, places left. */
final class SelectionAnnouncement {
  private SelectionAnnouncement() {}

  static Announcement of(
      SelectionSpec spec, Figures f, List<ProjectTally> items, SelectionOutcome o) {
    Map<String, ProjectTally> byId =
        items.stream().collect(Collectors.toMap(ProjectTally::id, Function.identity()));
    StringBuilder zh =
        new StringBuilder(Wording.openingZh(f))
            .append("发出票")
            .append(f.issued())
            .append("张，收回")
            .append(f.returned())
            .append("张，有效票")
            .append(f.validBallots())
            .append("张，无效票")
            .append(f.invalidBallots())
            .append("张。");
    StringBuilder en =
        new StringBuilder(Wording.openingEn(f))
            .append("Ballots issued: ")
            .append(f.issued())
            .append("; returned: ")
            .append(f.returned())
            .append("; valid: ")
            .append(f.validBallots())
            .append("; void: ")
            .append(f.invalidBallots())
            .append(". ");
    if (f.voided()) {
      zh.append("收回的票多于发出的票，本次票决无效。");
      en.append("More were returned than issued: the vote is void.");
      return new Announcement(zh.toString(), en.toString());
    }
    List<String> selectedZh =
        o.selected().stream()
            .map(id -> byId.get(id).title() + "（赞成" + byId.get(id).count().votesFor() + "票）")
            .toList();
    List<String> selectedEn =
        o.selected().stream()
            .map(id -> byId.get(id).title() + " (" + byId.get(id).count().votesFor() + " for)")
            .toList();
    if (selectedZh.isEmpty()) {
      zh.append("没有项目得票").append(Wording.thresholdZh(spec.threshold())).append("。");
      en.append("No project received votes from ")
          .append(Wording.thresholdEn(spec.threshold()))
          .append(". ");
    } else {
      zh.append("按得票多少，").append(Wording.joinZh(selectedZh)).append("确定为民生实事项目。");
      en.append("Selected, by votes: ").append(Wording.joinEn(selectedEn)).append(". ");
    }
    o.tie()
        .ifPresent(
            t -> {
              List<String> tied = t.persons().stream().map(id -> byId.get(id).title()).toList();
              zh.append(Wording.joinZh(tied))
                  .append("得票相等，需就")
                  .append(t.seats())
                  .append("个名额再次投票。");
              en.append(Wording.joinEn(tied))
                  .append(" tied: a revote among them for ")
                  .append(t.seats())
                  .append(" place(s). ");
            });
    if (o.unfilled() > 0) {
      zh.append("尚有").append(o.unfilled()).append("个名额未产生。");
      en.append(o.unfilled()).append(" place(s) unfilled. ");
    }
    return new Announcement(zh.toString(), en.toString().trim());
  }
}
