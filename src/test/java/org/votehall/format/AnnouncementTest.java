package org.votehall.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.votehall.rules.Announcement;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;
import org.votehall.rules.Recount;

/**
 * docs/voting-rules.md §5: the announcement of each kind, in Chinese and English, from its figures.
 */
class AnnouncementTest {

  private static Announcement announce(String spec, int present, int issued, String... lines)
      throws MalformedException {
    BallotSpec parsed = SpecJson.parse(spec);
    List<Marks> marks = new ArrayList<>();
    for (String line : lines) {
      marks.add(MarksJson.parse(parsed, line));
    }
    return Recount.of(parsed, present, issued, marks).announcement();
  }

  private static String[] times(int n, String line) {
    return java.util.Collections.nCopies(n, line).toArray(String[]::new);
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  @Test
  void motionWithSeveralItemsNamesEach() throws MalformedException {
    String spec =
        "{\"id\":\"appoint\",\"kind\":\"motion\",\"members\":30,\"items\":[{\"id\":\"a1\",\"title\":\"任命张三为秘书长\"},"
            + "{\"id\":\"a2\",\"title\":\"任命李四为副秘书长\"}]}";
    Announcement a =
        announce(
            spec,
            25,
            25,
            concat(
                times(16, "{\"marks\":{\"a1\":\"for\",\"a2\":\"for\"}}"),
                times(1, "{\"marks\":{\"a1\":\"against\"}}")));
    assertEquals(
        "应到代表30人，实到25人。任命张三为秘书长表决结果：赞成16票，反对1票，弃权0票，未按8人。通过。"
            + "任命李四为副秘书长表决结果：赞成16票，反对0票，弃权1票，未按8人。通过。",
        a.zh());
    assertEquals(
        "Members: 30; present: 25. \"任命张三为秘书长\": 16 for, 1 against, 0 abstaining, 8 not voting. Passed. "
            + "\"任命李四为副秘书长\": 16 for, 0 against, 1 abstaining, 8 not voting. Passed.",
        a.en());
  }

  @Test
  void aVoidMotionSaysWhy() throws MalformedException {
    String spec =
        "{\"id\":\"m\",\"kind\":\"motion\",\"members\":30,\"participationQuorum\":true,\"items\":[{\"id\":\"m1\"}]}";
    Announcement a = announce(spec, 30, 30, times(15, "{\"marks\":{\"m1\":\"for\"}}"));
    assertEquals("应到代表30人，实到30人。表决结果：赞成15票，反对0票，弃权0票，未按15人。参加表决的人数未超过全体代表半数，本次表决无效。", a.zh());
    assertEquals(
        "Members: 30; present: 30. Result: 15 for, 0 against, 0 abstaining, 15 not voting. Half of the members or fewer voted: the vote is void.",
        a.en());
  }

  @Test
  void electionWithUnfilledSeatsProposesARunoff() throws MalformedException {
    String spec =
        "{\"id\":\"e\",\"kind\":\"election\",\"members\":10,\"sections\":["
            + "{\"id\":\"mayor\",\"title\":\"市长\",\"post\":\"chief\",\"seats\":1,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"}]},"
            + "{\"id\":\"vice\",\"title\":\"副市长\",\"seats\":2,\"candidates\":[{\"id\":\"d1\",\"name\":\"乙\"},"
            + "{\"id\":\"d2\",\"name\":\"丙\"},{\"id\":\"d3\",\"name\":\"丁\"}]}]}";
    Announcement a =
        announce(
            spec,
            9,
            8,
            concat(
                times(5, "{\"marks\":{\"mayor\":{\"c1\":\"for\"},\"vice\":{\"d1\":\"for\"}}}"),
                times(1, "{\"marks\":{\"vice\":{\"d1\":\"for\",\"d2\":\"for\"}}}")));
    assertEquals(
        "本次选举发出选票8张，收回6张，收回的选票少于发出的选票，选举有效。市长：有效票6张，无效票0张。甲得赞成票5张，反对票0张，弃权票1张。"
            + "没有人得票超过全体代表半数，无人当选。尚有1个名额未选出，需另行选举，候选人按得票多少为甲，另需提名候选人。"
            + "副市长：有效票6张，无效票0张。乙得赞成票6张，反对票0张，弃权票0张；丙得赞成票1张，反对票0张，弃权票5张；丁得赞成票0张，反对票0张，弃权票6张。"
            + "根据选举办法，得票超过全体代表半数的乙当选。尚有1个名额未选出，需另行选举，候选人按得票多少为丙、丁。",
        a.zh());
    assertEquals(
        "Ballots issued: 8; returned: 6. The election is valid. 市长: 6 valid, 0 void. 甲: 5 for, 0 against, 1 abstaining. "
            + "No one received votes from more than half of all members: no one elected. "
            + "1 seat(s) unfilled: a runoff is needed, proposed candidates: 甲; further nominations are needed. "
            + "副市长: 6 valid, 0 void. 乙: 6 for, 0 against, 0 abstaining; 丙: 1 for, 0 against, 5 abstaining; 丁: 0 for, 0 against, 6 abstaining. "
            + "Elected (votes from more than half of all members): 乙. 1 seat(s) unfilled: a runoff is needed, proposed candidates: 丙, 丁.",
        a.en());
  }

  @Test
  void selectionNamesTheSelectedInOrderAndTheTie() throws MalformedException {
    String spec =
        "{\"id\":\"p\",\"kind\":\"selection\",\"members\":10,\"select\":2,\"items\":[{\"id\":\"p1\",\"title\":\"学校\"},"
            + "{\"id\":\"p2\",\"title\":\"道路\"},{\"id\":\"p3\",\"title\":\"诊所\"}]}";
    Announcement a =
        announce(
            spec,
            9,
            9,
            concat(
                times(7, "{\"marks\":{\"p1\":\"for\",\"p2\":\"for\"}}"),
                times(6, "{\"marks\":{\"p1\":\"for\",\"p3\":\"for\"}}"),
                times(1, "{\"marks\":{\"p3\":\"for\"}}")));
    assertEquals("应到代表10人，实到9人。发出票9张，收回14张，有效票14张，无效票0张。收回的票多于发出的票，本次票决无效。", a.zh());
    Announcement valid =
        announce(
            spec,
            14,
            14,
            concat(
                times(7, "{\"marks\":{\"p1\":\"for\",\"p2\":\"for\"}}"),
                times(6, "{\"marks\":{\"p1\":\"for\",\"p3\":\"for\"}}"),
                times(1, "{\"marks\":{\"p3\":\"for\"}}")));
    assertEquals(
        "应到代表10人，实到14人。发出票14张，收回14张，有效票14张，无效票0张。按得票多少，学校（赞成13票）确定为民生实事项目。"
            + "道路、诊所得票相等，需就1个名额再次投票。",
        valid.zh());
    assertEquals(
        "Members: 10; present: 14. Ballots issued: 14; returned: 14; valid: 14; void: 0. Selected, by votes: 学校 (13 for). "
            + "道路, 诊所 tied: a revote among them for 1 place(s).",
        valid.en());
  }

  @Test
  void ratingLeadsWithTheFigureOfItsModel() throws MalformedException {
    String spec =
        "{\"id\":\"r\",\"kind\":\"rating\",\"members\":7,\"model\":\"rate\",\"items\":[{\"id\":\"o1\",\"title\":\"市交通局\"},"
            + "{\"id\":\"o2\",\"title\":\"市卫健委\"}]}";
    String[] lines = {
      "{\"marks\":{\"o1\":\"satisfied\",\"o2\":\"blank\"}}",
      "{\"marks\":{\"o1\":\"basically\"}}",
      "{\"marks\":{\"o1\":\"dissatisfied\"}}"
    };
    Announcement rate = announce(spec, 3, 3, lines);
    assertEquals(
        "应到代表7人，实到3人。收回测评票3张。市交通局：满意1票，基本满意1票，不满意1票，未评0票；满意率（含基本满意）66.67%，其中满意33.33%，测评等次：不满意。"
            + "市卫健委：满意0票，基本满意0票，不满意0票，未评3票；无有效评价，测评等次：无。",
        rate.zh());
    Announcement grade = announce(spec.replace("\"rate\"", "\"grade\""), 3, 3, lines);
    assertEquals(
        "应到代表7人，实到3人。收回测评票3张。市交通局：满意1票，基本满意1票，不满意1票，未评0票；测评等次：不满意，满意率（含基本满意）66.67%，其中满意33.33%。"
            + "市卫健委：满意0票，基本满意0票，不满意0票，未评3票；测评等次：无，无有效评价。",
        grade.zh());
    assertEquals(
        "Members: 7; present: 3. Ballots returned: 3. 市交通局: 1 satisfied, 1 basically satisfied, 1 dissatisfied, 0 blank; "
            + "grade: dissatisfied, satisfied or basically satisfied 66.67%, satisfied 33.33%. "
            + "市卫健委: 0 satisfied, 0 basically satisfied, 0 dissatisfied, 3 blank; grade: none, no valid ratings.",
        grade.en());
  }
}
