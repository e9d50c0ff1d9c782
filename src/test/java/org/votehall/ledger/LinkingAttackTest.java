package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.SigningKey;

/**
 * Attack (c) of docs/threat-model.md: an operator who watched the hall (who pressed when) and reads
 * the ledger pairs ledger order with press order. Forty deputies cast at hall rate, one after
 * another, each waiting for the acknowledgement; the attack must do no better than chance (one
 * right on average; at most 3 of 40 asserted).
 */
class LinkingAttackTest {
  private static final SigningKey NODE = SigningKey.generate(new SecureRandom());
  private static final int DEPUTIES = 40;
  @TempDir Path dir;

  @Test
  void pressOrderCannotBeReadFromLedgerOrderWhenCastsComeOneByOne() throws Exception {
    int right = attack(dir.resolve("sequential.ledger"), new Random(20270301L), 0);
    System.out.println("linking attack, sequential casts: " + right + " of " + DEPUTIES + " right");
    assertTrue(right <= 3, right + " of " + DEPUTIES + " deputies linked to their casts");
  }

  @Test
  void pressOrderCannotBeReadFromLedgerOrderWithRandomGapsBetweenPresses() throws Exception {
    int right = attack(dir.resolve("gaps.ledger"), new Random(20270302L), 25);
    System.out.println("linking attack, random gaps: " + right + " of " + DEPUTIES + " right");
    assertTrue(right <= 3, right + " of " + DEPUTIES + " deputies linked to their casts");
  }

  /**
   * Deputies press in a known order (deputy i holds token i); returns how many the attacker links
   * by pairing the i-th secret cast in the ledger with the i-th deputy to press.
   */
  private static int attack(Path file, Random random, int maxGapMillis) throws Exception {
    List<String> pressOrder = new ArrayList<>();
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      ledger.append("ballot-opened", EntryCodec.JSON.createObjectNode().put("ballot", "b1")).get();
      for (int i = 0; i < DEPUTIES; i++) {
        String token = token(random);
        pressOrder.add(token);
        ledger.appendSecret("secret-cast", cast("b1", token), token).get();
        if (maxGapMillis > 0) {
          Thread.sleep(random.nextInt(maxGapMillis + 1));
        }
      }
    }
    List<String> ledgerOrder = new ArrayList<>();
    LedgerReader.readWhole(
        file,
        List.of(NODE.verifyingKey()),
        e -> {
          if (e.type().equals("secret-cast")) {
            ledgerOrder.add(e.payload().get("token").asText());
          }
        });
    assertEquals(DEPUTIES, ledgerOrder.size());
    int right = 0;
    for (int i = 0; i < DEPUTIES; i++) {
      if (ledgerOrder.get(i).equals(pressOrder.get(i))) {
        right++;
      }
    }
    return right;
  }

  static String token(Random random) {
    byte[] bytes = new byte[64];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static ObjectNode cast(String ballot, String token) {
    ObjectNode cast = EntryCodec.JSON.createObjectNode().put("ballot", ballot).put("token", token);
    cast.put("blindSignature", "c2ln");
    cast.putObject("marks").put("m1", "for");
    return cast;
  }
}
