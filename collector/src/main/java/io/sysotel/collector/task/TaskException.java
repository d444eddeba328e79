package io.sysotel.collector.task;

import java.util.List;
import java.util.stream.Collectors;

/** A task that cannot run, with every problem found in it (not only the first). */
public final class TaskException extends IllegalArgumentException {

  private final List<Problem> problems;

  TaskException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
