package org.votehall.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's TLS key and self-signed certificate (Bouncy Castle, bcpkix): ECDSA P-256, because
 * browsers do not take Ed25519 server certificates. The hall's own trust rests on the node's
 * Ed25519 key; TLS keeps marks from being read on the hall network.
 */
public record TlsCertificate(String keyPem, String certificatePem) {
  private static final Provider BC = new BouncyCastleProvider();

  /**
   * A certificate for {@code hosts} (DNS names or IP addresses), valid for two years from {@code
   * now}.
   */
  public static TlsCertificate selfSigned(
      String node, List<String> hosts, Instant now, SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + node + ",O=votehall");
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, random),
              Date.from(now),
              Date.from(now.plus(Duration.ofDays(730))),
              name,
              pair.getPublic());
      GeneralName[] names =
          hosts.stream().map(TlsCertificate::generalName).toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      X509CertificateHolder certificate =
          builder.build(
              new JcaContentSignerBuilder("SHA256withECDSA")
                  .setProvider(BC)
                  .build(pair.getPrivate()));
      return new TlsCertificate(
          KeyFiles.pemText("PRIVATE KEY", pair.getPrivate().getEncoded()),
          KeyFiles.pemText("CERTIFICATE", certificate.getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Could not make a TLS certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the key owner-only, as the Ed25519 keys are, and never over a file that exists; then the
   * certificate beside it.
   */
  public void write(Path keyFile, Path certificateFile) throws IOException {
    KeyFiles.writeOwnerOnly(keyFile, keyPem.getBytes(StandardCharsets.US_ASCII));
    Files.writeString(certificateFile, certificatePem, StandardCharsets.US_ASCII);
  }

  /** Never the private key: a record would print it wherever the value is logged. */
  @Override
  public String toString() {
    return "TlsCertificate[certificate, private key withheld]";
  }

  private static GeneralName generalName(String host) {
    return host.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*")
        ? new GeneralName(GeneralName.iPAddress, host)
        : new GeneralName(GeneralName.dNSName, host);
  }
}
