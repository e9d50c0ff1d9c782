package org.votehall.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The ballot a simulation defines and the marks each deputy casts on it, one plan per kind: a
 * motion of two items, an election of one section (two seats, three candidates, a write-in on every
 * tenth ballot), a selection of two projects among five, a rating of three items. The marks are a
 * fixed function of the deputy's number and the seed, so a run can be repeated; every cast is
 * well-formed (never over-selected), and the rules decide what counts.
 */
public final class BallotPlan {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CHOICES = {"for", "against", "abstain"};
  private static final String[] SATISFACTION = {"satisfied", "basically", "dissatisfied", "blank"};
  private static final int ELECTION_SEATS = 2;
  private static final int SELECTION_ITEMS = 5;
  private static final int SELECT = 2;

  /** The four kinds of ballot (docs/formats.md). */
  public enum Kind {
    MOTION,
    ELECTION,
    SELECTION,
    RATING;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final boolean secret;
  private final String id;
  private final int members;
  private final long seed;

  /**
   * @param secret whether the ballot is secret; an election always is
   */
  public BallotPlan(Kind kind, boolean secret, String id, int members, long seed) {
    if (kind == Kind.ELECTION && !secret) {
      throw new IllegalArgumentException("an election is always secret (docs/formats.md)");
    }
    this.kind = kind;
    this.secret = secret;
    this.id = id;
    this.members = members;
    this.seed = seed;
  }

  /** Secret by default, except a motion (docs/formats.md, "secret"). */
  public static boolean secretByDefault(Kind kind) {
    return kind != Kind.MOTION;
  }

  public Kind kind() {
    return kind;
  }

  public boolean secret() {
    return secret;
  }

  public String id() {
    return id;
  }

  /** The ballot spec (docs/formats.md, "Ballot spec"). */
  public ObjectNode spec() {
    ObjectNode spec =
        JSON.createObjectNode()
            .put("id", id)
            .put("kind", kind.word())
            .put("title", "simulate " + kind.word())
            .put("secret", secret)
            .put("members", members);
    switch (kind) {
      case MOTION -> spec.set("items", items("m", 2));
      case ELECTION -> spec.set("sections", JSON.createArrayNode().add(section()));
      case SELECTION -> spec.put("select", SELECT).set("items", items("p", SELECTION_ITEMS));
      case RATING -> spec.put("model", "grade").set("items", items("r", 3));
    }
    return spec;
  }

  private static ArrayNode items(String prefix, int n) {
    ArrayNode items = JSON.createArrayNode();
    for (int i = 1; i <= n; i++) {
      items.addObject().put("id", prefix + i).put("title", "item " + prefix + i);
    }
    return items;
  }

  private static ObjectNode section() {
    ObjectNode section =
        JSON.createObjectNode()
            .put("id", "s1")
            .put("title", "副主任")
            .put("post", "vice")
            .put("seats", ELECTION_SEATS);
    ArrayNode candidates = section.putArray("candidates");
    String[] names = {"张明", "李华", "王芳"};
    for (int i = 0; i < names.length; i++) {
      candidates.addObject().put("id", "c" + (i + 1)).put("name", names[i]);
    }
    return section;
  }

  /**
   * The marks object (docs/formats.md, "Marks") deputy number {@code deputy} (0, 1, …) casts:
   * {@code {"marks": …}}, and {@code "writeIns"} on some election ballots.
   */
  public ObjectNode marks(int deputy) {
    ObjectNode ballot = JSON.createObjectNode();
    ObjectNode marks = ballot.putObject("marks");
    switch (kind) {
      case MOTION -> {
        marks.put("m1", choice(deputy, 1));
        marks.put("m2", choice(deputy, 2));
      }
      case ELECTION -> election(deputy, ballot, marks.putObject("s1"));
      case SELECTION -> selection(deputy, marks);
      case RATING -> {
        for (int i = 1; i <= 3; i++) {
          marks.put("r" + i, SATISFACTION[(int) Long.remainderUnsigned(mix(deputy, i), 4)]);
        }
      }
    }
    return ballot;
  }

  /** Mostly for, some against, a few abstentions. */
  private String choice(int deputy, int salt) {
    long r = Long.remainderUnsigned(mix(deputy, salt), 10);
    return CHOICES[r < 7 ? 0 : r < 9 ? 1 : 2];
  }

  /** At most two for (the seats); every tenth ballot writes in 王五 against 王芳. */
  private void election(int deputy, ObjectNode ballot, ObjectNode section) {
    if (deputy % 10 == 9) {
      section.put("c1", "for").put("c3", "against");
      ballot.putObject("writeIns").putArray("s1").add("王五");
      return;
    }
    int fors = 0;
    for (int c = 1; c <= 3; c++) {
      String word = choice(deputy, 10 + c);
      if ("for".equals(word) && ++fors > ELECTION_SEATS) {
        word = "against";
      }
      section.put("c" + c, word);
    }
  }

  /** Exactly {@link #SELECT} projects for, the others against or left blank. */
  private void selection(int deputy, ObjectNode marks) {
    int first = (int) Long.remainderUnsigned(mix(deputy, 20), SELECTION_ITEMS);
    int second = (first + 1 + (int) Long.remainderUnsigned(mix(deputy, 21), SELECTION_ITEMS - 1));
    second %= SELECTION_ITEMS;
    for (int i = 0; i < SELECTION_ITEMS; i++) {
      if (i == first || i == second) {
        marks.put("p" + (i + 1), "for");
      } else if (Long.remainderUnsigned(mix(deputy, 30 + i), 2) == 0) {
        marks.put("p" + (i + 1), "against");
      }
    }
  }

  /** SplitMix64 of the seed, the deputy and a salt: a fixed, well-spread choice. */
  private long mix(int deputy, int salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (deputy * 64L + salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
