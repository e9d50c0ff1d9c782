package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.votehall.cli.ApiClient.assertError;
import static org.votehall.cli.ApiClient.ok;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Countersigning;

/**
 * Scrutineers over the HTTP API of the demo, as a separate process, and {@code votehall
 * countersign} and {@code verify --scrutineers} as a scrutineer and an auditor run them: every
 * wrong call is a JSON refusal that changes nothing, and announce waits for the countersignatures.
 */
class ScrutineersApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path folder;

  @Test
  void announceWaitsForTheScrutineersAndEveryWrongCallIsRefused() throws Exception {
    int port = NodeProcess.freePort();
    try (NodeProcess demo =
            NodeProcess.start(
                Files.createDirectories(folder.resolve("node")),
                Map.of(),
                "demo",
                "--port",
                "" + port);
        ApiClient api = ApiClient.http(port)) {
      assertTrue(demo.awaitOutput("The demo runs", Duration.ofSeconds(120)), demo.stderr());
      String clerk = api.login("clerk", "clerk-demo");
      String auditor = api.login("auditor", "auditor-demo");
      JsonObject panel =
          new JsonObject()
              .put("required", 2)
              .put(
                  "scrutineers",
                  new JsonArray()
                      .add(
                          new JsonObject().put("id", "S1").put("name", "王总监").put("deputy", "d001"))
                      .add(new JsonObject().put("id", "S2").put("name", "李监票"))
                      .add(new JsonObject().put("id", "S3").put("name", "赵监票")));
      String scrutineers = "/api/sittings/demo/scrutineers";
      assertError(403, "wrong-role", api.call(HttpMethod.PUT, scrutineers, auditor, panel));
      assertError(
          400,
          "malformed",
          api.call(HttpMethod.PUT, scrutineers, clerk, panel.copy().put("required", 4)));
      ok(api.call(HttpMethod.PUT, scrutineers, clerk, panel));

      // S1 and S3 enrol keys made here; S2 keeps a key made by keygen, offline.
      SigningKey s1 = SigningKey.generate(RANDOM);
      SigningKey s3 = SigningKey.generate(RANDOM);
      enrol(api, clerk, "S1", s1.verifyingKey().base64());
      enrol(api, clerk, "S3", s3.verifyingKey().base64());
      assertError(
          403,
          "bad-code",
          api.call(
              HttpMethod.POST,
              "/api/scrutineer-enrol",
              null,
              new JsonObject().put("code", "00000000").put("key", s1.verifyingKey().base64())));
      NodeProcess keygen =
          NodeProcess.run(folder, Map.of(), "keygen", "--out", "li", "--name", "S2");
      assertEquals(0, keygen.exitCode(), keygen.stderr());
      Path s2Key = folder.resolve("li/S2.key");
      enrol(api, clerk, "S2", KeyFiles.readPublic(folder.resolve("li/S2.pub")).base64());

      for (int i = 1; i <= 40; i++) {
        ok(
            api.call(
                HttpMethod.PUT,
                String.format("/api/sittings/demo/attendance/d%03d", i),
                clerk,
                null));
      }
      ok(api.call(HttpMethod.POST, "/api/ballots/budget-2027/open", clerk, null));
      assertError(409, "conflict", api.call(HttpMethod.PUT, scrutineers, clerk, panel));
      ok(api.call(HttpMethod.POST, "/api/ballots/budget-2027/close", clerk, null));

      String countersignatures = "/api/ballots/budget-2027/countersignatures";
      JsonObject awaiting = ok(api.get(countersignatures));
      assertEquals("awaiting", awaiting.getString("state"));
      assertEquals(3, awaiting.getJsonArray("panel").size());
      String sealedText =
          api.call(HttpMethod.GET, "/api/ballots/budget-2027/bundle", auditor, null).bodyAsString();
      Countersigning.Sealed sealed = Countersigning.Sealed.of(JSON.readTree(sealedText));
      assertEquals(sealed.digest(), awaiting.getString("bundleDigest"));
      com.fasterxml.jackson.databind.node.ObjectNode stripped =
          (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(sealedText);
      assertEquals("[]", stripped.remove("countersignatures").toString(), "served beside it");
      assertEquals("[]", stripped.remove("refusals").toString());
      assertEquals(
          org.votehall.crypto.Sha256.hex(
              org.votehall.crypto.CanonicalJson.bytes(stripped.toString())),
          sealed.digest(),
          "the digest is the sealed bundle's, without what countersigning adds");
      assertError(
          409,
          "awaiting-countersignatures",
          api.call(HttpMethod.POST, "/api/ballots/budget-2027/announce", clerk, null));

      String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      JsonObject byS1 = json(sealed.countersign("S1", now, s1).toJson());
      assertError(
          401,
          "bad-signature",
          api.call(
              HttpMethod.POST,
              countersignatures,
              null,
              json(sealed.countersign("S1", now, s3).toJson())));
      assertError(
          400,
          "malformed",
          api.call(
              HttpMethod.POST, countersignatures, null, byS1.copy().put("signedAt", "yesterday")));
      assertError(
          404,
          "unknown",
          api.call(HttpMethod.POST, "/api/ballots/nope/countersignatures", null, byS1));
      JsonObject one = ok(api.call(HttpMethod.POST, countersignatures, null, byS1));
      assertEquals(
          one, ok(api.call(HttpMethod.POST, countersignatures, null, byS1)), "a replay: as before");
      assertError(
          409,
          "conflict",
          api.call(
              HttpMethod.POST,
              countersignatures,
              null,
              json(sealed.countersign("S1", "2026-01-01T00:00:00Z", s1).toJson())));
      JsonObject onStatus =
          ok(api.get("/api/sittings/demo/status")).getJsonArray("ballots").stream()
              .map(JsonObject.class::cast)
              .filter(b -> b.getString("id").equals("budget-2027"))
              .findFirst()
              .orElseThrow()
              .getJsonObject("countersign");
      assertEquals("awaiting", onStatus.getString("state"));
      assertEquals("王总监", onStatus.getJsonArray("signed").getJsonObject(0).getString("name"));
      assertError(
          409,
          "awaiting-countersignatures",
          api.call(HttpMethod.POST, "/api/ballots/budget-2027/announce", clerk, null));

      // The scrutineer's signed read of the bundle: their key, not a terminal's.
      String sealedBundle = "/api/ballots/budget-2027/sealed-bundle";
      var read = api.signed(s3, "S3", sealedBundle, null);
      assertEquals(200, read.statusCode(), read.bodyAsString());
      assertTrue(read.bodyAsString().contains("\"countersignatures\":[{"), "with S1's beside it");
      assertEquals(
          sealed.digest(), Countersigning.bundleDigest(JSON.readTree(read.bodyAsString())));
      assertError(401, "bad-signature", api.signed(1, "t001", sealedBundle, null));
      assertError(401, "bad-signature", api.get(sealedBundle));

      // S2 checks and countersigns on their own machine, and sends it.
      Path bundleFile = folder.resolve("budget-2027.bundle.json");
      Files.writeString(bundleFile, sealedText);
      Path nodeKey = Path.of("keys", "dev", "node-1.pub").toAbsolutePath();
      NodeProcess countersign =
          NodeProcess.run(
              folder,
              Map.of(),
              "countersign",
              bundleFile.toString(),
              "--key",
              s2Key.toString(),
              "--trust",
              nodeKey.toString(),
              "--node",
              "http://127.0.0.1:" + port);
      assertEquals(0, countersign.exitCode(), countersign.stdout() + countersign.stderr());
      assertTrue(
          countersign.stdout().contains("\"state\":\"countersigned\""), countersign.stdout());
      ok(api.call(HttpMethod.POST, "/api/ballots/budget-2027/announce", clerk, null));
      assertError(
          409,
          "conflict",
          api.call(
              HttpMethod.POST,
              countersignatures,
              null,
              json(sealed.countersign("S3", now, s3).toJson())));

      // An auditor pins the three scrutineers' keys.
      Path served = folder.resolve("served.bundle.json");
      Files.writeString(
          served,
          api.call(HttpMethod.GET, "/api/ballots/budget-2027/bundle", auditor, null)
              .bodyAsString());
      Path s1Pub = folder.resolve("S1.pub");
      Path s3Pub = folder.resolve("S3.pub");
      KeyFiles.writePublic(s1Pub, s1.verifyingKey());
      KeyFiles.writePublic(s3Pub, s3.verifyingKey());
      NodeProcess verify =
          NodeProcess.run(
              folder,
              Map.of(),
              "verify",
              served.toString(),
              "--trust",
              nodeKey.toString(),
              "--scrutineers",
              s1Pub.toString(),
              folder.resolve("li/S2.pub").toString(),
              s3Pub.toString());
      assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
      assertTrue(verify.stdout().contains("countersigned by 王总监 (S1), 李监票 (S2)"), verify.stdout());
      assertTrue(
          Files.readString(Path.of("README.md")).contains(verify.stdout().strip()),
          "the README shows what verify prints: " + verify.stdout());

      refusalLeavesOnlyCancel(api, clerk, auditor, s3, folder.resolve("li/S2.key"));
    }
  }

  /** A refusal recorded: announce refused for good; the clerk cancels. */
  private void refusalLeavesOnlyCancel(
      ApiClient api, String clerk, String auditor, SigningKey s3, Path s2Key) throws Exception {
    ok(api.call(HttpMethod.POST, "/api/ballots/projects-2027/open", clerk, null));
    ok(api.call(HttpMethod.POST, "/api/ballots/projects-2027/close", clerk, null));
    Path bundleFile = folder.resolve("projects-2027.bundle.json");
    Files.writeString(
        bundleFile,
        api.call(HttpMethod.GET, "/api/ballots/projects-2027/bundle", auditor, null)
            .bodyAsString());
    Countersigning.Sealed sealed = Countersigning.Sealed.of(JSON.readTree(bundleFile.toFile()));
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ok(
        api.call(
            HttpMethod.POST,
            "/api/ballots/projects-2027/refusals",
            null,
            json(sealed.refuse("S3", now, "发出票数与签到人数不符", s3).toJson())));
    NodeProcess refused =
        NodeProcess.run(
            folder,
            Map.of(),
            "countersign",
            bundleFile.toString(),
            "--key",
            s2Key.toString(),
            "--out",
            "s2.json");
    assertEquals(0, refused.exitCode(), refused.stderr());
    ok(
        api.call(
            HttpMethod.POST,
            "/api/ballots/projects-2027/countersignatures",
            null,
            new JsonObject(Files.readString(folder.resolve("s2.json")))));
    assertError(
        409,
        "countersign-refused",
        api.call(HttpMethod.POST, "/api/ballots/projects-2027/announce", clerk, null));
    JsonObject cancelled =
        ok(
            api.call(
                HttpMethod.POST,
                "/api/ballots/projects-2027/cancel",
                clerk,
                new JsonObject().put("reason", "监票人拒绝签名")));
    assertEquals("cancelled", cancelled.getString("status"));
  }

  private static void enrol(ApiClient api, String clerk, String scrutineer, String key)
      throws Exception {
    JsonObject code =
        ok(
            api.call(
                HttpMethod.POST,
                "/api/sittings/demo/scrutineers/" + scrutineer + "/enrolment-code",
                clerk,
                null));
    JsonObject enrolled =
        ok(
            api.call(
                HttpMethod.POST,
                "/api/scrutineer-enrol",
                null,
                new JsonObject().put("code", code.getString("code")).put("key", key)));
    assertEquals(scrutineer, enrolled.getString("scrutineer"));
  }

  private static JsonObject json(com.fasterxml.jackson.databind.node.ObjectNode node) {
    return new JsonObject(node.toString());
  }
}
