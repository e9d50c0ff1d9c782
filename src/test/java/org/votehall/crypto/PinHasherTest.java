package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PIN hashes keyed with a pepper only the nodes hold: no pepper, no check. */
class PinHasherTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SecretHash.Params FAST = new SecretHash.Params(64, 1, 1);
  private static JsonNode vectors;

  @TempDir Path dir;

  @BeforeAll
  static void readVectors() throws IOException {
    try (InputStream in =
        PinHasherTest.class.getResourceAsStream("/vectors-crypto/pin-hashes.json")) {
      vectors = new ObjectMapper().readTree(in);
    }
  }

  private static PinPepper pepper(String name) {
    return PinPepper.of(HexFormat.of().parseHex(vectors.path("peppers").path(name).asText()));
  }

  @Test
  void theVectors() {
    assertEquals(vectors.path("pepperIds").path("P").asText(), pepper("P").id());
    assertEquals(vectors.path("pepperIds").path("Q").asText(), pepper("Q").id());
    int checked = 0;
    for (JsonNode v : vectors.path("vectors")) {
      String pin = v.path("pin").asText();
      String hash = v.path("hash").asText();
      boolean matches =
          v.path("pepper").isNull()
              ? SecretHash.matches(pin, hash)
              : new PinHasher(pepper(v.path("pepper").asText()), FAST, RANDOM).matches(pin, hash);
      assertEquals(v.path("matches").asBoolean(), matches, v.path("name").asText());
      checked++;
    }
    assertEquals(13, checked);
  }

  @Test
  void aHashMatchesItsPinUnderItsPepperOnly() {
    PinHasher hasher = new PinHasher(PinPepper.generate(RANDOM), FAST, RANDOM);
    String hash = hasher.hash("271828");
    assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1,keyid=" + hasher.pepperId() + "$"));
    assertTrue(hasher.matches("271828", hash));
    assertFalse(hasher.matches("271829", hash));
    assertNotEquals(hash, hasher.hash("271828"), "each hash has its own salt");
    assertFalse(
        new PinHasher(PinPepper.generate(RANDOM), FAST, RANDOM).matches("271828", hash),
        "another pepper");
    assertFalse(SecretHash.matches("271828", hash), "no pepper");
    assertFalse(SecretHash.isWellFormed(hash), "not a password hash");
    assertTrue(PinHasher.isPeppered(hash));
  }

  /** Without the pepper, even the Argon2id of the right PIN with the hash's own salt differs. */
  @Test
  void withoutThePepperNoPinCanBeChecked() {
    PinPepper pepper = PinPepper.generate(RANDOM);
    String hash = new PinHasher(pepper, FAST, RANDOM).hash("000042");
    SecretHash.Parsed parsed = SecretHash.parse(hash).orElseThrow();
    for (int pin = 0; pin < 100; pin++) {
      assertFalse(parsed.matches(String.format("%06d", pin), null), "an offline search");
    }
    assertTrue(parsed.matches("000042", pepper.secret()));
  }

  @Test
  void theProblemWithAHashIsNamed() {
    PinHasher p = new PinHasher(pepper("P"), FAST, RANDOM);
    assertTrue(p.problem(p.hash("1234")).isEmpty());
    assertTrue(p.problem("nonsense").orElseThrow().contains("not an Argon2id"));
    String unpeppered = SecretHash.hash("1234", RANDOM, FAST);
    assertFalse(PinHasher.isPeppered(unpeppered));
    assertTrue(
        p.problem(unpeppered).orElseThrow().contains("unpeppered"), p.problem(unpeppered).get());
    String other = new PinHasher(pepper("Q"), FAST, RANDOM).hash("1234");
    String problem = p.problem(other).orElseThrow();
    assertTrue(problem.contains("made with PIN pepper 0B/733pY"), problem);
    assertTrue(problem.contains("this node holds pepper 6IMjlIzL"), problem);
  }

  @Test
  void aPepperFileRoundTripsOwnerOnlyAndIsNeverOverwritten() throws Exception {
    PinPepper pepper = PinPepper.generate(RANDOM);
    Path file = dir.resolve("pin-pepper.pem");
    pepper.write(file);
    assertEquals(pepper.id(), PinPepper.read(file).id());
    assertTrue(Files.readString(file).contains("-----BEGIN VOTEHALL PIN PEPPER-----"));
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    assertThrows(FileAlreadyExistsException.class, () -> PinPepper.generate(RANDOM).write(file));
    assertEquals(pepper.id(), PinPepper.read(file).id());
    assertFalse(pepper.toString().contains(HexFormat.of().formatHex(pepper.secret())));
  }

  @Test
  void aFileThatIsNotAPepperIsRefusedNamingIt() throws Exception {
    Path key = Path.of("keys", "dev", "node-1.key");
    IOException e = assertThrows(IOException.class, () -> PinPepper.read(key));
    assertTrue(e.getMessage().contains("node-1.key: not a PIN pepper file"), e.getMessage());
    Path shortOne =
        Files.writeString(
            dir.resolve("short.pem"), KeyFiles.pemText(PinPepper.PEM_TYPE, new byte[16]));
    e = assertThrows(IOException.class, () -> PinPepper.read(shortOne));
    assertTrue(e.getMessage().contains("a PIN pepper is 32 bytes, not 16"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PinPepper.of(new byte[31]));
  }

  @Test
  void theDevelopmentPepperIsAPepper() throws Exception {
    Path dev = Path.of("keys", "dev", "dev-pin-pepper.pem");
    assertTrue(Files.readString(dev).contains("DEVELOPMENT"), "says what it is");
    assertEquals(PinPepper.BYTES, PinPepper.read(dev).secret().length);
  }
}
