package org.votehall.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.votehall.rules.BallotResult;
import org.votehall.rules.CandidateTally;
import org.votehall.rules.ChoiceCount;
import org.votehall.rules.ElectionResult;
import org.votehall.rules.Figures;
import org.votehall.rules.ItemTally;
import org.votehall.rules.MotionResult;
import org.votehall.rules.ProjectTally;
import org.votehall.rules.RankedProject;
import org.votehall.rules.RatingResult;
import org.votehall.rules.RatingTally;
import org.votehall.rules.SectionResult;
import org.votehall.rules.SelectionResult;
import org.votehall.rules.Tie;
import org.votehall.rules.WriteInTally;

/** Writes a result as docs/formats.md names its fields, in that order. */
public final class ResultJson {
  private ResultJson() {}

  public static String pretty(BallotResult result) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(result));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toJson(BallotResult result) {
    ObjectNode out = figures(result.figures());
    if (result instanceof MotionResult m) {
      ArrayNode items = out.putArray("items");
      m.items().forEach(i -> items.add(item(i)));
    } else if (result instanceof ElectionResult e) {
      ArrayNode sections = out.putArray("sections");
      e.sections().forEach(s -> sections.add(section(s)));
    } else if (result instanceof SelectionResult s) {
      selection(out, s);
    } else if (result instanceof RatingResult r) {
      out.put("model", Words.of(r.model()));
      ArrayNode ratings = out.putArray("ratings");
      r.ratings().forEach(t -> ratings.add(rating(t)));
    }
    out.putObject("announcement")
        .put("zh", result.announcement().zh())
        .put("en", result.announcement().en());
    return out;
  }

  private static ObjectNode figures(Figures f) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("ballot", f.ballot()).put("kind", Words.of(f.kind())).put("title", f.title());
    out.put("round", Words.of(f.round()));
    out.put("members", f.members()).put("present", f.present()).put("issued", f.issued());
    out.put("returned", f.returned()).put("notVoted", f.notVoted()).put("void", f.voided());
    putRequired(out, f.required());
    out.put("validBallots", f.validBallots()).put("invalidBallots", f.invalidBallots());
    return out;
  }

  private static ObjectNode item(ItemTally i) {
    ObjectNode out = counted(i.id(), i.title(), i.count());
    out.put("required", i.required()).put("outcome", Words.of(i.outcome()));
    return out;
  }

  private static ObjectNode counted(String id, String title, ChoiceCount c) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("id", id).put("title", title);
    return out.put("for", c.votesFor()).put("against", c.against()).put("abstain", c.abstain());
  }

  private static ObjectNode section(SectionResult s) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("id", s.id()).put("title", s.title());
    out.put("seats", s.seats())
        .put("validBallots", s.validBallots())
        .put("invalidBallots", s.invalidBallots());
    putRequired(out, s.required());
    ArrayNode candidates = out.putArray("candidates");
    for (CandidateTally c : s.candidates()) {
      ChoiceCount n = c.count();
      candidates
          .addObject()
          .put("id", c.id())
          .put("name", c.name())
          .put("for", n.votesFor())
          .put("against", n.against())
          .put("abstain", n.abstain());
    }
    ArrayNode writeIns = out.putArray("writeIns");
    for (WriteInTally w : s.writeIns()) {
      writeIns.addObject().put("name", w.name()).put("for", w.votesFor());
    }
    strings(out.putArray("elected"), s.elected());
    putTie(out, s.tie());
    out.put("unfilled", s.unfilled());
    strings(out.putArray("runoffCandidates"), s.runoffCandidates());
    out.put("nominationNeeded", s.nominationNeeded());
    return out;
  }

  private static void selection(ObjectNode out, SelectionResult s) {
    OptionalInt required = s.selection().required();
    ArrayNode items = out.putArray("items");
    for (ProjectTally p : s.items()) {
      putRequired(items.addObject().setAll(counted(p.id(), p.title(), p.count())), required);
    }
    ObjectNode selection = out.putObject("selection");
    putRequired(selection, required);
    ArrayNode ranked = selection.putArray("ranked");
    for (RankedProject r : s.selection().ranked()) {
      ranked.addObject().put("id", r.id()).put("for", r.votesFor()).put("eligible", r.eligible());
    }
    strings(selection.putArray("selected"), s.selection().selected());
    putTie(selection, s.selection().tie());
    selection.put("unfilled", s.selection().unfilled());
  }

  private static ObjectNode rating(RatingTally t) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("id", t.id()).put("title", t.title());
    out.put("satisfied", t.satisfied()).put("basically", t.basically());
    out.put("dissatisfied", t.dissatisfied()).put("blank", t.blank());
    out.put("validForItem", t.validForItem()).put("required", t.required());
    out.put("grade", t.grade().map(Words::of).orElse(null));
    out.put("rate", t.rate().orElse(null)).put("satisfiedRate", t.satisfiedRate().orElse(null));
    return out;
  }

  private static void putRequired(ObjectNode out, OptionalInt required) {
    if (required.isPresent()) {
      out.put("required", required.getAsInt());
    } else {
      out.putNull("required");
    }
  }

  private static void putTie(ObjectNode out, Optional<Tie> tie) {
    if (tie.isEmpty()) {
      out.putNull("tie");
      return;
    }
    ObjectNode t = out.putObject("tie");
    strings(t.putArray("persons"), tie.get().persons());
    t.put("seats", tie.get().seats());
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
