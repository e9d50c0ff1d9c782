package org.votehall.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/voting-rules.md §2: a write-in is stripped of Unicode white space at both ends, then NFC.
 */
class WriteInNameTest {

  @Test
  void stripsUnicodeWhiteSpaceAtBothEnds() {
    assertEquals(Optional.of("王五"), WriteInName.clean("\u3000 王五\u00a0\t"));
    assertEquals(Optional.of("王 五"), WriteInName.clean(" 王 五 "));
    assertEquals(Optional.of("王五"), WriteInName.clean("\u2007\u202f王五\u205f\u2028"));
  }

  @Test
  void normalisesToNfc() {
    assertEquals(Optional.of("Jos\u00e9"), WriteInName.clean("Jose\u0301"));
    assertEquals(Optional.of("\u00c5"), WriteInName.clean("A\u030a "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\u3000", "\u00a0\u3000\t\n", "\u0085\u1680"})
  void emptyAfterCleaningIsNoWriteIn(String raw) {
    assertEquals(Optional.empty(), WriteInName.clean(raw));
  }

  @Test
  void zeroWidthCharactersAreNotWhiteSpace() {
    // U+200B is not in Unicode's White_Space property, so it stays part of the name.
    assertEquals(Optional.of("\u200b王五"), WriteInName.clean("\u200b王五"));
  }

  @Test
  void codePointOrderPutsFullWidthLettersBeforeSupplementaryCharacters() {
    String fullWidth = "\uff5a";
    String supplementary = new String(Character.toChars(0x20BB7));
    assertEquals(true, CodePointOrder.INSTANCE.compare(fullWidth, supplementary) < 0);
    assertEquals(true, fullWidth.compareTo(supplementary) > 0); // UTF-16 order differs
    assertEquals(true, CodePointOrder.INSTANCE.compare("王", "王五") < 0);
    assertEquals(0, CodePointOrder.INSTANCE.compare("王五", "王五"));
  }
}
