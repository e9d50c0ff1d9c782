package org.votehall.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindSigningKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.StrictBase64;
import org.votehall.ledger.RecordedCast;

/**
 * The worked examples of docs/api.md, read from the file itself (fenced blocks {@code ```text
 * example=NAME}) and recomputed from their inputs twice: with the small, independent code below
 * (JDK Ed25519 and RSASSA-PSS, SHA-256/384, EMSA-PSS and blind RSA with {@link BigInteger}, RFC
 * 8785 for the few JSON shapes involved) — what a terminal vendor writes — and with votehall's own
 * classes. So the page cannot drift from the code.
 */
class ApiDocExamplesTest {
  private static final Path DOC = Path.of("docs", "api.md");
  private static final Pattern FENCE = Pattern.compile("```text example=([a-z0-9/-]+)( wrapped)?");
  private static final Set<String> EXAMPLES =
      Set.of(
          "terminal/seed",
          "terminal/key",
          "check-in/request",
          "check-in/base",
          "recorded/signed",
          "recorded/signature",
          "recorded/request",
          "recorded/box-entry",
          "recorded/response",
          "secret/blind-key",
          "secret/n",
          "secret/message",
          "secret/prefix",
          "secret/token",
          "secret/salt",
          "secret/encoded",
          "secret/r",
          "secret/inverse",
          "issue/request",
          "issue/response",
          "secret/signature",
          "cast/request",
          "cast/box-entry",
          "cast/response");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int MODULUS_BYTES = 256;

  private static Map<String, String> examples;
  private static SigningKey terminal;

