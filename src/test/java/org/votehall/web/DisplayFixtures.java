package org.votehall.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.votehall.format.BallotFile;
import org.votehall.format.MalformedException;
import org.votehall.format.ResultJson;
import org.votehall.format.SpecJson;
import org.votehall.hall.FollowUps;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Quorum;
import org.votehall.rules.Recount;

/**
 * The sitting statuses the hall screen is shown in {@link DisplayResultsIT}: a congress of 327
 * members, 314 present. Nothing in a result is written by hand. Each ballot has a spec
 * (src/test/resources/web/display/specs, docs/formats.md) and a file of ballots generated here to
 * give the tallies written below; the result is what the rules engine computes from the two, read
 * and counted as {@code recount} does ({@link SpecJson}, {@link BallotFile}, {@link Recount},
 * {@link ResultJson}). The tie revote's spec is the one the server defines from the first round's
 * result ({@link FollowUps#tie}).
 */
final class DisplayFixtures {
  static final String SITTING = "hall";
  static final String TITLE = "某市第十七届人民代表大会第三次会议";
  static final int MEMBERS = 327;
  static final int PRESENT = 314;
  static final String TIE_ROUND = "officers-2027-r2";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DisplayFixtures() {}

  /** A ballot as counted: its spec, the ballot lines and the engine's result. */
  record Counted(String spec, List<String> ballots, int present, int issued, ObjectNode result) {
    String id() {
      return result.path("ballot").asText();
    }
  }

  /**
   * The ballots of every fixture by name (election, runoff, selection, rating, motion, void), the
   * one on screen last.
   */
  static Map<String, List<Counted>> sittings() {
    Counted election = election();
    Map<String, List<Counted>> sittings = new LinkedHashMap<>();
    sittings.put("election", List.of(election));
    sittings.put("runoff", List.of(election, tieRound(election)));
    sittings.put("selection", List.of(selection()));
    sittings.put("rating", List.of(rating()));
    sittings.put("motion", List.of(motion()));
    sittings.put("void", List.of(voidMotion()));
    return sittings;
  }

  /** Every fixture by name: the sitting status the page is fed. */
  static ObjectNode all() {
    ObjectNode all = JSON.createObjectNode();
    sittings().forEach((name, ballots) -> all.set(name, status(ballots)));
    return all;
  }

