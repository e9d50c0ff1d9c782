package org.votehall.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.votehall.format.MalformedException;
import org.votehall.format.SpecJson;

/** What one cast may carry: seats + 10 write-ins per section, names of 64 characters at most. */
class CastLimitsTest {
  private static final String SPEC =
      "{\"id\":\"e\",\"kind\":\"election\",\"title\":\"t\",\"secret\":true,\"members\":30,"
          + "\"sections\":[{\"id\":\"s\",\"seats\":3,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},"
          + "{\"id\":\"c2\",\"name\":\"乙\"},{\"id\":\"c3\",\"name\":\"丙\"},{\"id\":\"c4\",\"name\":\"丁\"}]}]}";

  private static Optional<String> check(List<String> names) throws MalformedException {
    BallotSpec spec = SpecJson.parse(SPEC);
    return CastLimits.problem(spec, new ElectionMarks(Map.of(), Map.of("s", names)));
  }

  private static List<String> names(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("人" + i);
    }
    return out;
  }

  @Test
  void seatsPlusTenWriteInsPassAndOneMoreIsRefused() throws Exception {
    assertEquals(Optional.empty(), check(names(13)));
    Optional<String> refused = check(names(14));
    assertTrue(refused.isPresent());
    assertEquals("writeIns.s: 14 names, at most 13 (seats + 10)", refused.get());
  }

  @Test
  void aNameOf64CharactersPassesAndOf65IsRefused() throws Exception {
    assertEquals(Optional.empty(), check(List.of("名".repeat(64))));
    assertEquals(
        Optional.of("writeIns.s[1]: a name of at most 64 characters"),
        check(List.of("甲", "名".repeat(65))));
  }

  @Test
  void charactersAreCodePointsNotUtf16Units() throws Exception {
    String supplementary = new String(Character.toChars(0x20000)); // 𠀀, two UTF-16 units
    assertEquals(Optional.empty(), check(List.of(supplementary.repeat(64))));
    assertTrue(check(List.of(supplementary.repeat(65))).isPresent());
  }

  @Test
  void ballotsOtherThanElectionsCarryNoWriteInsToLimit() throws Exception {
    BallotSpec motion =
        SpecJson.parse(
            "{\"id\":\"m\",\"kind\":\"motion\",\"title\":\"t\",\"members\":30,"
                + "\"items\":[{\"id\":\"m1\",\"title\":\"x\"}]}");
    assertEquals(
        Optional.empty(), CastLimits.problem(motion, new ItemMarks(Map.of("m1", Choice.FOR))));
  }
}
