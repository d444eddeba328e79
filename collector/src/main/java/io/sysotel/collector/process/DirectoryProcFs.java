package io.sysotel.collector.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link ProcFs} over a directory laid out like procfs. */
final class DirectoryProcFs implements ProcFs {

  /** Command lines can be megabytes long; events need the start of them. */
  static final int DEFAULT_MAX_CMDLINE_BYTES = 4096;

  /** In {@code /proc/<pid>/stat}, the fields after the parenthesised comm start with field 3. */
  private static final int START_TIME_INDEX_AFTER_COMM = 22 - 3;

  private final Path root;
  private final int maxCmdlineBytes;

  DirectoryProcFs(Path root, int maxCmdlineBytes) {
    this.root = root;
    this.maxCmdlineBytes = maxCmdlineBytes;
  }

  @Override
  public String cmdline(int pid) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(pidDir(pid).resolve("cmdline"))) {
      bytes = in.readNBytes(maxCmdlineBytes);
    } catch (IOException | SecurityException e) {
      return null;
    }
    int len = bytes.length;
    while (len > 0 && bytes[len - 1] == 0) {
      len--;
    }
    if (len == 0) {
      return null; // kernel threads and zombies have no command line
    }
    for (int i = 0; i < len; i++) {
      if (bytes[i] == 0) {
        bytes[i] = ' ';
      }
    }
    return new String(bytes, 0, len, StandardCharsets.UTF_8);
  }

  @Override
  public String exe(int pid) {
    try {
      return Files.readSymbolicLink(pidDir(pid).resolve("exe")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  @Override
  public long startTicks(int pid) {
    String stat;
    try {
      stat = Files.readString(pidDir(pid).resolve("stat"), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return -1;
    }
    return parseStartTicks(stat);
  }

  /** Field 22 of a stat line; the comm may itself hold spaces and parentheses. */
  static long parseStartTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return -1;
    }
    String[] fields = stat.substring(close + 1).trim().split(" ");
    if (fields.length <= START_TIME_INDEX_AFTER_COMM) {
      return -1;
    }
    try {
      return Long.parseLong(fields[START_TIME_INDEX_AFTER_COMM]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public long bootTimeUnixNanos() {
    try {
      for (String line : Files.readAllLines(root.resolve("stat"), StandardCharsets.UTF_8)) {
        if (line.startsWith("btime ")) {
          return Long.parseLong(line.substring(6).trim()) * 1_000_000_000L;
        }
      }
    } catch (IOException | NumberFormatException | SecurityException e) {
      return -1;
    }
    return -1;
  }

  private Path pidDir(int pid) {
    return root.resolve(Integer.toString(pid));
  }

  @Override
  public String toString() {
    return "procfs at " + root;
  }
}
