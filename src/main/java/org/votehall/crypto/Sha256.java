package org.votehall.crypto;

import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 (Bouncy Castle), and its lower-case hex form as ledgers and bundles write it. */
public final class Sha256 {
  private Sha256() {}

  public static byte[] digest(byte[] data) {
    SHA256Digest d = new SHA256Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest(data));
  }
}
