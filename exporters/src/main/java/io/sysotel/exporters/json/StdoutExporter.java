package io.sysotel.exporters.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/** JSON lines on standard output. Closing it flushes but leaves the stream open. */
final class StdoutExporter extends JsonLinesExporter {

  private final OutputStream out;

  StdoutExporter(String id, OutputStream out) {
    super(id);
    this.out = out;
  }

  @Override
  void writeLines(byte[] bytes, int off, int len) throws IOException {
    out.write(bytes, off, len);
    // PrintStream swallows errors (a closed pipe, a full disk); ask, once per write.
    if (out instanceof PrintStream ps && ps.checkError()) {
      throw new IOException("standard output failed (closed pipe or full disk?)");
    }
  }

  @Override
  void flushOutput() throws IOException {
    out.flush();
  }

  @Override
  void closeOutput() throws IOException {
    out.flush();
  }
}
