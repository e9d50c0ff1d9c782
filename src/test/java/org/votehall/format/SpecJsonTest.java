package org.votehall.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.ElectionSpec;
import org.votehall.rules.ItemMarks;
import org.votehall.rules.MotionSpec;
import org.votehall.rules.Post;
import org.votehall.rules.RatingModel;
import org.votehall.rules.RatingSpec;
import org.votehall.rules.Round;
import org.votehall.rules.Section;
import org.votehall.rules.Threshold;
import org.votehall.rules.WriteInRule;

/**
 * Reading specs and ballot files: defaults, and the edges of strict JSON (docs/rules.md §16–18).
 */
class SpecJsonTest {

  @Test
  void absentFieldsTakeTheirDefaults() throws MalformedException {
    ElectionSpec e =
        (ElectionSpec)
            SpecJson.parse(
                "{\"id\":\"e\",\"kind\":\"election\",\"members\":9,\"follows\":null,"
                    + "\"sections\":[{\"id\":\"s\",\"seats\":1,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"}]}]}");
    assertEquals("e", e.header().title());
    assertEquals(true, e.header().secret());
    assertEquals(Round.FIRST, e.round());
    assertEquals(Optional.empty(), e.header().follows());
    assertEquals(Threshold.DEFAULT, e.threshold());
    assertEquals(false, e.wholeBallotVoid());
    Section s = e.sections().get(0);
    assertEquals(Post.VICE, s.post());
    assertEquals(WriteInRule.DEFAULT, s.writeIns());
    MotionSpec m =
        (MotionSpec)
            SpecJson.parse(
                "{\"id\":\"m\",\"kind\":\"motion\",\"members\":9,\"items\":[{\"id\":\"m1\"}]}");
    assertEquals(false, m.header().secret());
    assertEquals(false, m.participationQuorum());
    RatingSpec r =
        (RatingSpec)
            SpecJson.parse(
                "{\"id\":\"r\",\"kind\":\"rating\",\"members\":9,\"items\":[{\"id\":\"r1\"}]}");
    assertEquals(RatingModel.GRADE, r.model());
    assertEquals(true, r.header().secret());
  }

  @Test
  void aTieRevoteTakesNoWriteInsWhateverTheSpecSays() throws MalformedException {
    ElectionSpec e =
        (ElectionSpec)
            SpecJson.parse(
                "{\"id\":\"e\",\"kind\":\"election\",\"members\":9,\"round\":\"tie\",\"sections\":[{\"id\":\"s\",\"seats\":1,"
                    + "\"writeIns\":{\"allowed\":true},\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}");
    assertEquals(false, e.sections().get(0).writeIns().allowed());
  }

  @Test
  void aByteOrderMarkIsIgnored() throws MalformedException, IOException {
    BallotSpec spec =
        SpecJson.parse(
            "\uFEFF{\"id\":\"m\",\"kind\":\"motion\",\"members\":9,\"items\":[{\"id\":\"m1\"}]}");
    BallotFile.Ballots ballots =
        BallotFile.read(
            spec,
            new BufferedReader(
                new StringReader("\uFEFF{\"marks\":{\"m1\":\"for\"}}\n{\"marks\":{}}\n")));
    assertEquals(List.of(), ballots.errors());
    assertEquals(2, ballots.marks().size());
    assertEquals(
        org.votehall.rules.Choice.FOR, ((ItemMarks) ballots.marks().get(0)).choiceFor("m1"));
  }

  @Test
  void duplicateKeysInASpecAreRefused() {
    MalformedException e =
        assertThrows(
            MalformedException.class,
            () ->
                SpecJson.parse(
                    "{\"id\":\"m\",\"kind\":\"motion\",\"members\":9,\"members\":10,\"items\":[{\"id\":\"m1\"}]}"));
    assertEquals(true, e.getMessage().contains("Duplicate field 'members'"), e.getMessage());
  }
}
