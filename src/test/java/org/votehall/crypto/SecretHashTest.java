package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/** Argon2id (RFC 9106) for PINs and passwords. */
class SecretHashTest {
  private static final SecretHash.Params FAST = new SecretHash.Params(64, 1, 1);

  @Test
  void rfc9106Argon2idTestVector() {
    // RFC 9106 §5.3: password 32 × 0x01, salt 16 × 0x02, secret 8 × 0x03, associated data 12 ×
    // 0x04.
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(32)
            .withIterations(3)
            .withParallelism(4)
            .withSalt(filled(16, 2))
            .withSecret(filled(8, 3))
            .withAdditional(filled(12, 4))
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] tag = new byte[32];
    generator.generateBytes(filled(32, 1), tag);
    assertEquals(
        "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
        HexFormat.of().formatHex(tag));
  }

  @Test
  void aHashMatchesItsSecretOnly() {
    String hash = SecretHash.hash("271828", new SecureRandom(), FAST);
    assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
    assertTrue(SecretHash.matches("271828", hash));
    assertFalse(SecretHash.matches("271829", hash));
    assertFalse(SecretHash.matches("", hash));
    assertNotEquals(
        hash, SecretHash.hash("271828", new SecureRandom(), FAST), "each hash has its own salt");
  }

  @Test
  void aMalformedOrOversizedHashNeverMatches() {
    assertFalse(SecretHash.matches("1234", "1234"));
    assertFalse(
        SecretHash.matches("1234", "$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"));
    assertFalse(
        SecretHash.matches("1234", "$argon2id$v=19$m=9999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"));
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
