package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.votehall.cli.NodeProcess;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SigningKey;
import org.votehall.http.MessageSignature;

/**
 * Issue 11's acceptance, through the scrutineer page (docs/scrutineers.md) in Chromium against the
 * demo node: the clerk names three scrutineers, two of whom must countersign; S1 enrols a key made
 * in the page, S2 an offline key from {@code votehall keygen} (enrolled through the API), S3 an
 * offline key pasted into the page (and never signs). A secret election closes: the page shows its
 * result awaiting countersignature with the bundle digest it computed itself, which is the SHA-256
 * of the sealed bundle; S1 countersigns on the page, the announce is still refused; S2 countersigns
 * with {@code votehall countersign}; the announce goes through and the final bundle passes {@code
 * votehall verify --scrutineers} naming S1 and S2, while a copy with an edited result fails. Then
 * S1 refuses a motion's result on the page with a reason, and its announce is refused.
 */
class ScrutineerPageIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PAGE = "/scrutineer/";
  private static final String SITTING = "demo";
  private static final String ELECTION = "vice-mayor-2027";
  private static final String MOTION = "budget-2027";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong NONCES = new AtomicLong(System.nanoTime());

  private static DemoNode node;
  private static String clerk;
  private static String auditor;
  private static Path folder;
  // S1's device (a key made in the page) and S3's (an offline key pasted into the page).
  private static WebDriver s1;
  private static WebDriver s3;

  @BeforeAll
  static void start() throws Exception {
    if (!Chromium.installed()) {
      Chromium.open(1280, 900); // skips the class, or fails it where CI requires the browsers
    }
    CompletableFuture<WebDriver> first = CompletableFuture.supplyAsync(ScrutineerPageIT::browser);
    CompletableFuture<WebDriver> second = CompletableFuture.supplyAsync(ScrutineerPageIT::browser);
    node = DemoNode.start();
    s1 = first.get();
    s3 = second.get();
    folder = Files.createTempDirectory("scrutineers");
    clerk = login(DemoNode.CLERK, DemoNode.CLERK_PASSWORD);
    auditor = login(DemoNode.AUDITOR, DemoNode.AUDITOR_PASSWORD);
  }

  private static WebDriver browser() {
    try {
      return Chromium.open(1280, 900);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    for (WebDriver driver : new WebDriver[] {s1, s3}) {
      if (driver != null) {
        driver.quit();
      }
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void scrutineersCountersignTheCountBeforeItIsAnnounced() throws Exception {
    clerkNamesThePanel();
    enrolInThePage();
    Path s2Key = enrolOfflineThroughTheApi();
    enrolOfflineInThePage();
    Path[] pins = pinnedKeys();

    secretElection();
    String digest = thePageShowsTheSealedResult();
    s1Countersigns(digest);
    assertError(409, "awaiting-countersignatures", announce(ELECTION));
    s2CountersignsWithTheCli(s2Key);
    Answer announced = announce(ELECTION);
    assertEquals(200, announced.status(), announced.body()::encode);
    waitText(s1, "status-" + ELECTION, "已宣布");
    waitText(s1, "state-" + ELECTION, "监票人签名已齐");
    Chromium.screenshot(s1, "scrutineer-announced");
    theFinalBundleVerifies(pins);

    motionClosed();
    s3UploadsAnOfflineCountersignature();
    s1RefusesAMotion();
    inEnglish();
    s3EnrolsAgain();
  }

  // ---- the panel and the three keys ----

  private void clerkNamesThePanel() throws Exception {
    JsonObject panel =
        new JsonObject()
            .put("required", 2)
            .put(
                "scrutineers",
                new JsonArray()
                    .add(new JsonObject().put("id", "S1").put("name", "王总监").put("deputy", "d001"))
                    .add(new JsonObject().put("id", "S2").put("name", "李监票"))
                    .add(new JsonObject().put("id", "S3").put("name", "赵监票")));
    Answer named = send("PUT", "/api/sittings/" + SITTING + "/scrutineers", panel, clerk);
    assertEquals(200, named.status(), named.body()::encode);
  }

  /** S1 types the clerk's code on the page, which makes its own key and enrols it. */
  private void enrolInThePage() throws Exception {
    s1.get(node.url(PAGE));
    visible(s1, "device-code").sendKeys(code("S1"));
    Chromium.screenshot(s1, "scrutineer-enrol");
    click(s1, "enrol-device");
    waitText(s1, "identity-id", "S1");
    waitText(s1, "identity-name", "王总监");
    waitText(s1, "sitting-title", "演示");
    assertEquals(fingerprint("S1"), text(s1, "identity-fingerprint"));
    // The key was made on this device and never left it: a reload finds the same identity.
    s1.navigate().refresh();
    waitText(s1, "identity-id", "S1");
    assertTrue(text(s1, "identity-custody").contains("本设备"), text(s1, "identity-custody"));
  }

  /** S2 makes a key with {@code votehall keygen}; its public half is enrolled with a code. */
  private Path enrolOfflineThroughTheApi() throws Exception {
    Path keys = keygen("S2");
    String key = KeyFiles.readPublic(keys.resolve("S2.pub")).base64();
    Answer enrolled =
        send(
            "POST",
            "/api/scrutineer-enrol",
            new JsonObject().put("code", code("S2")).put("key", key),
            null);
    assertEquals(200, enrolled.status(), enrolled.body()::encode);
    assertEquals("S2", enrolled.body().getString("scrutineer"));
    assertEquals(SITTING, enrolled.body().getString("sitting"));
    return keys.resolve("S2.key");
  }

  /** S3 pastes the PEM that {@code votehall keygen} wrote into the page. */
  private void enrolOfflineInThePage() throws Exception {
    Path keys = keygen("S3");
    s3.get(node.url(PAGE));
    // A private key is refused on the page, before anything is sent.
    visible(s3, "offline-key").sendKeys(Files.readString(keys.resolve("S3.key")));
    visible(s3, "offline-code").sendKeys("12345678");
    click(s3, "enrol-offline");
    waitText(s3, "offline-error", "私钥");
    visible(s3, "offline-key").clear();
    visible(s3, "offline-key").sendKeys(Files.readString(keys.resolve("S3.pub")));
    visible(s3, "offline-code").clear();
    visible(s3, "offline-code").sendKeys(code("S3"));
    click(s3, "enrol-offline");
    waitText(s3, "identity-id", "S3");
    waitText(s3, "identity-custody", "离线");
    visible(s3, "offline-note");
    assertEquals(fingerprint("S3"), text(s3, "identity-fingerprint"));
  }

  /**
   * The three public keys as an auditor pins them: S1's as its page saves it (下载我的公钥), the same key
   * the panel lists; S2's and S3's as keygen wrote them.
   */
  private Path[] pinnedKeys() throws Exception {
    Path downloads = Files.createDirectories(folder.resolve("s1-downloads"));
    ((org.openqa.selenium.chrome.ChromeDriver) s1)
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    click(s1, "public-key");
    Path s1Pub = downloads.resolve("S1.pub");
    for (int wait = 0; wait < 100 && !Files.exists(s1Pub); wait++) {
      Thread.sleep(100);
    }
    String key = scrutineer("S1").getString("key");
    assertNotNull(key, "S1 enrolled no key");
    assertEquals(key, KeyFiles.readPublic(s1Pub).base64(), "the page saved the key it enrolled");
    return new Path[] {
      s1Pub, folder.resolve("S2").resolve("S2.pub"), folder.resolve("S3").resolve("S3.pub")
    };
  }

  // ---- the election, through the API as three seat terminals ----

  /**
   * Deputies d001–d003 check in at terminals t001–t003 (the demo's development keys), the clerk
   * checks in enough others by hand for the quorum, opens the secret election; each of the three
   * takes a blind token and casts; the clerk closes.
   */
  private void secretElection() throws Exception {
    for (int i = 1; i <= 3; i++) {
      Answer in =
          signed(
              i,
              "/api/sittings/" + SITTING + "/check-in",
              new JsonObject().put("deputy", deputy(i)).put("pin", String.format("%06d", i)));
      assertEquals(200, in.status(), in.body()::encode);
    }
    makeQuorum();
    Answer opened = send("POST", "/api/ballots/" + ELECTION + "/open", null, clerk);
    assertEquals(200, opened.status(), opened.body()::encode);
    String[][] marks = {{"c1", "for", "c2", "for"}, {"c1", "for", "c3", "for"}, {"c2", "against"}};
    List<JsonObject> casts = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      casts.add(issue(i, marks[i - 1]));
    }
    for (JsonObject cast : casts) {
      Answer cast1 = send("POST", "/api/ballots/" + ELECTION + "/casts/secret", cast, null);
      assertEquals(200, cast1.status(), cast1.body()::encode);
    }
    Answer closed = send("POST", "/api/ballots/" + ELECTION + "/close", null, clerk);
    assertEquals(200, closed.status(), closed.body()::encode);
  }

  private static String deputy(int i) {
    return String.format("d%03d", i);
  }

  /** Issues deputy i a ballot at terminal i; returns the cast they will make (no identity). */
  private JsonObject issue(int i, String[] marks) throws Exception {
    String key =
        send("GET", "/api/ballots/" + ELECTION + "/blind-key", null, null)
            .body()
            .getString("blindKey");
    BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(key), RANDOM);
    BlindingClient.Request request = client.request();
    Answer issued =
        signed(
            i,
            "/api/ballots/" + ELECTION + "/issue",
            new JsonObject()
                .put("deputy", deputy(i))
                .put("blindKey", key)
                .put(
                    "blindedMessage",
                    Base64.getEncoder().encodeToString(request.blindedMessage())));
    assertEquals(200, issued.status(), issued.body()::encode);
    byte[] signature =
        client.finish(
            request, Base64.getDecoder().decode(issued.body().getString("blindSignature")));
    JsonObject section = new JsonObject();
    for (int m = 0; m < marks.length; m += 2) {
      section.put(marks[m], marks[m + 1]);
    }
    return new JsonObject()
        .put("token", Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()))
        .put("blindSignature", Base64.getEncoder().encodeToString(signature))
        .put("marks", new JsonObject().put("vice-mayor", section));
  }

  /** Checks in by hand (补签到) as many deputies as the quorum still lacks. */
  private static void makeQuorum() throws Exception {
    JsonObject status = status();
    int lacking = status.getInteger("quorumRequired") - status.getInteger("present");
    List<CompletableFuture<HttpResponse<String>>> checks = new ArrayList<>();
    for (int d = 4; d < 4 + lacking; d++) {
      checks.add(
          HTTP.sendAsync(
              HttpRequest.newBuilder(
                      URI.create(node.url("/api/sittings/" + SITTING + "/attendance/" + deputy(d))))
                  .PUT(HttpRequest.BodyPublishers.noBody())
                  .header("authorization", "Bearer " + clerk)
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> check : checks) {
      HttpResponse<String> present = check.get();
      assertEquals(200, present.statusCode(), present::body);
    }
  }

  // ---- the page: the sealed result, S1's countersignature ----

  /**
   * The page shows the election awaiting countersignature, its figures, and the bundle digest it
   * computed: the SHA-256 of the sealed bundle (the served bundle without countersignatures and
   * refusals, canonical), which is also the digest the node gives. S3's page, with no key to sign
   * with, shows the commands instead.
   */
  private String thePageShowsTheSealedResult() throws Exception {
    waitText(s1, "state-" + ELECTION, "待监票人签名");
    waitText(s1, "status-" + ELECTION, "已封存");
    waitText(s1, "progress-" + ELECTION, "已签名 0 人，需 2 人");
    waitText(s1, "digest-check-" + ELECTION, "与节点公布的摘要一致");
    String shown = stableText(s1, "digest-" + ELECTION);
    String sealed = sealedDigest(bundle(ELECTION));
    assertEquals(sealed, shown, "the page's digest is the SHA-256 of the sealed bundle");
    assertEquals(sealed, countersigning(ELECTION).getString("bundleDigest"));
    waitText(s1, "result-check-" + ELECTION, "结果与结果包中的结果一致");
    waitText(s1, "panel-check-" + ELECTION, "您的公钥在结果包的监票人名单中");
    waitText(s1, "entries-" + ELECTION, "票箱共 3 张选票");
    WebElement result = visible(s1, "result-" + ELECTION);
    assertTrue(result.getText().contains("张明"), result.getText());
    Chromium.screenshot(s1, "scrutineer-awaiting");

    waitText(s3, "state-" + ELECTION, "待监票人签名");
    waitText(
        s3,
        "command-node-" + ELECTION,
        "votehall countersign " + ELECTION + ".bundle.json --key S3.key");
    waitText(s3, "command-node-" + ELECTION, "--node " + node.url(""));
    waitText(s3, "node-digest-" + ELECTION, sealed);
    assertTrue(s3.findElements(test("countersign-" + ELECTION)).isEmpty());
    Chromium.screenshot(s3, "scrutineer-offline");
    return sealed;
  }

  private void s1Countersigns(String digest) throws Exception {
    click(s1, "countersign-" + ELECTION);
    waitText(s1, "confirm-body", "您将以监票人身份签署以下结果");
    waitText(s1, "confirm-body", digest);
    Chromium.screenshot(s1, "scrutineer-confirm");
    click(s1, "confirm-ok");
    waitText(s1, "mine-" + ELECTION, "您已于");
    waitText(s1, "signed-" + ELECTION + "-S1", "王总监");
    waitText(s1, "progress-" + ELECTION, "已签名 1 人，需 2 人");
    JsonObject now = countersigning(ELECTION);
    assertEquals("awaiting", now.getString("state"), now::encode);
    assertEquals(1, now.getJsonArray("countersignatures").size(), now::encode);
    Chromium.screenshot(s1, "scrutineer-signed");
  }

  /** An auditor downloads the bundle; S2 countersigns it with the CLI and sends it to the node. */
  private void s2CountersignsWithTheCli(Path key) throws Exception {
    Path bundle = folder.resolve(ELECTION + ".bundle.json");
    Files.writeString(bundle, bundle(ELECTION), StandardCharsets.UTF_8);
    NodeProcess run =
        jar(
            "countersign",
            bundle.toString(),
            "--key",
            key.toString(),
            "--trust",
            nodePub().toString(),
            "--node",
            node.url(""));
    assertEquals(0, run.exitCode(), () -> output(run));
    JsonObject now = countersigning(ELECTION);
    assertEquals("countersigned", now.getString("state"), now::encode);
    waitText(s1, "signed-" + ELECTION + "-S2", "李监票");
  }

  /**
   * The final bundle, pinned with the three scrutineers' keys, verifies and names S1 and S2; the
   * same bundle with one vote count edited (canonical again) fails.
   */
  private void theFinalBundleVerifies(Path[] pins) throws Exception {
    String text = bundle(ELECTION);
    JsonObject served = new JsonObject(text);
    assertEquals(2, served.getJsonArray("countersignatures").size(), text);
    Path bundle = folder.resolve(ELECTION + ".final.bundle.json");
    Files.writeString(bundle, text, StandardCharsets.UTF_8);
    NodeProcess verified = verify(bundle, pins);
    String said = output(verified);
    assertEquals(0, verified.exitCode(), said);
    assertTrue(said.contains("S1") && said.contains("S2"), said);

    JsonObject candidate =
        served
            .getJsonObject("result")
            .getJsonArray("sections")
            .getJsonObject(0)
            .getJsonArray("candidates")
            .getJsonObject(0);
    candidate.put("for", candidate.getInteger("for") + 1);
    Path edited = folder.resolve(ELECTION + ".edited.bundle.json");
    Files.write(edited, CanonicalJson.bytes(served.encode()));
    NodeProcess refused = verify(edited, pins);
    assertEquals(1, refused.exitCode(), () -> output(refused));
  }

  private NodeProcess verify(Path bundle, Path[] pins) throws Exception {
    return jar(
        "verify",
        bundle.toString(),
        "--trust",
        nodePub().toString(),
        "--scrutineers",
        pins[0].toString(),
        pins[1].toString(),
        pins[2].toString());
  }

  // ---- the motion: an offline countersignature uploaded, a refusal on the page ----

  private void motionClosed() throws Exception {
    Answer opened = send("POST", "/api/ballots/" + MOTION + "/open", null, clerk);
    assertEquals(200, opened.status(), opened.body()::encode);
    Answer closed = send("POST", "/api/ballots/" + MOTION + "/close", null, clerk);
    assertEquals(200, closed.status(), closed.body()::encode);
  }

  /**
   * S3 signs the motion's bundle on their own machine into a file ({@code votehall countersign
   * --out}), loads the bundle on the page (whose digest it checks) and uploads the file, which the
   * page sends as it is.
   */
  private void s3UploadsAnOfflineCountersignature() throws Exception {
    waitText(s3, "state-" + MOTION, "待监票人签名");
    Path bundle = folder.resolve(MOTION + ".bundle.json");
    Files.writeString(bundle, bundle(MOTION), StandardCharsets.UTF_8);
    Path signature = folder.resolve(MOTION + ".countersignature.json");
    NodeProcess run =
        jar(
            "countersign",
            bundle.toString(),
            "--key",
            folder.resolve("S3").resolve("S3.key").toString(),
            "--trust",
            nodePub().toString(),
            "--out",
            signature.toString());
    assertEquals(0, run.exitCode(), () -> output(run));
    visible(s3, "bundle-file-" + MOTION).sendKeys(bundle.toString());
    waitText(s3, "digest-" + MOTION, sealedDigest(bundle(MOTION)));
    waitText(s3, "digest-check-" + MOTION, "与节点公布的摘要一致");
    waitText(s3, "result-check-" + MOTION, "结果与结果包中的结果一致");
    visible(s3, "upload-" + MOTION).sendKeys(signature.toString());
    waitText(s3, "mine-" + MOTION, "您已于");
    waitText(s3, "signed-" + MOTION + "-S3", "赵监票");
    Chromium.screenshot(s3, "scrutineer-offline-uploaded");
    assertEquals(1, countersigning(MOTION).getJsonArray("countersignatures").size());
  }

  /**
   * S1 refuses the motion's result on the page with a reason (none is refused first), the refusal
   * shows on the page, and the announce is refused with countersign-refused.
   */
  private void s1RefusesAMotion() throws Exception {
    waitText(s1, "state-" + MOTION, "待监票人签名");
    waitText(s1, "entries-" + MOTION, "共 0 张记名投票");
    waitText(s1, "digest-check-" + MOTION, "与节点公布的摘要一致");
    assertEquals(sealedDigest(bundle(MOTION)), stableText(s1, "digest-" + MOTION));
    click(s1, "refuse-" + MOTION);
    waitText(s1, "said-" + MOTION, "请填写拒绝理由");
    String reason = "出席人数与签到记录不符，请会务组核实";
    visible(s1, "reason-" + MOTION).sendKeys(reason);
    click(s1, "refuse-" + MOTION);
    waitText(s1, "confirm-body", reason);
    click(s1, "confirm-ok");
    waitText(s1, "state-" + MOTION, "有监票人拒绝签名");
    waitText(s1, "refused-" + MOTION + "-S1", reason);
    waitText(s1, "mine-" + MOTION, "您已于");
    Chromium.screenshot(s1, "scrutineer-refused");
    JsonObject now = countersigning(MOTION);
    assertEquals("refused", now.getString("state"), now::encode);
    assertEquals(reason, now.getJsonArray("refusals").getJsonObject(0).getString("reason"));
    assertError(409, "countersign-refused", announce(MOTION));
  }

  /** ?lang=en: the same page in English. */
  private void inEnglish() throws Exception {
    s1.get(node.url(PAGE + "?lang=en"));
    waitText(s1, "state-" + ELECTION, "countersigned");
    waitText(s1, "state-" + MOTION, "a scrutineer refused");
    waitText(s1, "identity-custody", "on this device");
    Chromium.screenshot(s1, "scrutineer-english");
  }

  /** 重新登记 forgets the key after a confirmation: the page is back at enrolment after a reload. */
  private void s3EnrolsAgain() throws Exception {
    click(s3, "re-enrol");
    click(s3, "confirm-cancel");
    waitText(s3, "identity-id", "S3");
    click(s3, "re-enrol");
    click(s3, "confirm-ok");
    visible(s3, "device-code");
    s3.navigate().refresh();
    visible(s3, "offline-key");
  }

  // ---- the node, through the API ----

  private static String code(String scrutineer) throws Exception {
    Answer code =
        send(
            "POST",
            "/api/sittings/" + SITTING + "/scrutineers/" + scrutineer + "/enrolment-code",
            null,
            clerk);
    assertEquals(200, code.status(), code.body()::encode);
    return code.body().getString("code");
  }

  private static JsonObject scrutineer(String id) throws Exception {
    JsonArray panel =
        send("GET", "/api/sittings/" + SITTING + "/scrutineers", null, null)
            .body()
            .getJsonArray("scrutineers");
    for (int i = 0; i < panel.size(); i++) {
      if (id.equals(panel.getJsonObject(i).getString("id"))) {
        return panel.getJsonObject(i);
      }
    }
    throw new AssertionError("no scrutineer " + id + " in " + panel);
  }

  private static String fingerprint(String id) throws Exception {
    return scrutineer(id).getString("fingerprint");
  }

  private static Answer announce(String ballot) throws Exception {
    return send("POST", "/api/ballots/" + ballot + "/announce", null, clerk);
  }

  private static JsonObject countersigning(String ballot) throws Exception {
    Answer answer = send("GET", "/api/ballots/" + ballot + "/countersignatures", null, null);
    assertEquals(200, answer.status(), answer.body()::encode);
    return answer.body();
  }

  /** The bundle as an auditor downloads it, byte for byte. */
  private static String bundle(String ballot) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url("/api/ballots/" + ballot + "/bundle")))
                .header("authorization", "Bearer " + auditor)
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode(), response::body);
    return response.body();
  }

  /** SHA-256 of the canonical bundle without its countersignatures and refusals. */
  private static String sealedDigest(String bundle) {
    JsonObject sealed = new JsonObject(bundle);
    sealed.remove("countersignatures");
    sealed.remove("refusals");
    return Sha256.hex(CanonicalJson.bytes(sealed.encode()));
  }

  private static JsonObject status() throws Exception {
    return send("GET", "/api/sittings/" + SITTING + "/status", null, null).body();
  }

  private static String login(String name, String password) throws Exception {
    return send(
            "POST",
            "/api/login",
            new JsonObject().put("name", name).put("password", password),
            null)
        .body()
        .getString("token");
  }

  /** An API answer: its status and its JSON body (empty when it has none). */
  private record Answer(int status, JsonObject body) {}

  private static void assertError(int status, String code, Answer answer) {
    assertEquals(status, answer.status(), answer.body()::encode);
    assertEquals(code, answer.body().getString("error"), answer.body()::encode);
  }

  private static Answer send(String method, String path, JsonObject body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** A POST signed (RFC 9421) by development terminal key N as the demo's terminal tN. */
  private static Answer signed(int terminal, String path, JsonObject body) throws Exception {
    SigningKey key =
        KeyFiles.readPrivate(Path.of("keys", "dev", String.format("terminal-%03d.key", terminal)));
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        MessageSignature.sign(
            key,
            String.format("t%03d", terminal),
            "n" + NONCES.incrementAndGet(),
            Instant.now(),
            "POST",
            path,
            bytes);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .header("content-type", "application/json");
    headers.forEach(request::header);
    return answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static Answer answer(HttpResponse<String> response) {
    String text = response.body();
    return new Answer(
        response.statusCode(), text.startsWith("{") ? new JsonObject(text) : new JsonObject());
  }

  // ---- the jar's other commands, as processes ----

  /** {@code votehall keygen --out DIR --name ID}: ID.key and ID.pub in a folder of their own. */
  private static Path keygen(String name) throws Exception {
    Path keys = folder.resolve(name);
    NodeProcess run = jar("keygen", "--out", keys.toString(), "--name", name);
    assertEquals(0, run.exitCode(), () -> output(run));
    assertTrue(Files.exists(keys.resolve(name + ".key")), () -> output(run));
    assertTrue(Files.exists(keys.resolve(name + ".pub")), () -> output(run));
    return keys;
  }

  private static NodeProcess jar(String... args) throws Exception {
    NodeProcess run = NodeProcess.start(folder, Map.of(), args);
    if (!run.awaitExit(Duration.ofSeconds(60))) {
      run.close();
      throw new AssertionError("still running after a minute: " + String.join(" ", args));
    }
    return run;
  }

  private static String output(NodeProcess run) {
    try {
      return run.stdout() + run.stderr();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo node's public key: the development key the jar ships (keys/dev/node-1.pub). */
  private static Path nodePub() {
    return Path.of("keys", "dev", "node-1.pub").toAbsolutePath();
  }

  // ---- the browser ----

  private static By test(String id) {
    return By.cssSelector("[data-test='" + id + "']");
  }

  private static WebElement visible(WebDriver driver, String id) {
    return new WebDriverWait(driver, WAIT)
        .withMessage(() -> id + " not shown; the page says: " + shows(driver))
        .until(ExpectedConditions.visibilityOfElementLocated(test(id)));
  }

  private static void click(WebDriver driver, String id) throws IOException {
    try {
      new WebDriverWait(driver, WAIT)
          .withMessage(() -> id + " not clickable; the page says: " + shows(driver))
          .until(ExpectedConditions.elementToBeClickable(test(id)))
          .click();
    } catch (RuntimeException e) {
      Chromium.screenshot(driver, "scrutineer-failed-" + id);
      throw e;
    }
  }

  private static String shows(WebDriver driver) {
    return driver.findElement(By.tagName("body")).getText().replace('\n', ' ');
  }

  private static String text(WebDriver driver, String id) {
    return visible(driver, id).getText();
  }

  /** The element's text, read again if the page redrew its card meanwhile. */
  private static String stableText(WebDriver driver, String id) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .withMessage(() -> id + " not shown; the page says: " + shows(driver))
        .until(d -> d.findElement(test(id)).getText());
  }

  /** Waits until the element shows the text; the page redraws a card when its ballot changes. */
  private static void waitText(WebDriver driver, String id, String part) {
    new WebDriverWait(driver, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .withMessage(() -> id + " never showed \"" + part + "\"; the page says: " + shows(driver))
        .until(
            d ->
                !d.findElements(test(id)).isEmpty()
                    && d.findElement(test(id)).isDisplayed()
                    && d.findElement(test(id)).getText().contains(part));
  }
}
