package org.votehall.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 选举结果 text (RULES.md §5): validity first (发出 / 收回), then per section the valid and void ballots,
 * every person's votes, the elected, a tie and unfilled seats.
 */
final class ElectionAnnouncement {
  private ElectionAnnouncement() {}

  static Announcement of(ElectionSpec spec, Figures f, List<SectionResult> sections) {
    StringBuilder zh = new StringBuilder(validityZh(f));
    StringBuilder en = new StringBuilder(validityEn(f));
    for (SectionResult s : sections) {
      Map<String, String> names = names(s);
      zh.append(s.title())
          .append("：有效票")
          .append(s.validBallots())
          .append("张，无效票")
          .append(s.invalidBallots())
          .append("张。");
      en.append(s.title())
          .append(": ")
          .append(s.validBallots())
          .append(" valid, ")
          .append(s.invalidBallots())
          .append(" void. ");
      countsText(s, zh, en);
      if (!f.voided()) {
        outcomeText(spec, s, names, zh, en);
      }
    }
    return new Announcement(zh.toString(), en.toString().trim());
  }

  private static String validityZh(Figures f) {
    int cmp = Integer.compare(f.returned(), f.issued());
    String relation = cmp == 0 ? "等于" : cmp < 0 ? "少于" : "多于";
    return "本次选举发出选票"
        + f.issued()
        + "张，收回"
        + f.returned()
        + "张，收回的选票"
        + relation
        + "发出的选票，"
        + (f.voided() ? "选举无效，需重新选举。" : "选举有效。");
  }

  private static String validityEn(Figures f) {
    return "Ballots issued: "
        + f.issued()
        + "; returned: "
        + f.returned()
        + ". "
        + (f.voided()
            ? "More were returned than issued: the election is void and must be held again. "
            : "The election is valid. ");
  }

  private static void countsText(SectionResult s, StringBuilder zh, StringBuilder en) {
    for (CandidateTally c : s.candidates()) {
      ChoiceCount n = c.count();
      zh.append(c.name())
          .append("得赞成票")
          .append(n.votesFor())
          .append("张，反对票")
          .append(n.against())
          .append("张，弃权票")
          .append(n.abstain())
          .append("张；");
      en.append(c.name())
          .append(": ")
          .append(n.votesFor())
          .append(" for, ")
          .append(n.against())
          .append(" against, ")
          .append(n.abstain())
          .append(" abstaining; ");
    }
    for (WriteInTally w : s.writeIns()) {
      zh.append("另选他人").append(w.name()).append("得赞成票").append(w.votesFor()).append("张；");
      en.append("written in, ").append(w.name()).append(": ").append(w.votesFor()).append(" for; ");
    }
    zh.setCharAt(zh.length() - 1, '。');
    en.setLength(en.length() - 2);
    en.append(". ");
  }

  private static void outcomeText(
      ElectionSpec spec,
      SectionResult s,
      Map<String, String> names,
      StringBuilder zh,
      StringBuilder en) {
    boolean tieRound = spec.round() == Round.TIE;
    String ruleZh = tieRound ? "得赞成票多" : "得票" + Wording.thresholdZh(spec.threshold());
    String ruleEn =
        tieRound ? "the most votes" : "votes from " + Wording.thresholdEn(spec.threshold());
    List<String> elected = s.elected().stream().map(names::get).toList();
    if (!elected.isEmpty()) {
      zh.append("根据选举办法，").append(ruleZh).append("的").append(Wording.joinZh(elected)).append("当选。");
      en.append("Elected (")
          .append(ruleEn)
          .append("): ")
          .append(Wording.joinEn(elected))
          .append(". ");
    } else if (s.tie().isEmpty()) {
      zh.append("没有人").append(ruleZh).append("，无人当选。");
      en.append("No one received ").append(ruleEn).append(": no one elected. ");
    }
    s.tie()
        .ifPresent(
            t -> {
              List<String> tied = t.persons().stream().map(names::get).toList();
              zh.append(Wording.joinZh(tied))
                  .append("得票相等，需就")
                  .append(t.seats())
                  .append("个名额再次投票。");
              en.append(Wording.joinEn(tied))
                  .append(" tied: a revote among them for ")
                  .append(t.seats())
                  .append(" seat(s). ");
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
      zh.append("尚有").append(s.unfilled()).append("个名额空缺。");
      en.append(s.unfilled()).append(" seat(s) stay vacant. ");
      return;
    }
    List<String> proposed = s.runoffCandidates().stream().map(names::get).toList();
    zh.append("尚有").append(s.unfilled()).append("个名额未选出，需另行选举");
    en.append(s.unfilled()).append(" seat(s) unfilled: a runoff is needed");
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