  /**
   * 市长 (one seat, one candidate) and 副市长 (four seats, five candidates): 丁 and 戊 tie for the last
   * seat; two ballots write in 王五 against 戊; one ballot is void in both sections.
   */
  static Counted election() {
    int valid = PRESENT - 1;
    List<ObjectNode> mayor = spread(valid, List.of(votes("m1", 305, 3)));
    List<ObjectNode> vice =
        spread(
            valid,
            List.of(
                votes("c1", 300, 0),
                votes("c2", 280, 0),
                votes("c3", 250, 0),
                votes("c4", 200, 0),
                votes("c5", 200, 2)));
    List<List<String>> writeIns = writeIn(vice, "王五", 2, 4);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < valid; i++) {
      ObjectNode line = JSON.createObjectNode();
      ObjectNode marks = line.putObject("marks");
      marks.set("mayor", mayor.get(i));
      marks.set("vice-mayor", vice.get(i));
      if (!writeIns.get(i).isEmpty()) {
        ArrayNode names = line.putObject("writeIns").putArray("vice-mayor");
        writeIns.get(i).forEach(names::add);
      }
      lines.add(line.toString());
    }
    // Void in both sections: two names written in against one candidate; five for four seats.
    lines.add(
        "{\"marks\":{\"mayor\":{\"m1\":\"against\"},"
            + "\"vice-mayor\":{\"c1\":\"for\",\"c2\":\"for\",\"c3\":\"for\",\"c4\":\"for\",\"c5\":\"for\"}},"
            + "\"writeIns\":{\"mayor\":[\"张三\",\"李四\"]}}");
    return count(spec("election"), lines, PRESENT, PRESENT);
  }

  /** The tie revote the clerk defines from the election's result: 丁 takes the seat. */
  static Counted tieRound(Counted first) {
    ObjectNode spec =
        FollowUps.tie(read(first.spec()), first.result(), TIE_ROUND)
            .orElseThrow(() -> new IllegalStateException("the election has no boundary tie"));
    List<ObjectNode> vice = spread(PRESENT, List.of(votes("c4", 176, 4), votes("c5", 131, 6)));
    List<String> lines = new ArrayList<>();
    for (ObjectNode marks : vice) {
      ObjectNode line = JSON.createObjectNode();
      line.putObject("marks").set("vice-mayor", marks);
      lines.add(line.toString());
    }
    return count(spec.toString(), lines, PRESENT, PRESENT);
  }

  /** Twelve projects for eight places; one ballot marks nine and is void. */
  static Counted selection() {
    int valid = PRESENT - 1;
    int[] votesFor = {270, 262, 254, 243, 232, 221, 210, 199, 186, 165, 138, 120};
    List<Tally> tallies = new ArrayList<>();
    for (int p = 0; p < votesFor.length; p++) {
      tallies.add(votes("p" + (p + 1), votesFor[p], 10));
    }
    List<String> lines = new ArrayList<>(lines(spread(valid, tallies)));
    ObjectNode over = JSON.createObjectNode();
    IntStream.rangeClosed(1, 9).forEach(p -> over.put("p" + p, "for"));
    lines.add(marksLine(over));
    return count(spec("selection"), lines, PRESENT, PRESENT);
  }

  /** Six items, each left blank on four ballots. */
  static Counted rating() {
    List<Tally> tallies =
        List.of(
            rated("r1", 200, 90, 20),
            rated("r2", 150, 120, 40),
            rated("r3", 120, 140, 50),
            rated("r4", 170, 100, 40),
            rated("r5", 90, 150, 70),
            rated("r6", 40, 100, 170));
    return count(spec("rating"), lines(spread(PRESENT, tallies)), PRESENT, PRESENT);
  }

  /** A recorded motion that passes; fourteen of those present do not press. */
  static Counted motion() {
    List<ObjectNode> marks = spread(300, List.of(votes("budget", 270, 20)));
    return count(spec("motion"), lines(marks), PRESENT, PRESENT);
  }

  /** A motion with a participation quorum that only 120 take part in. */
  static Counted voidMotion() {
    List<ObjectNode> marks = spread(120, List.of(votes("plan", 100, 10)));
    return count(spec("void"), lines(marks), PRESENT, PRESENT);
  }

  /**
   * What one option (an item, a candidate) is to get, mark by mark; the rest of the ballots
   * abstain.
   */
  record Tally(String id, List<String> words, List<Integer> counts) {}

  static Tally votes(String id, int votesFor, int against) {
    return new Tally(id, List.of("for", "against"), List.of(votesFor, against));
  }

  static Tally rated(String id, int satisfied, int basically, int dissatisfied) {
    return new Tally(
        id,
        List.of("satisfied", "basically", "dissatisfied"),
        List.of(satisfied, basically, dissatisfied));
  }

  /**
   * The marks of {@code n} ballots (one object of option id → word each) that give every option
   * exactly its tally. Each mark goes to the ballots that have the fewest first-word marks so far
   * (then the lowest index), so the {@code for} marks are spread evenly: no ballot carries more
   * than ⌈Σ for / n⌉ of them.
   */
  static List<ObjectNode> spread(int n, List<Tally> tallies) {
    List<ObjectNode> marks = IntStream.range(0, n).mapToObj(i -> JSON.createObjectNode()).toList();
    int[] load = new int[n];
    for (Tally t : tallies) {
      for (int w = 0; w < t.words().size(); w++) {
        int wanted = t.counts().get(w);
        List<Integer> free =
            IntStream.range(0, n)
                .filter(i -> !marks.get(i).has(t.id()))
                .boxed()
                .sorted(Comparator.comparingInt(i -> load[i]))
                .toList();
        if (free.size() < wanted) {
          throw new IllegalArgumentException(t + " does not fit on " + n + " ballots");
        }
        for (int i : free.subList(0, wanted)) {
          marks.get(i).put(t.id(), t.words().get(w));
          load[i] += w == 0 ? 1 : 0;
        }
      }
    }
    return marks;
  }

  /**
   * Writes {@code name} in on {@code votes} ballots of an election section, each one that has an
   * {@code against} to spare for it and room among its {@code seats}: the write-ins of each ballot.
   */
  static List<List<String>> writeIn(List<ObjectNode> section, String name, int votes, int seats) {
    List<List<String>> writeIns = new ArrayList<>();
    section.forEach(m -> writeIns.add(new ArrayList<>()));
    int given = 0;
    for (int i = 0; i < section.size() && given < votes; i++) {
      if (marked(section.get(i), "against") > 0 && marked(section.get(i), "for") < seats) {
        writeIns.get(i).add(name);
        given++;
      }
    }
    if (given < votes) {
      throw new IllegalArgumentException("no room to write in " + name + " " + votes + " times");
    }
    return writeIns;
  }

  private static long marked(ObjectNode marks, String word) {
    long n = 0;
    for (JsonNode mark : marks) {
      n += word.equals(mark.asText()) ? 1 : 0;
    }
    return n;
  }

  private static List<String> lines(List<ObjectNode> marks) {
    return marks.stream().map(DisplayFixtures::marksLine).toList();
  }

  private static String marksLine(ObjectNode marks) {
    ObjectNode line = JSON.createObjectNode();
    line.set("marks", marks);
    return line.toString();
  }

  /** Reads the spec and the ballot lines as {@code recount} does, and counts them. */
  static Counted count(String specJson, List<String> ballots, int present, int issued) {
    try {
      BallotSpec spec = SpecJson.parse(specJson);
      BallotFile.Ballots read =
          BallotFile.read(spec, new BufferedReader(new StringReader(String.join("\n", ballots))));
      if (!read.errors().isEmpty()) {
        throw new IllegalStateException("malformed ballots: " + read.errors());
      }
      return new Counted(
          specJson,
          ballots,
          present,
          issued,
          ResultJson.toJson(Recount.of(spec, present, issued, read.marks())));
    } catch (MalformedException e) {
      throw new IllegalStateException("spec: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The sitting's status as GET /api/sittings/hall/status has it (HallRoutes.status): every ballot
   * announced, the last one on screen.
   */
  static ObjectNode status(List<Counted> ballots) {
    ObjectNode status = JSON.createObjectNode();
    status.put("sitting", SITTING).put("members", MEMBERS).put("present", PRESENT);
    status.put("quorumRequired", Quorum.CONGRESS.required(MEMBERS));
    status.put("quorumMet", Quorum.CONGRESS.isMet(PRESENT, MEMBERS));
    status.put("title", TITLE);
    ArrayNode list = status.putArray("ballots");
    for (Counted b : ballots) {
      JsonNode spec = read(b.spec());
      String kind = spec.path("kind").asText();
      ObjectNode entry = list.addObject();
      entry.put("id", b.id()).put("sitting", SITTING).put("status", "announced");
      entry.putNull("spec");
      entry.putArray("blindKeys");
      entry.putNull("note");
      entry.put("closesAt", 0);
      entry.put("kind", kind);
      entry.put("secret", spec.path("secret").asBoolean(!"motion".equals(kind)));
      entry.put("title", spec.path("title").asText(null));
      entry.put("round", spec.path("round").asText("first"));
      entry.put("follows", spec.path("follows").asText(null));
      entry.set("result", b.result());
    }
    status.put("current", ballots.get(ballots.size() - 1).id());
    return status;
  }

  static String spec(String name) {
    try (InputStream in =
        DisplayFixtures.class.getResourceAsStream("/web/display/specs/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
