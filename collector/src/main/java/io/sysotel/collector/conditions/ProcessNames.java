package io.sysotel.collector.conditions;

/**
 * The rule for {@code process.name}: the kernel keeps only 15 characters of a name (comm), so a
 * comm of exactly 15 characters is completed from the executable's file name when that name starts
 * with it. A value then matches the comm, or the completed name.
 */
final class ProcessNames {

  /** TASK_COMM_LEN less the terminating NUL. */
  static final int COMM_LENGTH = 15;

  private ProcessNames() {}

  static boolean matches(TextMatcher m, String comm, String exe) {
    if (comm == null) {
      return false;
    }
    if (m.matches(comm)) {
      return true;
    }
    if (comm.length() != COMM_LENGTH || exe == null) {
      return false;
    }
    String file = basename(exe);
    return file.length() > COMM_LENGTH && file.startsWith(comm) && m.matches(file);
  }

  /** Whether deciding {@code m} may need the executable's path, not just the comm. */
  static boolean mayReadExe(TextMatcher m) {
    boolean matchesAll = m instanceof GlobMatcher g && g.matchesEverything();
    return !matchesAll && m.canMatchLongerThan(COMM_LENGTH);
  }

  static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
