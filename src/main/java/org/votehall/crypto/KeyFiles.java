package org.votehall.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Ed25519 keys as PEM files: PKCS#8 {@code PRIVATE KEY} and SubjectPublicKeyInfo {@code PUBLIC
 * KEY}.
 */
public final class KeyFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyFiles() {}

  /**
   * Writes a private key as an RFC 8410 PKCS#8 v1 structure (version 0, no public key); never
   * overwrites a file that exists. Owner-only where the system allows.
   */
  public static void writePrivate(Path file, SigningKey key) throws IOException {
    writeOwnerOnly(file, pem("PRIVATE KEY", pkcs8(key.parameters())));
  }

  /**
   * RFC 8410 §7 OneAsymmetricKey, version 0: the algorithm without parameters and the 32-byte
   * private key wrapped in an OCTET STRING. Not Bouncy Castle's {@code PrivateKeyInfoFactory}: it
   * writes version 1 with the public key, which OpenSSL 3.0 and Python's cryptography refuse.
   */
  static byte[] pkcs8(Ed25519PrivateKeyParameters key) throws IOException {
    return new PrivateKeyInfo(
            new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
            new DEROctetString(key.getEncoded()))
        .getEncoded(ASN1Encoding.DER);
  }

  public static void writePublic(Path file, VerifyingKey key) throws IOException {
    Files.write(file, pem("PUBLIC KEY", key.spki()));
  }

  /**
   * Reads a PKCS#8 Ed25519 private key, version 0 (RFC 8410) or version 1 (RFC 5958, as votehall
   * wrote them before); a public key in it must be the private key's own.
   */
  public static SigningKey readPrivate(Path file) throws IOException {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(read(file, "PRIVATE KEY"));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a PKCS#8 private key", e);
    }
    if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw new IOException(file + ": not an Ed25519 private key");
    }
    byte[] raw;
    try {
      raw = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ": the Ed25519 private key is not an OCTET STRING", e);
    }
    if (raw.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IOException(file + ": an Ed25519 private key is 32 bytes, not " + raw.length);
    }
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(raw);
    if (info.hasPublicKey()
        && !Arrays.equals(
            info.getPublicKeyData().getOctets(), key.generatePublicKey().getEncoded())) {
      throw new IOException(file + ": the public key in it is not the private key's own");
    }
    return new SigningKey(key);
  }

  public static VerifyingKey readPublic(Path file) throws IOException {
    try {
      return VerifyingKey.fromSpki(read(file, "PUBLIC KEY"));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not an Ed25519 public key (SubjectPublicKeyInfo)", e);
    }
  }

  /**
   * Writes a secret file that must not exist yet. The file is created owner-only, so the secret is
   * never readable by others, not even for a moment; where the file system has no POSIX
   * permissions, the directory's own protection applies.
   */
  static void writeOwnerOnly(Path file, byte[] secret) throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (OutputStream out = Channels.newOutputStream(create(file, options))) {
      out.write(secret);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(
          file.toString(), null, "a private key is never overwritten");
    }
  }

  private static SeekableByteChannel create(Path file, Set<StandardOpenOption> options)
      throws IOException {
    FileAttribute<Set<PosixFilePermission>> ownerOnly =
        PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    try {
      return Files.newByteChannel(file, options, ownerOnly);
    } catch (UnsupportedOperationException e) {
      return Files.newByteChannel(file, options);
    }
  }

  private static byte[] read(Path file, String type) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a PEM file (not ASCII text)", e);
    }
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
