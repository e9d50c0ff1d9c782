package org.votehall.rules;

import static org.votehall.rules.Wording.fill;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 选举结果 text (docs/voting-rules.md §5): validity first (发出 / 收回), then per section the valid and
 * void ballots, every person's votes, the elected, a tie and unfilled seats.
 */
final class ElectionAnnouncement {
  private ElectionAnnouncement() {}

  static Announcement of(ElectionSpec spec, Figures f, List<SectionResult> sections) {
    StringBuilder zh = new StringBuilder(validityZh(f));
    StringBuilder en = new StringBuilder(validityEn(f));
    for (SectionResult s : sections) {
      zh.append(fill("%s：有效票%d张，无效票%d张。", s.title(), s.validBallots(), s.invalidBallots()));
      en.append(fill("%s: %d valid, %d void. ", s.title(), s.validBallots(), s.invalidBallots()));
      zh.append(String.join("；", countsZh(s))).append("。");
      en.append(String.join("; ", countsEn(s))).append(". ");
      if (!f.voided()) {
        outcomeText(spec, s, zh, en);
      }
    }
    return new Announcement(zh.toString(), en.toString().trim());
  }

  private static String validityZh(Figures f) {
    int cmp = Integer.compare(f.returned(), f.issued());
    String relation = cmp == 0 ? "等于" : cmp < 0 ? "少于" : "多于";
    return fill(
        "本次选举发出选票%d张，收回%d张，收回的选票%s发出的选票，%s",
        f.issued(), f.returned(), relation, f.voided() ? "选举无效，需重新选举。" : "选举有效。");
  }

  private static String validityEn(Figures f) {
    return fill(
        "Ballots issued: %d; returned: %d. %s",
        f.issued(),
        f.returned(),
        f.voided()
            ? "More were returned than issued: the election is void and must be held again. "
            : "The election is valid. ");
  }

  private static List<String> countsZh(SectionResult s) {
    List<String> parts = new ArrayList<>();
    for (CandidateTally c : s.candidates()) {
      ChoiceCount n = c.count();
      parts.add(fill("%s得赞成票%d张，反对票%d张，弃权票%d张", c.name(), n.votesFor(), n.against(), n.abstain()));
    }
    s.writeIns().forEach(w -> parts.add(fill("另选他人%s得赞成票%d张", w.name(), w.votesFor())));
    return parts;
  }

  private static List<String> countsEn(SectionResult s) {
    List<String> parts = new ArrayList<>();
    for (CandidateTally c : s.candidates()) {
      ChoiceCount n = c.count();
      parts.add(
          fill(
              "%s: %d for, %d against, %d abstaining",
              c.name(), n.votesFor(), n.against(), n.abstain()));
    }
    s.writeIns().forEach(w -> parts.add(fill("written in, %s: %d for", w.name(), w.votesFor())));
    return parts;
  }

  private static void outcomeText(
      ElectionSpec spec, SectionResult s, StringBuilder zh, StringBuilder en) {
    Map<String, String> names = names(s);
    boolean tieRound = spec.round() == Round.TIE;
    String ruleZh = tieRound ? "得赞成票多" : "得票" + Wording.thresholdZh(spec.threshold());
    String ruleEn =
        tieRound ? "the most votes" : "votes from " + Wording.thresholdEn(spec.threshold());
    List<String> elected = s.elected().stream().map(names::get).toList();
    if (!elected.isEmpty()) {
      zh.append(fill("根据选举办法，%s的%s当选。", ruleZh, Wording.joinZh(elected)));
      en.append(fill("Elected (%s): %s. ", ruleEn, Wording.joinEn(elected)));
    } else if (s.tie().isEmpty()) {
      zh.append(fill("没有人%s，无人当选。", ruleZh));
      en.append(fill("No one received %s: no one elected. ", ruleEn));
    }
    s.tie()
        .ifPresent(
            t -> {
              List<String> tied = t.persons().stream().map(names::get).toList();
              zh.append(Wording.tieZh(tied, t.seats()));
              en.append(Wording.tieEn(tied, t.seats(), "seat"));
            });
    if (s.unfilled() > 0) {
      unfilledText(spec, s, names, zh, en);
    }
  }

  private static void unfilledText(
      ElectionSpec spec,
      SectionResult s,
      Map<String, String> names,
      StringBuilder zh,
      StringBuilder en) {
    if (spec.round() != Round.FIRST) {
      zh.append(fill("尚有%d个名额空缺。", s.unfilled()));
      en.append(fill("%d seat(s) stay vacant. ", s.unfilled()));
      return;
    }
    List<String> proposed = s.runoffCandidates().stream().map(names::get).toList();
    zh.append(fill("尚有%d个名额未选出，需另行选举", s.unfilled()));
    en.append(fill("%d seat(s) unfilled: a runoff is needed", s.unfilled()));
    if (!proposed.isEmpty()) {
      zh.append("，候选人按得票多少为").append(Wording.joinZh(proposed));
      en.append(", proposed candidates: ").append(Wording.joinEn(proposed));
    }
    zh.append(s.nominationNeeded() ? "，另需提名候选人。" : "。");
    en.append(s.nominationNeeded() ? "; further nominations are needed. " : ". ");
  }

  private static Map<String, String> names(SectionResult s) {
    Map<String, String> names = new HashMap<>();
    s.candidates().forEach(c -> names.put(c.id(), c.name()));
    s.writeIns().forEach(w -> names.put(w.personId(), w.name()));
    return names;
  }
}
