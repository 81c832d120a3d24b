package org.pcnatlas.propose;

/**
 * The exact optimum of {@link Objective} by enumeration: every partition of the practices into
 * networks (restricted growth strings, each partition once), those with a network whose practices
 * are not connected left out. The reference the heuristic search is measured against on small
 * instances; the number of partitions is the Bell number (4,213,597 for 12 practices), so it
 * refuses more than {@link #MAX_PRACTICES}.
 */
public final class ExhaustiveSearch {
  public static final int MAX_PRACTICES = 12;

  /** The best configuration, its score, and how many contiguous configurations were scored. */
  public record Result(int[] network, Score score, long contiguous) {}

  private final Instance in;
  private final int[] label;
  private int[] best;
  private Score bestScore;
  private long contiguous;

  private ExhaustiveSearch(Instance in) {
    this.in = in;
    this.label = new int[in.size()];
  }

  public static Result optimum(Instance in) {
    if (in.size() > MAX_PRACTICES) {
      throw new IllegalArgumentException(
          "an exhaustive search takes at most " + MAX_PRACTICES + " practices, not " + in.size());
    }
    if (in.size() == 0) {
      return new Result(new int[0], Objective.score(in, new int[0]), 1);
    }
    ExhaustiveSearch s = new ExhaustiveSearch(in);
    s.extend(0, 0);
    return new Result(s.best, s.bestScore, s.contiguous);
  }

  private void extend(int i, int labels) {
    if (i == label.length) {
      if (!Objective.contiguous(in, label)) {
        return;
      }
      contiguous++;
      Score score = Objective.score(in, label);
      if (bestScore == null || score.betterThan(bestScore)) {
        bestScore = score;
        best = label.clone();
      }
      return;
    }
    for (int l = 0; l <= labels; l++) {
      label[i] = l;
      extend(i + 1, Math.max(labels, l + 1));
    }
  }
}
