package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Private key files: RFC 8410 PKCS#8 version 0 written, versions 0 and 1 read. */
class KeyFilesTest {
  private static final Path DEV = Path.of("keys", "dev");
  @TempDir Path dir;

  private static JsonNode vectors() throws IOException {
    try (InputStream in =
        KeyFilesTest.class.getResourceAsStream("/vectors-crypto/rfc8410-keys.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<Arguments> read() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode v : vectors().get("read")) {
      out.add(Arguments.of(v.get("description").asText(), v.get("input"), v.get("output")));
    }
    return out.stream();
  }

  @Test
  void writesTheRfc8410VersionZeroKeyByteForByte() throws Exception {
    int n = 0;
    for (JsonNode v : vectors().get("write")) {
      byte[] raw = HexFormat.of().parseHex(v.get("input").get("privateKey").asText());
      Path file = dir.resolve("written-" + n++ + ".key");
      KeyFiles.writePrivate(file, new SigningKey(new Ed25519PrivateKeyParameters(raw)));
      assertEquals(v.get("output").get("pem").asText(), Files.readString(file));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("read")
  void readsOrRefusesAsTheVectorSays(String description, JsonNode input, JsonNode output)
      throws Exception {
    Path file = Files.writeString(dir.resolve("k.key"), input.get("pem").asText());
    if (output.has("refused")) {
      IOException e = assertThrows(IOException.class, () -> KeyFiles.readPrivate(file));
      assertEquals(file + ": " + output.get("refused").asText(), e.getMessage());
    } else {
      assertEquals(
          output.get("publicKey").asText(), KeyFiles.readPrivate(file).verifyingKey().base64());
    }
  }

  @Test
  void aVersionOneKeyAsVotehallWroteItBeforeStillReadsAsTheSameKey() throws Exception {
    Path v2 = Path.of("src", "test", "resources", "keys", "node-1.pkcs8-v2.key");
    assertEquals(1, pkcs8(v2).getVersion().intValueExact(), "the fixture must stay version 1");
    assertTrue(pkcs8(v2).hasPublicKey());
    SigningKey old = KeyFiles.readPrivate(v2);
    SigningKey now = KeyFiles.readPrivate(DEV.resolve("node-1.key"));
    assertEquals(KeyFiles.readPublic(DEV.resolve("node-1.pub")), old.verifyingKey());
    byte[] message = {7, 8, 9};
    assertArrayEquals(
        now.sign(SignaturePurpose.BUNDLE, message), old.sign(SignaturePurpose.BUNDLE, message));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "node-1",
        "node-2",
        "node-3",
        "terminal-001",
        "terminal-002",
        "terminal-003",
        "terminal-004"
      })
  void everyDevelopmentKeyIsVersionZeroWithoutAPublicKey(String name) throws Exception {
    PrivateKeyInfo info = pkcs8(DEV.resolve(name + ".key"));
    assertEquals(0, info.getVersion().intValueExact(), name);
    assertFalse(info.hasPublicKey(), name);
    assertEquals(48, info.getEncoded().length, name);
  }

  @Test
  void aWrittenKeyIsVersionZeroAndOwnerOnly() throws Exception {
    Path file = dir.resolve("node.key");
    KeyFiles.writePrivate(file, SigningKey.generate(new SecureRandom()));
    assertEquals(0, pkcs8(file).getVersion().intValueExact());
    assertFalse(pkcs8(file).hasPublicKey());
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "no POSIX permissions on this file system");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  private static PrivateKeyInfo pkcs8(Path file) throws IOException {
    try (PemReader reader = new PemReader(Files.newBufferedReader(file))) {
      return PrivateKeyInfo.getInstance(reader.readPemObject().getContent());
    }
  }
}
