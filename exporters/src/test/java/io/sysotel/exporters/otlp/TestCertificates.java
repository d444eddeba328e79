package io.sysotel.exporters.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA and the server and client certificates it signs (EC P-256, PEM, PKCS#8 keys), made
 * with the {@code openssl} command in a fresh directory. The server certificate is for
 * 127.0.0.1 and localhost.
 */
public record TestCertificates(Path dir, Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
    Path otherCa) {

  public static TestCertificates create() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("sysotel-tls");
    TestCertificates c = new TestCertificates(dir, dir.resolve("ca.pem"), dir.resolve("server.pem"),
        dir.resolve("server.key"), dir.resolve("client.pem"), dir.resolve("client.key"), dir.resolve("other-ca.pem"));
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
        + "extendedKeyUsage=serverAuth\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    for (String ca : List.of("ca", "other-ca")) {
      openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ca + ".key");
      openssl(dir, "req", "-x509", "-new", "-key", ca + ".key", "-subj", "/CN=sysotel test " + ca, "-days", "2",
          "-out", ca + ".pem");
    }
    for (String leaf : List.of("server", "client")) {
      openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", leaf + ".key");
      openssl(dir, "req", "-new", "-key", leaf + ".key", "-subj", "/CN=" + (leaf.equals("server") ? "127.0.0.1" : "sysotel"),
          "-out", leaf + ".csr");
      openssl(dir, "x509", "-req", "-in", leaf + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
          "-days", "2", "-extfile", leaf + ".ext", "-out", leaf + ".pem");
    }
    return c;
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }

  /** A server context with the server certificate; it requires a client certificate signed by {@code clientCa} unless null. */
  SSLContext serverContext(Path clientCa) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", privateKey(serverKey), new char[0], new Certificate[] {certificate(serverCert)});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    TrustManagerFactory tmf = null;
    if (clientCa != null) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate(clientCa));
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return ctx;
  }

  private static Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
  }
}
