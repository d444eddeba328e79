package io.sysotel.exporters.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * JSON lines appended to a file that rotates by size: when the next write would pass {@code
 * maxBytes}, {@code path} becomes {@code path.1}, {@code path.1} becomes {@code path.2}, and so on;
 * the oldest beyond {@code maxFiles} is deleted. Lines are never split across files.
 */
final class FileExporter extends JsonLinesExporter {

  private final FileSettings settings;
  private FileChannel channel;
  private long size;

  private FileExporter(String id, FileSettings settings) throws IOException {
    super(id);
    this.settings = settings;
    Path parent = settings.path().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    openCurrent();
  }

  static FileExporter open(String id, FileSettings settings) throws IOException {
    return new FileExporter(id, settings);
  }

  private void openCurrent() throws IOException {
    channel =
        FileChannel.open(
            settings.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    size = channel.size();
  }

  @Override
  void writeLines(byte[] bytes, int off, int len) throws IOException {
    if (!channel.isOpen()) {
      openCurrent(); // a failed rotation left it closed
    }
    if (size > 0 && size + len > settings.maxBytes()) {
      rotate();
    }
    ByteBuffer src = ByteBuffer.wrap(bytes, off, len);
    while (src.hasRemaining()) {
      channel.write(src);
    }
    size += len;
  }

  private void rotate() throws IOException {
    channel.close();
    Path path = settings.path();
    int keep = settings.maxFiles();
    if (keep == 0) {
      Files.deleteIfExists(path);
    } else {
      Files.deleteIfExists(rotated(keep));
      for (int i = keep - 1; i >= 1; i--) {
        if (Files.exists(rotated(i))) {
          Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    openCurrent();
  }

  private Path rotated(int n) {
    Path path = settings.path();
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  /** Lines go straight to the channel; nothing is held here, and fsync is left to the OS. */
  @Override
  void flushOutput() {}

  @Override
  void closeOutput() throws IOException {
    channel.close();
  }
}
