package io.sysotel.collector.task;

/**
 * One thing wrong with a task.
 *
 * @param where the option at fault ({@code functions}, ...), or {@code task} for the whole task
 * @param column the 1-based character position in a one-line task string; 0 when there is none
 *     (the YAML form, or an option that is missing)
 * @param message what is wrong, and what would be right when that is known
 */
public record Problem(String where, int column, String message) {

  @Override
  public String toString() {
    return column > 0 ? where + " (column " + column + "): " + message : where + ": " + message;
  }
}
