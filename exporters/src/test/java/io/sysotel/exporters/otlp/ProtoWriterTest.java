package io.sysotel.exporters.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wire format against protobuf-java's own reader and size functions. */
class ProtoWriterTest {

  @Test
  void varintSizesAreProtobufs() {
    SplittableRandom random = new SplittableRandom(7);
    for (int bit = 0; bit < 64; bit++) {
      for (long v : new long[] {(1L << bit) - 1, 1L << bit, (1L << bit) + 1, -(1L << bit), random.nextLong()}) {
        assertEquals(CodedOutputStream.computeUInt64SizeNoTag(v), ProtoWriter.varintSize(v), "size of " + v);
      }
    }
    assertEquals(1, ProtoWriter.varintSize(0));
    assertEquals(10, ProtoWriter.varintSize(-1));
  }

  @Test
  void nestedMessagesOfEveryLengthClassReadBack() throws IOException {
    for (int length : new int[] {0, 1, 127, 128, 300, 16_383, 16_384, 70_000, 2_097_152}) {
      byte[] content = new byte[length];
      Arrays.fill(content, (byte) 'x');
      ProtoWriter w = new ProtoWriter(16);
      int outer = w.begin(1);
      w.varintField(2, 42);
      int inner = w.begin(3);
      w.write(content, 0, length);
      w.end(inner);
      w.end(outer);

      CodedInputStream in = CodedInputStream.newInstance(w.buffer(), 0, w.size());
      assertEquals(1 << 3 | 2, in.readTag());
      int limit = in.pushLimit(in.readRawVarint32());
      assertEquals(2 << 3, in.readTag());
      assertEquals(42, in.readInt64());
      assertEquals(3 << 3 | 2, in.readTag());
      assertArrayEquals(content, in.readByteArray(), "content of length " + length);
      assertEquals(true, in.isAtEnd());
      in.popLimit(limit);
      assertEquals(true, in.isAtEnd(), "nothing after the message of length " + length);
    }
  }
}
