package org.votehall.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Choice;
import org.votehall.rules.ElectionMarks;
import org.votehall.rules.ElectionSpec;
import org.votehall.rules.ItemMarks;
import org.votehall.rules.Marks;
import org.votehall.rules.MarksCheck;
import org.votehall.rules.RatingMarks;
import org.votehall.rules.RatingSpec;
import org.votehall.rules.Satisfaction;

/**
 * Reads the marks of one cast ballot (docs/formats.md, "Marks") for a given spec. Unknown items,
 * sections, candidates or words, a missing {@code marks}, or {@code writeIns} outside an election
 * make it malformed; extra top-level fields are allowed.
 */
public final class MarksJson {
  private MarksJson() {}

  public static Marks parse(BallotSpec spec, String text) throws MalformedException {
    Fields root = new Fields(Json.object(text), "");
    if (!root.has("marks")) {
      throw root.missing("marks");
    }
    Fields marks = root.object("marks");
    Marks parsed;
    if (spec instanceof ElectionSpec) {
      parsed = new ElectionMarks(sectionMarks(marks), writeIns(root.object("writeIns")));
    } else if (root.node().has("writeIns")) {
      throw new MalformedException("writeIns", "only an election ballot takes write-ins");
    } else if (spec instanceof RatingSpec) {
      parsed = new RatingMarks(words(marks, Satisfaction.class));
    } else {
      parsed = new ItemMarks(words(marks, Choice.class));
    }
    var problem = MarksCheck.problem(spec, parsed);
    if (problem.isPresent()) {
      throw new MalformedException(problem.get());
    }
    return parsed;
  }

  private static <E extends Enum<E>> Map<String, E> words(Fields object, Class<E> type)
      throws MalformedException {
    Map<String, E> out = new LinkedHashMap<>();
    var it = object.node().fieldNames();
    while (it.hasNext()) {
      String key = it.next();
      JsonNode v = object.node().get(key);
      if (!v.isTextual()) {
        throw object.wrongType(key, "one of " + Words.all(type), v);
      }
      E word = object.word(key, type, null);
      out.put(key, word);
    }
    return out;
  }

  private static Map<String, Map<String, Choice>> sectionMarks(Fields marks)
      throws MalformedException {
    Map<String, Map<String, Choice>> out = new LinkedHashMap<>();
    var it = marks.node().fieldNames();
    while (it.hasNext()) {
      String section = it.next();
      JsonNode v = marks.node().get(section);
      if (!v.isObject()) {
        throw marks.wrongType(section, "an object of candidate marks", v);
      }
      out.put(section, words(marks.object(section), Choice.class));
    }
    return out;
  }

  private static Map<String, List<String>> writeIns(Fields writeIns) throws MalformedException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    var it = writeIns.node().fieldNames();
    while (it.hasNext()) {
      String section = it.next();
      JsonNode names = writeIns.node().get(section);
      if (!names.isArray()) {
        throw writeIns.wrongType(section, "an array of names", names);
      }
      List<String> list = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (!names.get(i).isTextual()) {
          throw new MalformedException(
              writeIns.path(section) + "[" + i + "]",
              "expected a name, found " + Fields.shown(names.get(i)));
        }
        list.add(names.get(i).asText());
      }
      out.put(section, list);
    }
    return out;
  }
}
