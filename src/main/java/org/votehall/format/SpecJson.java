package org.votehall.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.votehall.rules.BallotHeader;
import org.votehall.rules.BallotKind;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Candidate;
import org.votehall.rules.ElectionSpec;
import org.votehall.rules.Fraction;
import org.votehall.rules.InvalidSpecException;
import org.votehall.rules.Item;
import org.votehall.rules.MotionSpec;
import org.votehall.rules.Post;
import org.votehall.rules.RatingModel;
import org.votehall.rules.RatingSpec;
import org.votehall.rules.Round;
import org.votehall.rules.Section;
import org.votehall.rules.SelectionSpec;
import org.votehall.rules.Threshold;
import org.votehall.rules.ThresholdBase;
import org.votehall.rules.WriteInRule;

/**
 * Reads a ballot spec (docs/formats.md, "Ballot spec"); refuses a malformed one naming the field.
 */
public final class SpecJson {
  private static final Pattern FRACTION = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})");

  private SpecJson() {}

  public static BallotSpec parse(String text) throws MalformedException {
    Fields root = new Fields(Json.object(text), "");
    BallotKind kind = root.word("kind", BallotKind.class, null);
    if (kind == null) {
      throw root.missing("kind");
    }
    BallotHeader header = header(root, kind);
    return switch (kind) {
      case MOTION -> {
        List<Item> items = items(root);
        boolean quorum = root.bool("participationQuorum", false);
        yield built("", () -> new MotionSpec(header, items, quorum));
      }
      case ELECTION -> {
        List<Section> sections = sections(root);
        boolean wholeBallotVoid = root.bool("wholeBallotVoid", false);
        yield built("", () -> new ElectionSpec(header, sections, wholeBallotVoid));
      }
      case SELECTION -> {
        List<Item> items = items(root);
        int select = root.integer("select");
        yield built("", () -> new SelectionSpec(header, items, select));
      }
      case RATING -> {
        List<Item> items = items(root);
        RatingModel model = root.word("model", RatingModel.class, RatingModel.GRADE);
        yield built("", () -> new RatingSpec(header, items, model));
      }
    };
  }

  private static BallotHeader header(Fields root, BallotKind kind) throws MalformedException {
    String id = root.string("id");
    String title = root.optionalString("title").orElse(null);
    boolean secret = root.bool("secret", kind != BallotKind.MOTION);
    int members = root.integer("members");
    Threshold threshold = threshold(root.object("threshold"));
    Round round = root.word("round", Round.class, Round.FIRST);
    Optional<String> follows = root.optionalString("follows");
    return built("", () -> new BallotHeader(id, title, secret, members, threshold, round, follows));
  }

  private static Threshold threshold(Fields t) throws MalformedException {
    ThresholdBase base = t.word("base", ThresholdBase.class, ThresholdBase.MEMBERS);
    String text = t.optionalString("fraction").orElse("1/2");
    Matcher m = FRACTION.matcher(text);
    if (!m.matches()) {
      throw new MalformedException(
          t.path("fraction"), "expected \"p/q\", e.g. \"1/2\" or \"2/3\", found \"" + text + "\"");
    }
    boolean strict = t.bool("strict", true);
    Fraction fraction =
        built(
            t.path("fraction"),
            () -> new Fraction(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    return new Threshold(base, fraction, strict);
  }

  private static List<Item> items(Fields root) throws MalformedException {
    List<Item> items = new ArrayList<>();
    for (Fields f : root.objects("items")) {
      String id = f.string("id");
      String title = f.optionalString("title").orElse(null);
      items.add(built(f.path(), () -> new Item(id, title)));
    }
    return items;
  }

  private static List<Section> sections(Fields root) throws MalformedException {
    List<Section> sections = new ArrayList<>();
    for (Fields f : root.objects("sections")) {
      String id = f.string("id");
      String title = f.optionalString("title").orElse(null);
      Post post = f.word("post", Post.class, Post.VICE);
      int seats = f.integer("seats");
      List<Candidate> candidates = candidates(f);
      Fields w = f.object("writeIns");
      WriteInRule writeIns =
          new WriteInRule(w.bool("allowed", true), w.bool("requireAgainst", true));
      sections.add(
          built(f.path(), () -> new Section(id, title, post, seats, candidates, writeIns)));
    }
    return sections;
  }

  private static List<Candidate> candidates(Fields section) throws MalformedException {
    List<Candidate> candidates = new ArrayList<>();
    for (Fields f : section.objects("candidates")) {
      String id = f.string("id");
      String name = f.string("name");
      candidates.add(built(f.path(), () -> new Candidate(id, name)));
    }
    return candidates;
  }

  /** Runs a rules constructor, turning its refusal into one that names the field from the root. */
  private static <T> T built(String path, Supplier<T> constructor) throws MalformedException {
    try {
      return constructor.get();
    } catch (InvalidSpecException e) {
      throw new MalformedException(path.isEmpty() ? e.getMessage() : e.under(path).getMessage());
    } catch (IllegalArgumentException e) {
      throw new MalformedException(path, e.getMessage());
    }
  }
}
