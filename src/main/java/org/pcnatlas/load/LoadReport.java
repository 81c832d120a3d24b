package org.pcnatlas.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every row or feature that a loader rejected or repaired, with its reason and location. Readers
 * add to it as they go; nothing is dropped without an entry here.
 */
public final class LoadReport {
  private final List<Problem> problems = new ArrayList<>();

  public synchronized void add(ProblemCode code, String location, String message) {
    problems.add(new Problem(code, location, message));
  }

  public synchronized void addAll(LoadReport other) {
    problems.addAll(other.problems());
  }

  public synchronized List<Problem> problems() {
    return Collections.unmodifiableList(new ArrayList<>(problems));
  }

  /** Problems of one kind. */
  public synchronized List<Problem> problems(ProblemCode code) {
    return problems.stream().filter(p -> p.code() == code).toList();
  }

  public synchronized int count(ProblemCode code) {
    return (int) problems.stream().filter(p -> p.code() == code).count();
  }

  /**
   * Count per problem code, in the declaration order of {@link ProblemCode}, only codes that
   * occurred.
   */
  public synchronized Map<ProblemCode, Integer> counts() {
    Map<ProblemCode, Integer> counts = new EnumMap<>(ProblemCode.class);
    for (Problem p : problems) {
      counts.merge(p.code(), 1, Integer::sum);
    }
    return counts;
  }

  public synchronized boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * One line per problem code with its count, then the first {@code detail} problems of each code.
   */
  public synchronized String summary(int detail) {
    if (problems.isEmpty()) {
      return "no rows rejected or repaired";
    }
    StringBuilder sb = new StringBuilder();
    counts()
        .forEach(
            (code, n) -> {
              sb.append(n)
                  .append(" x ")
                  .append(code.code())
                  .append(" (")
                  .append(code.summary())
                  .append(")\n");
              problems(code).stream()
                  .limit(detail)
                  .forEach(p -> sb.append("    ").append(p).append('\n'));
            });
    return sb.toString().stripTrailing();
  }
}
