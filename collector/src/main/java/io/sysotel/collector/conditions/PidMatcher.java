package io.sysotel.collector.conditions;

/** Matches the process whose id is {@code pid}. */
record PidMatcher(int pid) implements ValueMatcher {

  /** The kernel's hard limit on pid numbers (PID_MAX_LIMIT on 64-bit). */
  static final int MAX_PID = 4_194_304;

  @Override
  public boolean test(ConditionKey key, Subject subject) {
    return subject.pid() == pid;
  }

  @Override
  public String toString() {
    return Integer.toString(pid);
  }
}
