package org.votehall.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Ed25519 keys as PEM files: PKCS#8 {@code PRIVATE KEY} and SubjectPublicKeyInfo {@code PUBLIC
 * KEY}.
 */
public final class KeyFiles {
  private KeyFiles() {}

  /**
   * Writes a private key; never overwrites a file that exists. Owner-only where the system allows.
   */
  public static void writePrivate(Path file, SigningKey key) throws IOException {
    byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(key.parameters()).getEncoded();
    byte[] pem = pem("PRIVATE KEY", der);
    try {
      Files.write(file, pem, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(
          file.toString(), null, "a private key is never overwritten");
    }
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own protection applies.
    }
  }

  public static void writePublic(Path file, VerifyingKey key) throws IOException {
    Files.write(file, pem("PUBLIC KEY", key.spki()));
  }

  public static SigningKey readPrivate(Path file) throws IOException {
    AsymmetricKeyParameter key = PrivateKeyFactory.createKey(read(file, "PRIVATE KEY"));
    if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
      throw new IOException(file + ": not an Ed25519 private key");
    }
    return new SigningKey(ed);
  }

  public static VerifyingKey readPublic(Path file) throws IOException {
    try {
      return VerifyingKey.fromSpki(read(file, "PUBLIC KEY"));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file, String type) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject pem = reader.readPemObject();
      if (pem == null || !pem.getType().equals(type)) {
        throw new IOException(file + ": expected a PEM " + type);
      }
      return pem.getContent();
    }
  }

  private static byte[] pem(String type, byte[] der) throws IOException {
    return pemText(type, der).getBytes(StandardCharsets.US_ASCII);
  }

  /** DER as PEM text of the given type ({@code PRIVATE KEY}, {@code CERTIFICATE} …). */
  static String pemText(String type, byte[] der) throws IOException {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject(type, der));
    }
    return text.toString();
  }
}