  @BeforeAll
  static void readTheDoc() throws Exception {
    examples = new LinkedHashMap<>();
    Iterator<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8).iterator();
    while (lines.hasNext()) {
      Matcher fence = FENCE.matcher(lines.next());
      if (fence.matches()) {
        StringBuilder value = new StringBuilder();
        for (String line = lines.next(); !line.equals("```"); line = lines.next()) {
          value.append(value.isEmpty() ? "" : "\n").append(line);
        }
        String text =
            fence.group(2) == null ? value.toString() : value.toString().replace("\n", "");
        assertTrue(
            examples.put(fence.group(1), text) == null, "twice in the doc: " + fence.group(1));
      }
    }
    terminal = KeyFiles.readPrivate(Path.of("keys", "dev", "terminal-001.key"));
  }

  private static String example(String name) {
    return present(examples.get(name), "docs/api.md has no example " + name);
  }

  private static String present(String value, String message) {
    assertNotNull(value, message);
    return value;
  }

  @Test
  void theDocShowsEveryExampleAndOnlyThese() {
    assertEquals(EXAMPLES, examples.keySet());
  }

  @Test
  void theTerminalKeyIsTheDevelopmentKey() throws Exception {
    SigningKey fromSeed =
        new SigningKey(new Ed25519PrivateKeyParameters(HEX.parseHex(example("terminal/seed"))));
    assertEquals(example("terminal/key"), fromSeed.verifyingKey().base64());
    assertEquals(
        example("terminal/key"),
        KeyFiles.readPublic(Path.of("keys", "dev", "terminal-001.pub")).base64());
    byte[] probe = "the same key signs the same bytes".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        terminal.sign(SignaturePurpose.HTTP_MESSAGE, probe),
        fromSeed.sign(SignaturePurpose.HTTP_MESSAGE, probe));
  }

  @ParameterizedTest
  @ValueSource(strings = {"check-in", "recorded", "issue"})
  void aSignedRequest(String name) throws Exception {
    Message request = Message.parse(example(name + "/request"));
    String digest = "sha-256=:" + base64(digest("SHA-256", request.body())) + ":";
    assertEquals(digest, request.header("Content-Digest"));
    String input = request.header("Signature-Input");
    assertTrue(input.startsWith("sig1="), input);
    String params = input.substring("sig1=".length());
    String base =
        String.join(
            "\n",
            "\"@method\": " + request.method(),
            "\"@path\": " + request.path(),
            "\"content-digest\": " + digest,
            "\"@signature-params\": " + params);
    if (examples.containsKey(name + "/base")) {
      assertEquals(example(name + "/base"), base);
    }
    String signature = request.header("Signature");
    assertTrue(signature.startsWith("sig1=:") && signature.endsWith(":"), signature);
    byte[] signatureBytes =
        Base64.getDecoder().decode(signature.substring(6, signature.length() - 1));
    // The base bytes themselves are signed: nothing in front (SignaturePurpose.HTTP_MESSAGE).
    assertTrue(ed25519Verifies(base.getBytes(StandardCharsets.UTF_8), signatureBytes));

    Map<String, String> ours =
        MessageSignature.sign(
            terminal,
            param(params, "keyid"),
            param(params, "nonce"),
            Instant.ofEpochSecond(Long.parseLong(param(params, "created"))),
            request.method(),
            request.path(),
            request.body());
    assertEquals(
        Map.of("Content-Digest", digest, "Signature-Input", input, "Signature", signature), ours);
    assertEquals(
        java.util.Optional.empty(),
        MessageSignature.problem(input, signature, digest, request.body()));
    MessageSignature.Claim claim =
        MessageSignature.parse(input, signature, request.method(), request.path(), digest)
            .orElseThrow();
    assertEquals(base, new String(claim.base(), StandardCharsets.UTF_8));
    assertTrue(
        terminal
            .verifyingKey()
            .verify(SignaturePurpose.HTTP_MESSAGE, claim.base(), claim.signature()));
  }

  @Test
  void aRecordedCast() throws Exception {
    Message request = Message.parse(example("recorded/request"));
    JsonNode body = JSON.readTree(request.body());
    String ballot = request.path().split("/")[3];
    Map<String, Object> signed = new TreeMap<>();
    signed.put("ballot", ballot);
    signed.put("deputy", body.get("deputy").asText());
    signed.put("marks", body.get("marks"));
    signed.put("nonce", body.get("nonce").asText());
    String canonical = canonical(signed);
    assertEquals(example("recorded/signed"), canonical);
    ObjectNode marksObject = JSON.createObjectNode().set("marks", body.get("marks"));
    assertEquals(
        canonical,
        new String(
            RecordedCast.signedBytes(
                ballot, body.get("deputy").asText(), marksObject, body.get("nonce").asText()),
            StandardCharsets.UTF_8));

    byte[] tagged = concat(utf8("votehall/recorded-cast/v1"), new byte[1], utf8(canonical));
    String signature = example("recorded/signature");
    assertTrue(ed25519Verifies(tagged, Base64.getDecoder().decode(signature)));
    assertEquals(signature, base64(terminal.sign(SignaturePurpose.RECORDED_CAST, utf8(canonical))));
    assertEquals(signature, body.get("signature").asText());

    Map<String, Object> entry = new TreeMap<>();
    entry.put("deputy", body.get("deputy").asText());
    entry.put("marks", body.get("marks"));
    entry.put("nonce", body.get("nonce").asText());
    entry.put("signature", signature);
    entry.put("terminal", param(request.header("Signature-Input"), "keyid"));
    assertEquals(example("recorded/box-entry"), canonical(entry));
    assertReceipt(example("recorded/box-entry"), Message.parse(example("recorded/response")));
    assertDateNear(request, Message.parse(example("recorded/response")));
  }

  @Test
  void theSecretFlowByHand() throws Exception {
    RSAPublicKey key = blindKey();
    BigInteger n = key.getModulus();
    BigInteger e = key.getPublicExponent();
    assertEquals(new BigInteger(example("secret/n"), 16), n);
    assertEquals(BigInteger.valueOf(65537), e);
    assertEquals(MODULUS_BYTES, (n.bitLength() + 7) / 8);

    byte[] token = concat(hex("secret/prefix"), hex("secret/message"));
    assertEquals(64, token.length);
    assertEquals(
        example("secret/token"), Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    byte[] encoded = emsaPssEncode(token, hex("secret/salt"), n.bitLength() - 1);
    assertEquals(example("secret/encoded"), HEX.formatHex(encoded));
    BigInteger m = new BigInteger(1, encoded);
    BigInteger r = new BigInteger(1, hex("secret/r"));
    assertTrue(
        r.compareTo(BigInteger.ONE) > 0 && r.compareTo(n) < 0 && r.gcd(n).equals(BigInteger.ONE));
    BigInteger inverse = new BigInteger(1, hex("secret/inverse"));
    assertEquals(r.modInverse(n), inverse);

    Message issue = Message.parse(example("issue/request"));
    JsonNode issueBody = JSON.readTree(issue.body());
    BigInteger blinded = m.multiply(r.modPow(e, n)).mod(n);
    assertEquals(base64(i2osp(blinded)), issueBody.get("blindedMessage").asText());
    assertEquals(blindKeyText(), issueBody.get("blindKey").asText());

    // BlindSign (RFC 9474 §4.3), with the example's private key
    RSAPrivateCrtKey secret = blindPrivateKey();
    assertEquals(n, secret.getModulus());
    Message answer = Message.parse(example("issue/response"));
    JsonNode answerBody = JSON.readTree(answer.body());
    BigInteger blindSignature = blinded.modPow(secret.getPrivateExponent(), n);
    assertEquals(base64(i2osp(blindSignature)), answerBody.get("blindSignature").asText());
    assertEquals(blindKeyText(), answerBody.get("blindKey").asText());
    assertDateNear(issue, answer);

    // Finalize (§4.4): unblind, then it is an RSASSA-PSS signature over the token
    BigInteger s = blindSignature.multiply(inverse).mod(n);
    assertEquals(example("secret/signature"), base64(i2osp(s)));
    assertEquals(m, s.modPow(e, n));
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
    pss.initVerify(key);
    pss.update(token);
    assertTrue(pss.verify(i2osp(s)), "the JDK's RSASSA-PSS accepts the finalized signature");
  }

  @Test
  void theSecretFlowWithOurClasses() throws Exception {
    byte[] token = Base64.getUrlDecoder().decode(example("secret/token"));
    byte[] blinded =
        Base64.getDecoder()
            .decode(
                JSON.readTree(Message.parse(example("issue/request")).body())
                    .get("blindedMessage")
                    .asText());
    byte[] blindSignature =
        Base64.getDecoder()
            .decode(
                JSON.readTree(Message.parse(example("issue/response")).body())
                    .get("blindSignature")
                    .asText());
    byte[] signature = Base64.getDecoder().decode(example("secret/signature"));

    BlindPublicKey published = BlindPublicKey.fromBase64(blindKeyText());
    assertEquals(blindKeyText(), published.base64());
    assertTrue(published.verify(token, signature));
    RSAPrivateCrtKey k = blindPrivateKey();
    BlindSigningKey node =
        new BlindSigningKey(
            new RSAPrivateCrtKeyParameters(
                k.getModulus(),
                k.getPublicExponent(),
                k.getPrivateExponent(),
                k.getPrimeP(),
                k.getPrimeQ(),
                k.getPrimeExponentP(),
                k.getPrimeExponentQ(),
                k.getCrtCoefficient()));
    assertEquals(blindKeyText(), node.publicKey().base64());
    assertArrayEquals(blindSignature, node.blindSign(blinded));

    // BlindingClient draws the message, the prefix, r and the salt, in this order (Bouncy Castle).
    ScriptedRandom random =
        new ScriptedRandom(
            hex("secret/message"), hex("secret/prefix"), hex("secret/r"), hex("secret/salt"));
    BlindingClient client = new BlindingClient(published, random);
    BlindingClient.Request request = client.request();
    assertTrue(random.used(), "every scripted value was drawn");
    assertArrayEquals(token, request.token());
    assertArrayEquals(blinded, request.blindedMessage());
    assertArrayEquals(signature, client.finish(request, blindSignature));
  }

  @Test
  void aSecretCast() throws Exception {
    Message request = Message.parse(example("cast/request"));
    assertEquals("POST", request.method());
    assertTrue(request.path().endsWith("/casts/secret"), request.path());
    assertFalse(request.headers().containsKey("Signature"), "a secret cast is not signed");
    JsonNode body = JSON.readTree(request.body());
    String token = body.get("token").asText();
    assertEquals(example("secret/token"), token);
    assertEquals(86, token.length());
    assertEquals(64, StrictBase64.base64Url(token).orElseThrow().length);
    assertEquals(example("secret/signature"), body.get("blindSignature").asText());
    assertEquals(
        MODULUS_BYTES,
        StrictBase64.base64(body.get("blindSignature").asText()).orElseThrow().length);

    Map<String, Object> entry = new TreeMap<>();
    entry.put("blindSignature", body.get("blindSignature").asText());
    entry.put("marks", body.get("marks"));
    entry.put("token", token);
    entry.put("writeIns", body.get("writeIns"));
    assertEquals(example("cast/box-entry"), canonical(entry));
    assertReceipt(example("cast/box-entry"), Message.parse(example("cast/response")));
  }

  private static void assertReceipt(String boxEntry, Message response) throws Exception {
    assertEquals("HTTP/1.1 200 OK", response.startLine());
    JsonNode answer = JSON.readTree(response.body());
    assertEquals(
        HEX.formatHex(digest("SHA-256", boxEntry.getBytes(StandardCharsets.UTF_8))),
        answer.get("receipt").asText());
    assertFalse(answer.get("retry").asBoolean());
    assertEquals(2, answer.size());
  }

  /** The example's Date header is a real HTTP date within the two minutes `created` allows. */
  private static void assertDateNear(Message request, Message response) {
    Instant created =
        Instant.ofEpochSecond(Long.parseLong(param(request.header("Signature-Input"), "created")));
    Instant date =
        ZonedDateTime.parse(response.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
    assertTrue(Duration.between(created, date).abs().compareTo(Duration.ofMinutes(2)) <= 0);
  }

  // ---- what a terminal vendor writes: EMSA-PSS (RFC 8017 §9.1.1), I2OSP, RFC 8785 ----

  private static byte[] emsaPssEncode(byte[] message, byte[] salt, int emBits) throws Exception {
    int emLen = (emBits + 7) / 8;
    byte[] mHash = digest("SHA-384", message);
    byte[] h = digest("SHA-384", concat(new byte[8], mHash, salt));
    byte[] db = new byte[emLen - h.length - 1];
    db[db.length - salt.length - 1] = 0x01;
    System.arraycopy(salt, 0, db, db.length - salt.length, salt.length);
    byte[] mask = mgf1(h, db.length);
    for (int i = 0; i < db.length; i++) {
      db[i] ^= mask[i];
    }
    db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
    return concat(db, h, new byte[] {(byte) 0xbc});
  }

  private static byte[] mgf1(byte[] seed, int length) throws Exception {
    byte[] out = new byte[0];
    for (int counter = 0; out.length < length; counter++) {
      byte[] c = {
        (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
      };
      out = concat(out, digest("SHA-384", concat(seed, c)));
    }
    return java.util.Arrays.copyOf(out, length);
  }

  private static byte[] i2osp(BigInteger x) {
    byte[] raw = x.toByteArray();
    byte[] out = new byte[MODULUS_BYTES];
    int n = Math.min(raw.length, MODULUS_BYTES);
    System.arraycopy(raw, raw.length - n, out, MODULUS_BYTES - n, n);
    return out;
  }

  /** RFC 8785 for what the examples hold: objects, arrays and strings. */
  private static String canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>(); // String order is UTF-16 code-unit order
      map.forEach((k, v) -> sorted.put((String) k, v));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach(
          (k, v) ->
              out.append(out.length() > 1 ? "," : "")
                  .append(string(k))
                  .append(':')
                  .append(canonical(v)));
      return out.append('}').toString();
    }
    if (value instanceof String s) {
      return string(s);
    }
    JsonNode node = (JsonNode) value;
    if (node.isObject()) {
      Map<String, Object> fields = new TreeMap<>();
      node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
      return canonical(fields);
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      node.forEach(v -> out.append(out.length() > 1 ? "," : "").append(canonical(v)));
      return out.append(']').toString();
    }
    if (node.isTextual()) {
      return string(node.asText());
    }
    return fail("not in the examples: " + node);
  }

  private static String string(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  // ---- keys and small helpers ----

  private static boolean ed25519Verifies(byte[] message, byte[] signature) throws Exception {
    PublicKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(example("terminal/key"))));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static String blindKeyText() throws Exception {
    return JSON.readTree(Message.parse(example("secret/blind-key")).body())
        .get("blindKey")
        .asText();
  }

  private static RSAPublicKey blindKey() throws Exception {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(blindKeyText())));
  }

  private static RSAPrivateCrtKey blindPrivateKey() throws Exception {
    String pem =
        Files.readString(Path.of("src", "test", "resources", "api", "blind-example.key"))
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return (RSAPrivateCrtKey)
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  private static String param(String signatureParams, String name) {
    Matcher m = Pattern.compile(";" + name + "=(?:\"([^\"]*)\"|([0-9]+))").matcher(signatureParams);
    assertTrue(m.find(), name + " in " + signatureParams);
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static byte[] hex(String name) {
    return HEX.parseHex(example(name));
  }

  private static byte[] digest(String algorithm, byte[] data) throws Exception {
    return MessageDigest.getInstance(algorithm).digest(data);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** An HTTP request or response as the doc writes it: start line, headers, empty line, body. */
  private record Message(String startLine, Map<String, String> headers, byte[] body) {
    static Message parse(String text) {
      int end = text.indexOf("\n\n");
      assertTrue(end > 0, "no empty line before the body:\n" + text);
      List<String> head = List.of(text.substring(0, end).split("\n"));
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : head.subList(1, head.size())) {
        int colon = line.indexOf(": ");
        assertTrue(colon > 0, "not a header: " + line);
        headers.put(line.substring(0, colon), line.substring(colon + 2));
      }
      return new Message(
          head.get(0), headers, text.substring(end + 2).getBytes(StandardCharsets.UTF_8));
    }

    String header(String name) {
      return present(headers.get(name), "no " + name + " header in\n" + startLine);
    }

    String method() {
      return startLine.split(" ")[0];
    }

    String path() {
      return startLine.split(" ")[1];
    }
  }

  /** Hands out the given values, one per call and of exactly the length asked for. */
  private static final class ScriptedRandom extends SecureRandom {
    private final Deque<byte[]> values;

    ScriptedRandom(byte[]... values) {
      this.values = new ArrayDeque<>(List.of(values));
    }

    @Override
    public void nextBytes(byte[] bytes) {
      byte[] next = values.poll();
      if (next == null || next.length != bytes.length) {
        fail(
            "asked for "
                + bytes.length
                + " random bytes; the script has "
                + (next == null ? "nothing" : next.length + " bytes")
                + " next");
      }
      System.arraycopy(next, 0, bytes, 0, bytes.length);
    }

    boolean used() {
      return values.isEmpty();
    }
  }
}
