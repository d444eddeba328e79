package io.sysotel.collector.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Who is reporting: the node's host name, an agent id stable for the node (derived from
 * /etc/machine-id) and an instance id new at every start. Ids are 20 characters of base32hex
 * with the time first, so they sort by creation like the reference product's ids.
 */
public record Identity(String hostname, String agentId, String instanceId) {

  private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  public static Identity ofThisHost() {
    String hostname = firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost");
    String machineId = firstLine(Path.of("/etc/machine-id"), hostname);
    return new Identity(hostname, stableId(machineId), newId());
  }

  /** A new id: 5 bytes of seconds since the epoch, then 7 random bytes. */
  public static String newId() {
    byte[] b = new byte[12];
    long seconds = System.currentTimeMillis() / 1000;
    for (int i = 0; i < 5; i++) {
      b[i] = (byte) (seconds >>> (8 * (4 - i)));
    }
    byte[] random = new byte[7];
    RANDOM.nextBytes(random);
    System.arraycopy(random, 0, b, 5, 7);
    return base32(b);
  }

  static String stableId(String seed) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      byte[] b = new byte[12];
      System.arraycopy(digest, 0, b, 0, 12);
      return base32(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 12 bytes (96 bits) as 20 base32hex characters (the last 4 bits padded with zeros). */
  static String base32(byte[] b) {
    StringBuilder out = new StringBuilder(20);
    int buffer = 0;
    int bits = 0;
    for (byte x : b) {
      buffer = (buffer << 8) | (x & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32HEX[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32HEX[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  private static String firstLine(Path file, String fallback) {
    try {
      String s = Files.readString(file).trim();
      return s.isEmpty() ? fallback : s;
    } catch (IOException e) {
      return fallback;
    }
  }
}
