package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterSettings;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Ledger;
import org.votehall.rules.Quorum;
import org.votehall.vault.BlindKeyVault;

/**
 * The attack of the issue, on the whole hall: 40 deputies are issued their ballots at the open and
 * cast one at a time, each waiting for the acknowledgement, in an order an operator watched. The
 * operator then reads only the node's ledger and pairs its secret casts, in ledger order, (a) with
 * the oldest issue not yet paired and (b) with the order in which the deputies pressed. Chance is
 * about one right. Five ballots are measured, so that the figure is a mean, not one draw of a
 * random permutation (which exceeds three right about once in fifty): neither attack may average
 * more than three of forty.
 */
class LinkingAttackIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PinHasher PINS =
      new PinHasher(PinPepper.generate(RANDOM), new SecretHash.Params(64, 1, 1), RANDOM);
  private static final int DEPUTIES = 40;
  private static final int BALLOTS = 5;

  @Test
  void theLedgerOrderOfSecretCastsLinksNoMoreThanChance() throws Exception {
    Path dir = Files.createTempDirectory("linking-it");
    SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ClusterNode node = await(ClusterNode.start(ClusterSettings.single("linking-" + port, port)));
    Path file = dir.resolve("node.ledger");
    Ledger ledger = Ledger.open(file, key, null, e -> {});
    BlindKeyVault vault = BlindKeyVault.open(dir.resolve("blind-keys"), 0, RANDOM);
    Map<String, Integer> deputyOfToken = new HashMap<>();
    Map<String, List<Integer>> pressed = new HashMap<>();
    try {
      Hall hall = await(Hall.start(node, ledger, key, vault, PINS));
      List<Deputy> roster = new ArrayList<>();
      for (int i = 1; i <= DEPUTIES; i++) {
        roster.add(new Deputy(deputy(i), "代表" + i, PINS.hash("pin" + i)));
      }
      done(hall.sittings().create("s", "会议", roster, Quorum.CONGRESS));
      done(hall.sittings().registerTerminal("s", "t", SigningKey.generate(RANDOM).verifyingKey()));
      for (int i = 1; i <= DEPUTIES; i++) {
        done(hall.sittings().checkIn("s", deputy(i), "pin" + i, "t"));
      }
      for (int b = 1; b <= BALLOTS; b++) {
        pressed.put("e" + b, ballot(hall, "e" + b, b, deputyOfToken));
      }
    } finally {
      await(node.stop());
      ledger.close();
      vault.close();
    }
    Map<String, List<Integer>> issued = new HashMap<>();
    Map<String, List<Integer>> cast = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode entry = JSON.readTree(line);
      JsonNode payload = entry.get("payload");
      switch (entry.get("type").asText()) {
        case "issued" ->
            issued
                .computeIfAbsent(payload.get("ballot").asText(), b -> new ArrayList<>())
                .add(Integer.parseInt(payload.get("deputy").asText().substring(1)));
        case "secret-cast" ->
            cast.computeIfAbsent(payload.get("ballot").asText(), b -> new ArrayList<>())
                .add(deputyOfToken.get(payload.get("token").asText()));
        default -> {}
      }
    }
    int byIssue = 0;
    int byPress = 0;
    for (int b = 1; b <= BALLOTS; b++) {
      List<Integer> casts = cast.get("e" + b);
      assertEquals(DEPUTIES, casts.size(), "every cast is in the ledger by the close");
      byIssue += rightPairs(casts, issued.get("e" + b));
      byPress += rightPairs(casts, pressed.get("e" + b));
    }
    System.out.printf(
        "linking attack over %d ballots of %d: %.1f right by issue order, %.1f by press order%n",
        BALLOTS, DEPUTIES, byIssue / (double) BALLOTS, byPress / (double) BALLOTS);
    assertTrue(byIssue <= 3 * BALLOTS, byIssue + " linked in " + BALLOTS + " ballots by issues");
    assertTrue(byPress <= 3 * BALLOTS, byPress + " linked in " + BALLOTS + " ballots by presses");
  }

  /**
   * One secret ballot: defined, opened, issued to every deputy at the open, cast one at a time in
   * an order the operator watched (returned), closed.
   */
  private static List<Integer> ballot(
      Hall hall, String id, int seed, Map<String, Integer> deputyOfToken) {
    String spec =
        "{\"id\":\""
            + id
            + "\",\"kind\":\"election\",\"members\":40,\"sections\":[{\"id\":\"v\",\"seats\":1,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    done(hall.ballots().define("s", spec, true));
    done(hall.ballots().open(id));
    String blindKey = done(hall.casting().blindKey(id));
    Map<Integer, String[]> tokens = new HashMap<>();
    for (int i = 1; i <= DEPUTIES; i++) { // issued at the open, in deputy order
      tokens.put(i, issue(hall, id, blindKey, i));
      deputyOfToken.put(tokens.get(i)[0], i);
    }
    List<Integer> pressed = new ArrayList<>();
    for (int i = 1; i <= DEPUTIES; i++) {
      pressed.add(i);
    }
    Collections.shuffle(pressed, new Random(seed));
    for (int i : pressed) {
      String[] t = tokens.get(i);
      done(
          hall.casting()
              .castSecret(
                  id, t[0], t[1], "{\"marks\":{\"v\":{\"c" + (1 + i % 2) + "\":\"for\"}}}"));
    }
    done(hall.ballots().close(id));
    return pressed;
  }

  /** How many of the i-th cast in ledger order belong to the i-th deputy of {@code guess}. */
  private static int rightPairs(List<Integer> casts, List<Integer> guess) {
    int right = 0;
    for (int i = 0; i < casts.size(); i++) {
      if (casts.get(i).equals(guess.get(i))) {
        right++;
      }
    }
    return right;
  }

  private static String[] issue(Hall hall, String ballot, String blindKey, int i) {
    BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(blindKey), RANDOM);
    BlindingClient.Request request = client.request();
    Casting.Issue issued =
        done(hall.casting().issue(ballot, deputy(i), "t", blindKey, request.blindedMessage()));
    byte[] sig = client.finish(request, Base64.getDecoder().decode(issued.blindSignature()));
    return new String[] {
      Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()),
      Base64.getEncoder().encodeToString(sig)
    };
  }

  private static String deputy(int i) {
    return String.format("d%02d", i);
  }

  private static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Refused<T> r) {
      throw new AssertionError("refused: " + r.refusal());
    }
    return ((Outcome.Done<T>) outcome).value();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
