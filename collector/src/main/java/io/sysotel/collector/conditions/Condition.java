package io.sysotel.collector.conditions;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which processes a pipeline traces: terms ({@code key:value}) combined with AND, OR, NOT and
 * parentheses; the grammar is in docs/CONFIGURATION.md. {@link #toString()} renders the condition
 * canonically: every AND and OR in parentheses, values escaped and quoted as needed.
 */
public sealed interface Condition
    permits Condition.And, Condition.Or, Condition.Not, Condition.Term {

  /**
   * Parses and checks a condition: keys, capability names and pids are resolved here, so a
   * condition that parses can always be evaluated.
   *
   * @throws ConditionSyntaxException at the first error, with its position
   */
  static Condition parse(String condition) {
    return new ConditionParser(Objects.requireNonNull(condition, "condition")).parse();
  }

  /** Whether the process {@code subject} describes is selected. */
  boolean test(Subject subject);

  /**
   * The keys whose data deciding this condition may read, so the engine knows whether it needs
   * /proc or container/pod metadata. A {@code process.name} term whose value may be longer than the
   * kernel's 15-character comm adds {@link ConditionKey#PROCESS_EXE} (see docs).
   */
  Set<ConditionKey> keys();

  /** All operands hold; at least two, none of them an And. */
  record And(List<Condition> operands) implements Condition {
    public And {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("AND needs two operands or more");
      }
    }

    @Override
    public boolean test(Subject subject) {
      for (Condition c : operands) {
        if (!c.test(subject)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Set<ConditionKey> keys() {
      return union(operands);
    }

    @Override
    public String toString() {
      return operands.stream()
          .map(Condition::toString)
          .collect(Collectors.joining(" AND ", "(", ")"));
    }
  }

  /** Some operand holds; at least two, none of them an Or. */
  record Or(List<Condition> operands) implements Condition {
    public Or {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("OR needs two operands or more");
      }
    }

    @Override
    public boolean test(Subject subject) {
      for (Condition c : operands) {
        if (c.test(subject)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Set<ConditionKey> keys() {
      return union(operands);
    }

    @Override
    public String toString() {
      return operands.stream()
          .map(Condition::toString)
          .collect(Collectors.joining(" OR ", "(", ")"));
    }
  }

  /** The operand does not hold. */
  record Not(Condition operand) implements Condition {
    @Override
    public boolean test(Subject subject) {
      return !operand.test(subject);
    }

    @Override
    public Set<ConditionKey> keys() {
      return operand.keys();
    }

    @Override
    public String toString() {
      return "NOT " + operand;
    }
  }

  /** {@code key:value}; the matcher was compiled for the key by the parser. */
  record Term(ConditionKey key, ValueMatcher matcher) implements Condition {
    public Term {
      boolean fits =
          switch (key.kind()) {
            case PID -> matcher instanceof PidMatcher;
            case TEXT -> matcher instanceof TextMatcher;
            case CAPABILITIES -> matcher instanceof CapabilityMatcher;
            case LABELS -> matcher instanceof LabelMatcher;
          };
      if (!fits) {
        throw new IllegalArgumentException(
            key + " cannot take a " + matcher.getClass().getSimpleName());
      }
    }

    @Override
    public boolean test(Subject subject) {
      return matcher.test(key, subject);
    }

    @Override
    public Set<ConditionKey> keys() {
      boolean readsExe =
          key == ConditionKey.PROCESS_NAME && ProcessNames.mayReadExe((TextMatcher) matcher);
      return Collections.unmodifiableSet(
          readsExe ? EnumSet.of(key, ConditionKey.PROCESS_EXE) : EnumSet.of(key));
    }

    @Override
    public String toString() {
      return key.text() + ":" + matcher;
    }
  }

  private static Set<ConditionKey> union(List<Condition> operands) {
    EnumSet<ConditionKey> keys = EnumSet.noneOf(ConditionKey.class);
    operands.forEach(c -> keys.addAll(c.keys()));
    return Collections.unmodifiableSet(keys);
  }
}
