package org.votehall.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The cluster's own certificate authority and the node certificates it signs, for the mutual TLS of
 * the event bus (Bouncy Castle, bcpkix): ECDSA P-256 with SHA-256, which the JDK's TLS 1.3 takes
 * for client authentication. The event bus checks no host name, so the trust is the CA itself: only
 * a certificate this cluster's CA signed is let in. A CA is valid ten years, a node certificate
 * two; both start an hour back, so that a node whose clock runs a little behind takes a fresh one.
 */
public record ClusterCertificate(String keyPem, String certificatePem) {
  private static final Provider BC = new BouncyCastleProvider();
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration NODE_VALIDITY = Duration.ofDays(730);
  private static final String SIGNATURE = "SHA256withECDSA";

  /** A new cluster CA: self-signed, a CA for node certificates only (path length 0). */
  public static ClusterCertificate authority(Instant now, SecureRandom random) {
    try {
      KeyPair pair = keyPair(random);
      String id = HexFormat.of().formatHex(id(random));
      X500Name name = new X500Name("CN=votehall cluster CA " + id + ",O=votehall");
      X509v3CertificateBuilder builder =
          builder(name, name, pair.getPublic(), now, CA_VALIDITY, random);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return of(pair.getPrivate(), sign(builder, pair.getPrivate()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Could not make a cluster CA: " + e.getMessage(), e);
    }
  }

  /**
   * A node's certificate for the event bus, signed by this CA: for TLS servers and clients both
   * (every node is each), and for nothing else.
   */
  public ClusterCertificate issue(String node, Instant now, SecureRandom random) {
    try {
      X509CertificateHolder ca = certificate(certificatePem);
      PrivateKey caKey = privateKey(keyPem);
      KeyPair pair = keyPair(random);
      X500Name name = new X500Name("CN=" + node + ",OU=cluster,O=votehall");
      X509v3CertificateBuilder builder =
          builder(ca.getSubject(), name, pair.getPublic(), now, NODE_VALIDITY, random);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(ca.getSubjectPublicKeyInfo()));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return of(pair.getPrivate(), sign(builder, caKey));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Could not make a cluster certificate: " + e.getMessage(), e);
    }
  }

  /** A key and certificate as {@link #write} wrote them (the CA's, to issue node certificates). */
  public static ClusterCertificate read(Path keyFile, Path certificateFile) throws IOException {
    String key = text(keyFile);
    String certificate = text(certificateFile);
    try {
      if (!matches(privateKey(key), certificate(certificate))) {
        throw new IOException(keyFile + " is not the key of " + certificateFile);
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(
          keyFile + " and " + certificateFile + " are not an EC key and certificate in PEM", e);
    }
    return new ClusterCertificate(key, certificate);
  }

  /** A cluster CA as {@link #authority} made it and {@link #write} wrote it, to issue with. */
  public static ClusterCertificate readAuthority(Path keyFile, Path certificateFile)
      throws IOException {
    ClusterCertificate ca = read(keyFile, certificateFile);
    BasicConstraints constraints =
        BasicConstraints.fromExtensions(certificate(ca.certificatePem).getExtensions());
    if (constraints == null || !constraints.isCA()) {
      throw new IOException(certificateFile + " is not a CA certificate");
    }
    return ca;
  }

  /**
   * Writes the key owner-only and never over a file that exists, as the node keys are; then the
   * certificate beside it.
   */
  public void write(Path keyFile, Path certificateFile) throws IOException {
    KeyFiles.writeOwnerOnly(keyFile, keyPem.getBytes(StandardCharsets.US_ASCII));
    Files.writeString(certificateFile, certificatePem, StandardCharsets.US_ASCII);
  }

  /** The certificate's SHA-256 fingerprint, lower-case hex, as {@code openssl x509} shows it. */
  public String fingerprint() {
    try {
      return HexFormat.of().formatHex(Sha256.digest(certificate(certificatePem).getEncoded()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Never the private key: a record would print it wherever the value is logged. */
  @Override
  public String toString() {
    return "ClusterCertificate[certificate, private key withheld]";
  }

  /** What is wrong with a node's event-bus TLS files. */
  public enum Problem {
    KEY_UNREADABLE,
    CERTIFICATE_UNREADABLE,
    CA_UNREADABLE,
    CA_NOT_A_CA,
    CA_NOT_VALID_NOW,
    NOT_SIGNED_BY_CA,
    NOT_VALID_NOW,
    NOT_FOR_TLS,
    KEY_NOT_THE_CERTIFICATES
  }

  /** The node's TLS files do not make a node certificate of the cluster CA. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    Invalid(Problem problem, String detail) {
      super(detail, null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /**
   * Checks that {@code certificate} was signed by {@code ca}, a CA certificate, that both are valid
   * at {@code now}, that the certificate may serve TLS servers and clients, and that {@code key} is
   * its private key.
   */
  public static void check(Path key, Path certificate, Path ca, Instant now) throws Invalid {
    PrivateKey privateKey;
    try {
      privateKey = privateKey(text(key));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new Invalid(Problem.KEY_UNREADABLE, "not an EC private key in PEM (PKCS#8)");
    }
    X509CertificateHolder node = readCertificate(certificate, Problem.CERTIFICATE_UNREADABLE);
    X509CertificateHolder authority = readCertificate(ca, Problem.CA_UNREADABLE);
    BasicConstraints constraints = BasicConstraints.fromExtensions(authority.getExtensions());
    if (constraints == null || !constraints.isCA()) {
      throw new Invalid(Problem.CA_NOT_A_CA, "not a CA certificate");
    }
    Date at = Date.from(now);
    if (!authority.isValidOn(at)) {
      throw new Invalid(Problem.CA_NOT_VALID_NOW, validity(authority));
    }
    try {
      if (!node.getIssuer().equals(authority.getSubject())
          || !node.isSignatureValid(
              new JcaContentVerifierProviderBuilder().setProvider(BC).build(authority))) {
        throw new Invalid(Problem.NOT_SIGNED_BY_CA, "issued by " + node.getIssuer());
      }
    } catch (CertException | OperatorCreationException | GeneralSecurityException e) {
      throw new Invalid(
          Problem.NOT_SIGNED_BY_CA, "its signature does not check: " + e.getMessage());
    }
    if (!node.isValidOn(at)) {
      throw new Invalid(Problem.NOT_VALID_NOW, validity(node));
    }
    ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(node.getExtensions());
    if (usage != null
        && !(usage.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth)
            && usage.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth))) {
      throw new Invalid(
          Problem.NOT_FOR_TLS, "its extended key usage lacks TLS server or client authentication");
    }
    try {
      if (!matches(privateKey, node)) {
        throw new Invalid(Problem.KEY_NOT_THE_CERTIFICATES, "another key pair's");
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new Invalid(Problem.KEY_NOT_THE_CERTIFICATES, e.getMessage());
    }
  }

  // ---- helpers ----

  private static byte[] id(SecureRandom random) {
    byte[] id = new byte[4];
    random.nextBytes(id);
    return id;
  }

  private static KeyPair keyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer,
      X500Name subject,
      PublicKey key,
      Instant now,
      Duration validity,
      SecureRandom random) {
    Instant from = now.minus(BACKDATE);
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, random).add(BigInteger.ONE),
        Date.from(from),
        Date.from(now.plus(validity)),
        subject,
        key);
  }

  private static X509CertificateHolder sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException {
    return builder.build(new JcaContentSignerBuilder(SIGNATURE).setProvider(BC).build(key));
  }

  private static ClusterCertificate of(PrivateKey key, X509CertificateHolder certificate)
      throws IOException {
    return new ClusterCertificate(
        KeyFiles.pemText("PRIVATE KEY", key.getEncoded()),
        KeyFiles.pemText("CERTIFICATE", certificate.getEncoded()));
  }

  /** True if {@code key} signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509CertificateHolder certificate)
      throws GeneralSecurityException, IOException {
    SubjectPublicKeyInfo info = certificate.getSubjectPublicKeyInfo();
    PublicKey publicKey =
        KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
    byte[] challenge = "votehall/cluster-key-check/v1".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(SIGNATURE, BC);
    signer.initSign(key);
    signer.update(challenge);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(SIGNATURE, BC);
    verifier.initVerify(publicKey);
    verifier.update(challenge);
    return verifier.verify(signature);
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException, IOException {
    PrivateKey key =
        KeyFactory.getInstance("EC", BC)
            .generatePrivate(new PKCS8EncodedKeySpec(pemContent(pem, "PRIVATE KEY")));
    if (!(key instanceof ECPrivateKey)) {
      throw new GeneralSecurityException("not an EC key");
    }
    return key;
  }

  private static X509CertificateHolder certificate(String pem) throws IOException {
    try {
      return new X509CertificateHolder(pemContent(pem, "CERTIFICATE"));
    } catch (IllegalArgumentException e) {
      throw new IOException("not an X.509 certificate", e);
    }
  }

  private static X509CertificateHolder readCertificate(Path file, Problem problem) throws Invalid {
    try {
      return certificate(text(file));
    } catch (IOException e) {
      throw new Invalid(problem, "not an X.509 certificate in PEM");
    }
  }

  private static String validity(X509CertificateHolder c) {
    return "valid from " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant();
  }

  private static byte[] pemContent(String text, String type) throws IOException {
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject pem = reader.readPemObject();
      if (pem == null || !pem.getType().equals(type)) {
        throw new IOException("expected a PEM " + type);
      }
      return pem.getContent();
    }
  }

  private static String text(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a PEM file (not ASCII text)", e);
    }
  }
}
