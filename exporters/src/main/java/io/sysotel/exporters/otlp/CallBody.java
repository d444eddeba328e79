package io.sysotel.exporters.otlp;

import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import java.util.List;

/**
 * Renders a syscall the way strace prints it: {@code write(fd=1, buf="+", count=1)}. Decoded
 * {@link Arguments} render themselves ({@link Arguments#appendTo}); other text is quoted with C
 * escapes ({@code "a\"b\n"}), and a compact
 * record, whose arguments were never captured, reads {@code write(...)}. Reuses one builder, so
 * it is not thread-safe.
 */
final class CallBody {

  /** The body of a call whose arguments were not captured. */
  static final String ELIDED = "(...)";

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(128);

  /** The rendered call; valid until the next call (it is this renderer's own builder). */
  CharSequence render(String function, List<Argument> args, boolean compact) {
    if (compact) {
      return function + ELIDED;
    }
    out.setLength(0);
    out.append(function).append('(');
    if (args instanceof Arguments decoded) {
      for (int i = 0, n = decoded.size(); i < n; i++) {
        decoded.appendTo(separator(i).append(decoded.name(i)).append('='), i);
      }
    } else {
      for (int i = 0, n = args.size(); i < n; i++) {
        Argument a = args.get(i);
        separator(i).append(a.name()).append('=');
        value(a.value());
      }
    }
    return out.append(')');
  }

  private StringBuilder separator(int i) {
    return i == 0 ? out : out.append(", ");
  }

  private void value(Object v) {
    if (v instanceof String s) {
      quoted(s);
    } else {
      out.append(v);
    }
  }

  private void quoted(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
