package org.votehall.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Random specs and ballots of every kind, from a seed, for the property tests. */
final class RandomBallots {
  private static final String[] NAMES = {"王五", "赵六", " 王五\u3000", "孙七", "甲", "", "\u3000"};
  private static final Choice[] CHOICES = Choice.values();

  private final Random random;

  RandomBallots(long seed) {
    this.random = new Random(seed);
  }

  Threshold threshold() {
    ThresholdBase base = ThresholdBase.values()[random.nextInt(3)];
    Fraction fraction = random.nextBoolean() ? Fraction.HALF : Fraction.TWO_THIRDS;
    return new Threshold(base, fraction, random.nextBoolean());
  }

  BallotHeader header(String id, Round round) {
    return new BallotHeader(
        id, id, true, 5 + random.nextInt(40), threshold(), round, Optional.empty());
  }

  ElectionSpec election() {
    List<Section> sections = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int s = 0; s < count; s++) {
      int seats = 1 + random.nextInt(4);
      List<Candidate> candidates = new ArrayList<>();
      int n = seats + random.nextInt(4);
      for (int c = 0; c < n; c++) {
        candidates.add(new Candidate("c" + c, "候选人" + c));
      }
      WriteInRule rule = new WriteInRule(random.nextInt(4) > 0, random.nextInt(4) > 0);
      sections.add(
          new Section(
              "s" + s, "职位" + s, Post.values()[random.nextInt(3)], seats, candidates, rule));
    }
    Round round = random.nextInt(5) == 0 ? Round.RUNOFF : Round.FIRST;
    return new ElectionSpec(header("e", round), sections, random.nextInt(4) == 0);
  }

  ElectionMarks electionBallot(ElectionSpec spec) {
    Map<String, Map<String, Choice>> marks = new HashMap<>();
    Map<String, List<String>> writeIns = new HashMap<>();
    for (Section s : spec.sections()) {
      Map<String, Choice> m = new HashMap<>();
      // Mostly sparse ballots, so that many sections stay valid and outcomes vary.
      for (Candidate c : s.candidates()) {
        if (random.nextInt(3) == 0) {
          m.put(c.id(), CHOICES[random.nextInt(3)]);
        }
      }
      marks.put(s.id(), m);
      if (random.nextInt(5) == 0) {
        writeIns.put(s.id(), List.of(NAMES[random.nextInt(NAMES.length)]));
      }
    }
    return new ElectionMarks(marks, writeIns);
  }

  /** A ballot void in every section: the same name written in twice is always irregular. */
  static ElectionMarks voidElectionBallot(ElectionSpec spec) {
    Map<String, List<String>> writeIns = new HashMap<>();
    spec.sections().forEach(s -> writeIns.put(s.id(), List.of("某某", "某某")));
    return new ElectionMarks(Map.of(), writeIns);
  }

  SelectionSpec selection() {
    int k = 1 + random.nextInt(4);
    int n = k + 1 + random.nextInt(4);
    Round round = random.nextInt(5) == 0 ? Round.TIE : Round.FIRST;
    return new SelectionSpec(header("p", round), items("p", n), k);
  }

  ItemMarks itemBallot(List<Item> items, int bias) {
    Map<String, Choice> m = new HashMap<>();
    for (Item i : items) {
      int r = random.nextInt(bias + 3);
      m.put(i.id(), r < bias ? Choice.FOR : CHOICES[random.nextInt(3)]);
    }
    return new ItemMarks(m);
  }

  /**
   * A selection ballot with every project {@code for}: more than K, so void (docs/voting-rules.md
   * §3).
   */
  static ItemMarks voidSelectionBallot(SelectionSpec spec) {
    Map<String, Choice> m = new HashMap<>();
    spec.items().forEach(i -> m.put(i.id(), Choice.FOR));
    return new ItemMarks(m);
  }

  MotionSpec motion() {
    return new MotionSpec(
        header("m", Round.FIRST), items("m", 1 + random.nextInt(3)), random.nextBoolean());
  }

  RatingSpec rating() {
    return new RatingSpec(
        header("r", Round.FIRST),
        items("r", 1 + random.nextInt(3)),
        RatingModel.values()[random.nextInt(2)]);
  }

  RatingMarks ratingBallot(RatingSpec spec) {
    Map<String, Satisfaction> m = new HashMap<>();
    for (Item i : spec.items()) {
      m.put(i.id(), Satisfaction.values()[random.nextInt(4)]);
    }
    return new RatingMarks(m);
  }

  int count(int max) {
    return random.nextInt(max + 1);
  }

  <T> List<T> shuffled(List<T> in) {
    List<T> out = new ArrayList<>(in);
    java.util.Collections.shuffle(out, random);
    return out;
  }

  private static List<Item> items(String prefix, int n) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new Item(prefix + i, "项目" + i));
    }
    return items;
  }
}
