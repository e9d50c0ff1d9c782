package org.votehall.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small specs of each kind and random ballot lines for them, for the bundle tests. */
public final class Ballots {
  public static final String MOTION =
      "{\"id\":\"appoint-2027\",\"kind\":\"motion\",\"title\":\"任命表决\",\"members\":30,"
          + "\"items\":[{\"id\":\"m1\",\"title\":\"任命张三\"},{\"id\":\"m2\",\"title\":\"任命李四\"}]}";
  public static final String ELECTION =
      "{\"id\":\"vice-mayor-2027\",\"kind\":\"election\",\"title\":\"副市长选举\",\"members\":30,\"sections\":[{\"id\":\"vice\","
          + "\"title\":\"副市长\",\"seats\":2,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"},"
          + "{\"id\":\"c3\",\"name\":\"丙\"}]}]}";
  public static final String SELECTION =
      "{\"id\":\"projects-2027\",\"kind\":\"selection\",\"title\":\"民生实事项目票决\",\"members\":30,\"select\":2,"
          + "\"items\":[{\"id\":\"p1\",\"title\":\"学校\"},{\"id\":\"p2\",\"title\":\"道路\"},{\"id\":\"p3\",\"title\":\"诊所\"}]}";
  public static final String RATING =
      "{\"id\":\"rating-2026\",\"kind\":\"rating\",\"title\":\"满意度测评\",\"members\":30,"
          + "\"items\":[{\"id\":\"r1\",\"title\":\"学校\"},{\"id\":\"r2\",\"title\":\"道路\"}]}";

  private Ballots() {}

  public static String spec(String kind) {
    return switch (kind) {
      case "motion" -> MOTION;
      case "election" -> ELECTION;
      case "selection" -> SELECTION;
      default -> RATING;
    };
  }

  public static List<String> lines(String kind, int n, long seed) {
    Random r = new Random(seed);
    String[] choices = {"for", "against", "abstain"};
    String[] ratings = {"satisfied", "basically", "dissatisfied", "blank"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = 1 + r.nextInt(3);
      int b = 1 + (a + r.nextInt(2)) % 3; // another of the three
      out.add(
          switch (kind) {
            case "motion" ->
                "{\"marks\":{\"m1\":\""
                    + choices[r.nextInt(3)]
                    + "\",\"m2\":\""
                    + choices[r.nextInt(3)]
                    + "\"}}";
            case "election" ->
                i % 5 == 4
                    ? "{\"marks\":{\"vice\":{\"c1\":\"for\",\"c3\":\"against\"}},\"writeIns\":{\"vice\":[\"王五\"]}}"
                    : "{\"marks\":{\"vice\":{\"c"
                        + a
                        + "\":\"for\",\"c"
                        + b
                        + "\":\""
                        + choices[r.nextInt(3)]
                        + "\"}}}";
            case "selection" -> "{\"marks\":{\"p" + a + "\":\"for\",\"p" + b + "\":\"against\"}}";
            default ->
                "{\"marks\":{\"r1\":\""
                    + ratings[r.nextInt(4)]
                    + "\",\"r2\":\""
                    + ratings[r.nextInt(3)]
                    + "\"}}";
          });
    }
    return out;
  }
}
