package org.votehall.rules;

import static org.votehall.rules.Wording.fill;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 票决结果 text (docs/voting-rules.md §5): the selected projects in order with their votes; a tie,
 * places left.
 */
final class SelectionAnnouncement {
  private SelectionAnnouncement() {}

  static Announcement of(
      SelectionSpec spec, Figures f, List<ProjectTally> items, SelectionOutcome o) {
    StringBuilder zh =
        new StringBuilder(Wording.openingZh(f))
            .append(
                fill(
                    "发出票%d张，收回%d张，有效票%d张，无效票%d张。",
                    f.issued(), f.returned(), f.validBallots(), f.invalidBallots()));
    StringBuilder en =
        new StringBuilder(Wording.openingEn(f))
            .append(
                fill(
                    "Ballots issued: %d; returned: %d; valid: %d; void: %d. ",
                    f.issued(), f.returned(), f.validBallots(), f.invalidBallots()));
    if (f.voided()) {
      zh.append("收回的票多于发出的票，本次票决无效。");
      en.append("More were returned than issued: the vote is void.");
    } else {
      outcomeText(spec, items, o, zh, en);
    }
    return new Announcement(zh.toString(), en.toString().trim());
  }

  private static void outcomeText(
      SelectionSpec spec,
      List<ProjectTally> items,
      SelectionOutcome o,
      StringBuilder zh,
      StringBuilder en) {
    Map<String, ProjectTally> byId =
        items.stream().collect(Collectors.toMap(ProjectTally::id, Function.identity()));
    List<ProjectTally> selected = o.selected().stream().map(byId::get).toList();
    if (selected.isEmpty()) {
      zh.append(fill("没有项目得票%s。", Wording.thresholdZh(spec.threshold())));
      en.append(fill("No project received votes from %s. ", Wording.thresholdEn(spec.threshold())));
    } else {
      List<String> listZh =
          selected.stream().map(p -> fill("%s（赞成%d票）", p.title(), p.count().votesFor())).toList();
      List<String> listEn =
          selected.stream().map(p -> fill("%s (%d for)", p.title(), p.count().votesFor())).toList();
      zh.append(fill("按得票多少，%s确定为民生实事项目。", Wording.joinZh(listZh)));
      en.append(fill("Selected, by votes: %s. ", Wording.joinEn(listEn)));
    }
    o.tie()
        .ifPresent(
            t -> {
              List<String> tied = t.persons().stream().map(id -> byId.get(id).title()).toList();
              zh.append(Wording.tieZh(tied, t.seats()));
              en.append(Wording.tieEn(tied, t.seats(), "place"));
            });
    if (o.unfilled() > 0) {
      zh.append(fill("尚有%d个名额未产生。", o.unfilled()));
      en.append(fill("%d place(s) unfilled. ", o.unfilled()));
    }
  }
}
