package io.sysotel.collector.conditions;

import io.sysotel.collector.util.Suggestions;
import java.util.Arrays;
import java.util.List;

/** Turns a term's value into the matcher its key needs, or a syntax error at the value. */
final class ValueCompiler {

  private static final List<String> CAPABILITY_NAMES =
      Arrays.stream(Capability.values()).map(Enum::name).toList();

  private final String condition;

  ValueCompiler(String condition) {
    this.condition = condition;
  }

  ValueMatcher compile(ConditionKey key, RawValue value) {
    return switch (key.kind()) {
      case PID -> pid(value);
      case TEXT -> text(value);
      case CAPABILITIES -> capabilities(value);
      case LABELS -> label(value);
    };
  }

  private PidMatcher pid(RawValue v) {
    String digits = v.text();
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw error(v, "a decimal process id");
    }
    String significant = digits.replaceFirst("^0+(?=.)", "");
    long pid = significant.length() > 9 ? Long.MAX_VALUE : Long.parseLong(significant);
    if (pid < 1 || pid > PidMatcher.MAX_PID) {
      throw error(v, "a process id from 1 to " + PidMatcher.MAX_PID);
    }
    return new PidMatcher((int) pid);
  }

  /** An exact, glob or contains matcher; an empty value is exact (label values may be empty). */
  TextMatcher text(RawValue v) {
    int n = v.length();
    if (n > 0 && v.isSpecial(0, '~')) {
      if (n < 2 || !v.isSpecial(n - 1, '~')) {
        throw new ConditionSyntaxException(
            condition,
            v.position() + v.source().length(),
            "'~' closing the contains value",
            null,
            "");
      }
      RawValue inner = v.sub(1, n - 1);
      if (inner.length() == 0) {
        throw error(v, "text between '~' and '~'");
      }
      return inner.hasWildcard()
          ? GlobMatcher.of(inner.inStars())
          : new ContainsMatcher(inner.text());
    }
    return v.hasWildcard() ? GlobMatcher.of(v) : new ExactMatcher(v.text());
  }

  private LabelMatcher label(RawValue v) {
    int eq = v.text().indexOf('=');
    if (eq < 0) {
      return new LabelMatcher(null, text(v));
    }
    if (eq == 0) {
      throw error(v, "a label key before '='");
    }
    return new LabelMatcher(text(v.sub(0, eq)), text(v.sub(eq + 1, v.length())));
  }

  private CapabilityMatcher capabilities(RawValue v) {
    RawValue upper = v.upperCase();
    boolean pattern = upper.isSpecial(0, '~') || upper.hasWildcard();
    if (!pattern) {
      Capability c =
          Capability.byName(upper.text())
              .orElseThrow(
                  () ->
                      error(
                          v,
                          "a capability name such as CAP_NET_RAW",
                          Suggestions.didYouMean(withPrefix(upper.text()), CAPABILITY_NAMES)));
      return new CapabilityMatcher(c.bit(), c.name());
    }
    TextMatcher m = text(upper);
    long mask = 0;
    for (Capability c : Capability.values()) {
      if (m.matches(c.name()) || m.matches(c.shortName())) {
        mask |= c.bit();
      }
    }
    if (mask == 0) {
      throw error(v, "a pattern that matches some capability name");
    }
    return new CapabilityMatcher(mask, Values.quoteIfNeeded(m.escaped()));
  }

  private static String withPrefix(String name) {
    return name.startsWith(Capability.PREFIX) ? name : Capability.PREFIX + name;
  }

  private ConditionSyntaxException error(RawValue v, String expected) {
    return error(v, expected, "");
  }

  private ConditionSyntaxException error(RawValue v, String expected, String hint) {
    return new ConditionSyntaxException(
        condition, v.position(), expected, "'" + v.source() + "'", hint);
  }
}
