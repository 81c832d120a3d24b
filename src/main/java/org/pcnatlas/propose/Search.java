package org.pcnatlas.propose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.pcnatlas.analysis.Figures;

/**
 * The proposal search over an {@link Instance}: a construction from today's networks, then a local
 * search of boundary moves and merges with a tabu list, every candidate evaluated incrementally
 * from the networks' running sums (O(areas present) per candidate, never the whole analysis).
 *
 * <p><b>State.</b> Each network keeps its size, its residents per area (dense, with the list of
 * areas present), the list-weighted sums of its sites for the spread, and a code: the index of the
 * network of today it continues, or -1 for a new one. A practice is moved when its network's code
 * is not its network of today, which is what the emitted scenario does.
 *
 * <p><b>Hard constraints</b>, never broken by a step: a changed network's practices are connected
 * in the adjacency graph (a move needs the practice to touch its new network and its old one to
 * stay connected without it); fixed practices do not move; a locked network (a fixed PCN, or the
 * unallocated practices) takes no practice in (its practices may leave unless fixed); at most
 * {@code maxMoves} practices moved; with crossing forbidden, every network's practices share one
 * home area (where most of their cell's residents live).
 *
 * <p><b>Construction</b>: today's networks, each split into its connected parts (the largest keeps
 * the code) and, with crossing forbidden, by home area; then networks that cross the alignment
 * layer split by home area where every part can meet the lower bound; then networks over the band
 * split in two where both halves can meet it; then networks under the band merged into the adjacent
 * network that gains most; then a repair chain (below) for each network that still misses a rule.
 * <b>Local search</b>: first-improvement sweeps over boundary moves until none improves; in each
 * sweep, a network near what moved that misses a rule is merged into a neighbour, repaired by a
 * chain of boundary moves (practices out of it when it is over the band, into it when under, its
 * practices of another home area out of it when it straddles; each link the best such move; kept
 * cut back to its best point when that beats the start), or split as in the construction (or, when
 * no cut puts both parts in the band, into a part in it and a repaired rest), whichever gains
 * first: a chain finds what single moves cannot, since with networks counted one moved practice
 * seldom changes a rule. Then tabu steps (the best move whose practice was not moved in the last
 * {@link #TENURE} steps, unless it beats the best found), each followed by sweeps, until {@code
 * patience} steps give nothing better or the time limit is reached, and an iterated local search:
 * small random kicks of the best configuration, each descended again. Deterministic for a seed when
 * it ends by patience (the default limits leave Oxfordshire and England far inside the time limit).
 */
public final class Search {
  static final int TENURE = 7;

  /** Instances up to this size scan every move in a tabu step; larger ones those near a miss. */
  static final int SMALL = 500;

  /**
   * How to search.
   *
   * @param forbidCrossing every network's practices share one home area (hard)
   * @param fixed per practice, true when it must stay in its network of today
   * @param locked per network of today, true when it must take no practice in (fixed PCNs, the
   *     unallocated practices); its practices may leave unless they are fixed
   * @param maxMoves at most this many practices moved, or -1 for no limit
   * @param patience tabu steps without a better configuration before stopping
   * @param timeLimitNanos stop at this time, whatever the patience (Long.MAX_VALUE: none)
   * @param progress told the share of the patience or of the time used, from 0 to 1
   */
  public record Options(
      boolean forbidCrossing,
      boolean[] fixed,
      boolean[] locked,
      int maxMoves,
      long seed,
      int patience,
      long timeLimitNanos,
      DoubleConsumer progress) {
    public static Options defaults(Instance in) {
      return new Options(
          false,
          new boolean[in.size()],
          new boolean[in.networks().size()],
          -1,
          1,
          defaultPatience(in),
          Long.MAX_VALUE,
          p -> {});
    }

    public Options withSeed(long s) {
      return new Options(
          forbidCrossing, fixed, locked, maxMoves, s, patience, timeLimitNanos, progress);
    }
  }

  /** The patience by default: enough steps to leave a local optimum on small and large cases. */
  public static int defaultPatience(Instance in) {
    return Math.max(200, Math.min(2_000, 4 * in.size()));
  }

  /**
   * The configuration found.
   *
   * @param network per practice, its network label (0..networks-1, by lowest practice)
   * @param codes per label, the index of the network of today whose code it keeps, or -1
   * @param score the score with these codes ({@link Objective#score} with the codes)
   * @param steps tabu steps taken
   * @param timedOut true when the time limit ended the search
   */
  public record Result(int[] network, int[] codes, Score score, long steps, boolean timedOut) {}

  private final Instance in;
  private final Options o;
  private final int n;
  private final int areas;
  private final SplittableRandom random;
  private final int[] home;
  private final int[][] areaIdx; // per practice, the areas where its cell has residents
  private final double[][] areaVal;
  private final double[] scratch; // figures(): the residents per area of one candidate

  // state
  private final int[] label;
  private final List<Net> nets = new ArrayList<>();
  private int moved;
  private final long[] tabuUntil;
  private final boolean[] dirty;
  private final List<int[]> journal =
      new ArrayList<>(); // {practice, label before, label after}, when journaling
  private boolean journaling;
  private long step;
  private boolean timedOut;
  private final long start;

  /** One network's running sums. */
  private final class Net {
    int code;
    int count;
    int anyMember = -1;
    int home = -1;
    double size;
    final double[] res = new double[areas];
    final int[] refs = new int[areas];
    final int[] present = new int[areas];
    final int[] pos = new int[areas];
    int presentCount;
    double w;
    double sx;
    double sy;
    double q;

    /** A network of today that takes no practice in (a fixed PCN, the unallocated practices). */
    boolean locked() {
      return code >= 0 && o.locked()[code];
    }

    /** The unallocated practices: each counts as a violation. */
    boolean unallocated() {
      return code >= 0 && code == in.unallocated();
    }

    /** How many times a practice joined or left it. */
    long version;

    /** Its version when {@link #splitAll} last failed on it (-1: never), not to try it again. */
    long splitFailedAt = -1;

    void add(int i, int sign) {
      version++;
      count += sign;
      size += sign * in.sizeOf(i);
      for (int t = 0; t < areaIdx[i].length; t++) {
        int k = areaIdx[i][t];
        res[k] += sign * areaVal[i][t];
        refs[k] += sign;
        if (sign > 0 && refs[k] == 1) {
          pos[k] = presentCount;
          present[presentCount++] = k;
        } else if (sign < 0 && refs[k] == 0) {
          int last = present[--presentCount];
          present[pos[k]] = last;
          pos[last] = pos[k];
          res[k] = 0;
        }
      }
      double wi = weight(i);
      double xi = in.x()[i] / 1000;
      double yi = in.y()[i] / 1000;
      w += sign * wi;
      sx += sign * wi * xi;
      sy += sign * wi * yi;
      q += sign * wi * (xi * xi + yi * yi);
      if (count == 0) {
        w = sx = sy = q = size = 0;
      }
    }
  }

  /**
   * A network's part of the score: the practices it puts out of the band and across the layer, its
   * residents outside its dominant area, its spread.
   */
  private record Part(int outOfBand, int straddling, double outside, double spread) {
    static final Part NONE = new Part(0, 0, 0, 0);

    int violations() {
      return outOfBand + straddling;
    }
  }

  private Search(Instance in, Options o) {
    this.in = in;
    this.o = o;
    this.n = in.size();
    this.areas = in.areas().size();
    this.random = new SplittableRandom(o.seed());
    this.label = new int[n];
    this.tabuUntil = new long[n];
    this.dirty = new boolean[n];
    this.home = in.homes();
    this.areaIdx = new int[n][];
    this.areaVal = new double[n][];
    this.scratch = new double[areas];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (double r : in.residents()[i]) {
        c += r > 0 ? 1 : 0;
      }
      areaIdx[i] = new int[c];
      areaVal[i] = new double[c];
      int t = 0;
      for (int k = 0; k < areas; k++) {
        if (in.residents()[i][k] > 0) {
          areaIdx[i][t] = k;
          areaVal[i][t++] = in.residents()[i][k];
        }
      }
    }
    this.start = System.nanoTime();
  }

  /** Runs the search. */
  public static Result run(Instance in, Options o) {
    if (o.fixed().length != in.size() || o.locked().length != in.networks().size()) {
      throw new IllegalArgumentException(
          "fixed and locked must have one entry per practice/network");
    }
    Search s = new Search(in, o);
    return s.search();
  }

  private static double weight(long list) {
    return Math.max(1, list);
  }

  private double weight(int i) {
    return weight(in.list()[i]);
  }

  // ---- the search ----

  /** A configuration found: the labels, their networks' codes, its score. */
  private record Found(int[] label, int[] codes, Score score) {}

  private Found found() {
    return new Found(label.clone(), codes(), current());
  }

  private Result search() {
    construct();
    sweep(true);
    Found best = descend(found(), o.patience(), Integer.MAX_VALUE, true);
    // iterated local search: kick the best configuration, descend again, keep what is better
    int kicks = timedOut ? 0 : Math.min(MAX_KICKS, KICK_BUDGET / Math.max(1, n));
    for (int k = 0; k < kicks; k++) {
      if (System.nanoTime() - start > o.timeLimitNanos()) {
        timedOut = true;
        break;
      }
      restore(best.label(), best.codes());
      kick();
      sweep(true);
      Found local = descend(found(), o.patience() / 10, o.patience(), false);
      if (local.score().betterThan(best.score())) {
        best = local;
      }
      o.progress().accept(Math.max(progressShare(0), (double) (k + 1) / kicks));
    }
    o.progress().accept(1.0);
    return finish(best.label(), best.codes());
  }

  /**
   * Tabu steps from the current state, each followed by a sweep near what moved, until {@code
   * quiet} steps in a row find nothing better than the best so far, {@code limit} steps are taken,
   * or no move is left; the main descent ({@code main}) also stops at the time limit and reports
   * progress.
   */
  private Found descend(Found from, int quiet, int limit, boolean main) {
    Found best = from;
    for (int t = 0, since = 0; since < quiet && t < limit; t++) {
      if (main && System.nanoTime() - start > o.timeLimitNanos()) {
        timedOut = true;
        break;
      }
      step++;
      if (!tabuStep(best.score())) {
        break;
      }
      sweep(false);
      Score now = current();
      if (now.betterThan(best.score())) {
        best = new Found(label.clone(), codes(), now);
        since = 0;
      } else {
        since++;
      }
      if (main && (step & 15) == 0) {
        o.progress().accept(progressShare(since));
      }
    }
    return best;
  }

  /** The most kicks of the iterated local search, and the budget they share (kicks x practices). */
  static final int MAX_KICKS = 300;

  static final int KICK_BUDGET = 4_000;

  /** The state of a configuration found before (labels and their networks' codes). */
  private void restore(int[] labels, int[] netCodes) {
    nets.clear();
    moved = 0;
    for (int l = 0; l < netCodes.length; l++) {
      newNet(netCodes[l]);
    }
    for (int i = 0; i < n; i++) {
      label[i] = labels[i];
      Net g = nets.get(labels[i]);
      g.add(i, 1);
      g.anyMember = i;
      if (o.forbidCrossing() && g.home < 0) {
        g.home = home[i];
      }
      if (g.code != in.today()[i]) {
        moved++;
      }
    }
    Arrays.fill(tabuUntil, 0);
  }

  /** One to three random allowed boundary moves that keep networks connected. */
  private void kick() {
    int moves = 1 + random.nextInt(3);
    for (int m = 0, tries = 0; m < moves && tries < 20 * n; tries++) {
      int i = random.nextInt(n);
      int[] to = touching(i);
      if (to.length == 0) {
        continue;
      }
      int l = to[random.nextInt(to.length)];
      if (allowed(i, l) && leavesConnected(i)) {
        reassign(i, l);
        m++;
      }
    }
  }

  private double progressShare(int since) {
    double byPatience = (double) since / o.patience();
    double byTime =
        o.timeLimitNanos() == Long.MAX_VALUE
            ? 0
            : (double) (System.nanoTime() - start) / o.timeLimitNanos();
    return Math.min(0.99, Math.max(byPatience, byTime));
  }

  /**
   * Relabels 0..k-1 by lowest practice; keeps the codes, or the greedy ones ({@link
   * Objective#codes}) when they keep the hard constraints and score better.
   */
  private Result finish(int[] labels, int[] netCodes) {
    int[] relabel = new int[netCodes.length];
    Arrays.fill(relabel, -1);
    int[] out = new int[n];
    List<Integer> codeList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      if (relabel[l] < 0) {
        relabel[l] = codeList.size();
        codeList.add(netCodes[l]);
      }
      out[i] = relabel[l];
    }
    int[] codes = codeList.stream().mapToInt(Integer::intValue).toArray();
    int[] greedy = Objective.codes(in, Objective.groups(out));
    Score mine = Objective.score(in, out, codes);
    Score theirs = Objective.score(in, out, greedy);
    // the greedy codes must keep the hard constraints too: fixed practices in their network, none
    // joining a locked one; and be better as a whole (a locked U code counts its practices)
    boolean keeps = true;
    for (int i = 0; i < n && keeps; i++) {
      int c = greedy[out[i]];
      keeps =
          !(o.fixed()[i] && c != in.today()[i]) && !(c >= 0 && o.locked()[c] && c != in.today()[i]);
    }
    if (keeps && theirs.betterThan(mine)) {
      return new Result(out, greedy, theirs, step, timedOut);
    }
    return new Result(out, codes, mine, step, timedOut);
  }

  private int[] codes() {
    int[] c = new int[nets.size()];
    for (int g = 0; g < c.length; g++) {
      c[g] = nets.get(g).code;
    }
    return c;
  }

  /** The score of the current state: the sum of the networks' parts. */
  private Score current() {
    return sum(nets);
  }

  /**
   * The score's parts of the given networks only, with the practices moved: compares two states
   * that differ in those networks alone as {@link #current} would, in O(their areas), not O(all).
   */
  private Score local(Iterable<Integer> labels) {
    List<Net> some = new ArrayList<>();
    for (int l : labels) {
      some.add(nets.get(l));
    }
    return sum(some);
  }

  /** The sum of these networks' parts, with the practices moved. */
  private Score sum(List<Net> networks) {
    int band = 0;
    int straddle = 0;
    double outside = 0;
    double spread = 0;
    for (Net g : networks) {
      Part p = part(g);
      band += p.outOfBand();
      straddle += p.straddling();
      outside += p.outside();
      spread += p.spread();
    }
    return new Score(band, straddle, moved, outside, spread);
  }

  private List<Integer> labelsFrom(int l, int first) {
    List<Integer> out = new ArrayList<>();
    out.add(l);
    for (int k = first; k < nets.size(); k++) {
      out.add(k);
    }
    return out;
  }

  // ---- construction ----

  private void construct() {
    for (int t = 0; t < in.networks().size(); t++) {
      newNet(t);
    }
    for (int i = 0; i < n; i++) {
      label[i] = in.today()[i];
      nets.get(label[i]).add(i, 1);
      nets.get(label[i]).anyMember = i;
    }
    // connected parts (and home areas when crossing is forbidden)
    for (int t = 0; t < in.networks().size(); t++) {
      Net g = nets.get(t);
      if (g.count == 0 || g.locked()) {
        continue;
      }
      List<int[]> parts = parts(t, o.forbidCrossing());
      if (parts.size() > 1) {
        parts.sort((a, b) -> Double.compare(sizeOf(b), sizeOf(a)));
        int[] keep = parts.get(0);
        int forced = 0;
        for (int p = 1; p < parts.size(); p++) {
          forced += parts.get(p).length;
        }
        boolean fixedOutside = false;
        for (int p = 1; p < parts.size(); p++) {
          for (int i : parts.get(p)) {
            fixedOutside |= o.fixed()[i];
          }
        }
        if (fixedOutside || (o.maxMoves() >= 0 && moved + forced > o.maxMoves())) {
          continue; // left as it is: the report says the network is not contiguous
        }
        for (int p = 1; p < parts.size(); p++) {
          int l = newNet(-1);
          for (int i : parts.get(p)) {
            reassign(i, l);
          }
        }
        g.anyMember = keep[0];
      }
      if (o.forbidCrossing() && g.count > 0) {
        g.home = home[g.anyMember];
      }
    }
    if (!o.forbidCrossing()) {
      splitByHome();
    }
    splitOversize();
    mergeUndersize();
    for (int l = 0; l < nets.size(); l++) {
      if (nets.get(l).count > 0 && part(nets.get(l)).violations() > 0) {
        repair(l);
      }
    }
  }

  private double sizeOf(int[] members) {
    double s = 0;
    for (int i : members) {
      s += in.sizeOf(i);
    }
    return s;
  }

  private int newNet(int code) {
    Net g = new Net();
    g.code = code;
    nets.add(g);
    return nets.size() - 1;
  }

  /** Moves practice i to network l, keeping the counts. */
  private void reassign(int i, int l) {
    int from = label[i];
    if (journaling) {
      journal.add(new int[] {i, from, l});
    }
    Net a = nets.get(from);
    Net b = nets.get(l);
    if (a.code != in.today()[i]) {
      moved--;
    }
    a.add(i, -1);
    b.add(i, 1);
    label[i] = l;
    if (b.code != in.today()[i]) {
      moved++;
    }
    b.anyMember = i;
    if (b.home < 0 && o.forbidCrossing()) {
      b.home = home[i];
    }
    if (a.anyMember == i) {
      a.anyMember = -1;
      if (a.count > 0) {
        for (int j : in.neighbours()[i]) {
          if (label[j] == from) {
            a.anyMember = j;
            break;
          }
        }
        if (a.anyMember < 0) {
          for (int j = 0; j < n; j++) {
            if (label[j] == from) {
              a.anyMember = j;
              break;
            }
          }
        }
      } else {
        a.home = -1;
      }
    }
  }

  /** The connected parts of network l (split further by home area when asked). */
  private List<int[]> parts(int l, boolean byHome) {
    List<int[]> out = new ArrayList<>();
    boolean[] seen = new boolean[n];
    for (int s = 0; s < n; s++) {
      if (label[s] != l || seen[s]) {
        continue;
      }
      List<Integer> part = new ArrayList<>();
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(s);
      seen[s] = true;
      while (!queue.isEmpty()) {
        int i = queue.poll();
        part.add(i);
        for (int j : in.neighbours()[i]) {
          if (!seen[j] && label[j] == l && (!byHome || home[j] == home[s])) {
            seen[j] = true;
            queue.add(j);
          }
        }
      }
      out.add(part.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** Networks crossing the layer split by home area when every part can meet the lower bound. */
  private void splitByHome() {
    int count = nets.size();
    for (int l = 0; l < count; l++) {
      Net g = nets.get(l);
      if (g.count < 2 || g.locked() || figures(g, -1, 0)[2] <= 1) {
        continue;
      }
      List<int[]> parts = parts(l, true);
      if (parts.size() < 2) {
        continue;
      }
      boolean ok = true;
      for (int[] p : parts) {
        ok &= sizeOf(p) >= in.band().lower() && !anyFixed(p);
      }
      if (ok) {
        parts.sort((a, b) -> Double.compare(sizeOf(b), sizeOf(a)));
        tryApply(l, parts.subList(1, parts.size()));
      }
    }
  }

  private boolean anyFixed(int[] members) {
    for (int i : members) {
      if (o.fixed()[i]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Moves the parts out of network l into new networks when that gives fewer violations, or cuts
   * parts in the band from a network that stays over it (the next split may finish it), or (with
   * {@code loose}) cuts parts in the band whatever the rest becomes, its caller judging; else
   * undoes it.
   */
  private boolean tryApply(int l, List<int[]> parts) {
    return tryApply(l, parts, false);
  }

  private boolean tryApply(int l, List<int[]> parts, boolean loose) {
    int movedOut = 0;
    for (int[] p : parts) {
      movedOut += p.length;
    }
    if (o.maxMoves() >= 0 && moved + movedOut > o.maxMoves()) {
      return false;
    }
    Score before = local(List.of(l)); // the new networks are empty: no part
    int first = nets.size();
    int journalled = journal.size();
    for (int[] p : parts) {
      int nl = newNet(-1);
      for (int i : p) {
        reassign(i, nl);
      }
    }
    Score after = local(labelsFrom(l, first));
    boolean partsInBand = true;
    for (int l2 = first; l2 < nets.size(); l2++) {
      partsInBand &= in.band().contains(nets.get(l2).size);
    }
    if (after.rulesBetterThan(before)
        || (after.rulesEqual(before) && partsInBand && nets.get(l).size > in.band().upper())
        || (loose && partsInBand)) {
      return true; // fewer violations, or parts in the band cut from a network still over it
    }
    for (int[] p : parts) {
      for (int i : p) {
        reassign(i, l);
      }
    }
    while (nets.size() > first) {
      nets.remove(nets.size() - 1);
    }
    forget(journalled); // undone here: the journal must not name the networks just removed
    return false;
  }

  /** Drops the journal's entries after the first {@code size} (moves undone since). */
  private void forget(int size) {
    while (journal.size() > size) {
      journal.remove(journal.size() - 1);
    }
  }

  /**
   * Networks over the band split in two, again while the rest is over it: a part grown from one of
   * its practices (nearest practices first, or by best fit) to the lower bound or to what leaves
   * the rest under the upper bound, the rest still connected and at the lower bound or over; of the
   * seeds, the split with both parts in the band, then the most even one.
   */
  private void splitOversize() {
    for (int l = 0; l < nets.size(); l++) {
      while (splitOnce(l)) {
        // again, the rest may still be over the band
      }
    }
  }

  /**
   * In the local search: network l, over the band, split as {@link #splitOversize} does until its
   * rest is in the band or cannot be split (or, when no such split exists, cut into a part in the
   * band and a rest under it), then each part still outside the band repaired ({@link #repair});
   * kept when the score is better, else every move undone from the journal. True when kept.
   */
  private boolean splitAll(int l) {
    Net g = nets.get(l);
    if (g.count < 2 || g.locked() || g.size <= in.band().upper()) {
      return false;
    }
    if (g.splitFailedAt == g.version) {
      return false; // failed before with these members; its neighbours may have changed since
    }
    int first = nets.size();
    journal.clear();
    journaling = true;
    boolean split = false;
    while (splitOnce(l, false)) {
      split = true;
    }
    if (!split) {
      split = splitOnce(l, true); // a part in the band, the rest under it: repaired below
    }
    if (split) {
      for (int p = l; p < nets.size(); p = p == l ? first : p + 1) {
        Net q = nets.get(p);
        if (q.count > 0 && in.band().misses(q.size) > 0) {
          repair(p);
        }
      }
    }
    journaling = false;
    // judged on the networks the moves touched: after, then undone, before; redone if better
    java.util.TreeSet<Integer> touched = new java.util.TreeSet<>(labelsFrom(l, first));
    for (int[] e : journal) {
      touched.add(e[1]);
      touched.add(e[2]);
    }
    Score after = local(touched);
    for (int k = journal.size() - 1; k >= 0; k--) {
      reassign(journal.get(k)[0], journal.get(k)[1]);
    }
    if (split && after.betterThan(local(touched))) {
      for (int[] e : journal) {
        reassign(e[0], e[2]);
      }
      journal.clear();
      return true;
    }
    journal.clear();
    while (nets.size() > first) {
      nets.remove(nets.size() - 1);
    }
    g.splitFailedAt = g.version; // its members as they were (every move undone)
    return false;
  }

  /** The most single moves one {@link #repair} chains. */
  static final int REPAIR_STEPS = 8;

  /**
   * A chain of boundary moves that brings network l toward the rule it misses: practices out of it
   * when it is over the band, into it when under, its practices of another home area out of it when
   * it straddles the layer. Each step takes the allowed move of that kind with the best effect on
   * the score (moves that break no other network first); the chain is cut back to the point where
   * the score is best, kept when that is better than before, else undone. Sums the candidates'
   * incremental effects, so a chain costs its moves' evaluations, not a score from scratch.
   */
  private boolean repair(int l) {
    Net g = nets.get(l);
    if (g.count == 0 || g.locked() || g.unallocated()) {
      return false;
    }
    int mode; // 1 out of it (over), 2 into it (under), 3 other home areas out of it (straddles)
    if (g.size > in.band().upper()) {
      mode = 1;
    } else if (g.size < in.band().lower()) {
      mode = 2;
    } else if (part(g).straddling() > 0) {
      mode = 3;
    } else {
      return false;
    }
    int dominant = -1;
    for (int p = 0; p < g.presentCount; p++) {
      int k = g.present[p];
      if (dominant < 0 || g.res[k] > g.res[dominant]) {
        dominant = k;
      }
    }
    int[] who = new int[REPAIR_STEPS];
    int[] from = new int[REPAIR_STEPS];
    Delta sum = Delta.ZERO;
    Delta bestSum = Delta.ZERO;
    int bestLength = 0;
    int length = 0;
    java.util.HashSet<Integer> used = new java.util.HashSet<>();
    while (length < REPAIR_STEPS) {
      int bi = -1;
      int bl = -1;
      Delta bd = null;
      // the candidate moves {practice, network}: into l from its neighbours, or out of l
      List<int[]> candidates = new ArrayList<>();
      for (int i : members(l)) {
        if (mode == 2) {
          for (int j : in.neighbours()[i]) {
            if (label[j] != l && !used.contains(j)) {
              candidates.add(new int[] {j, l});
            }
          }
        } else if (!used.contains(i) && !(mode == 3 && (home[i] == dominant || home[i] < 0))) {
          for (int t : touching(i)) {
            candidates.add(new int[] {i, t});
          }
        }
      }
      for (int[] c : candidates) {
        if (!allowed(c[0], c[1])) {
          continue;
        }
        Delta d = moveDelta(c[0], c[1]);
        if ((bd == null || d.compareTo(bd) < 0) && leavesConnected(c[0])) {
          bi = c[0];
          bl = c[1];
          bd = d;
        }
      }
      if (bi < 0) {
        break;
      }
      who[length] = bi;
      from[length] = label[bi];
      length++;
      used.add(bi);
      reassign(bi, bl);
      sum = sum.plus(bd);
      if (sum.compareTo(bestSum) < 0) {
        bestSum = sum;
        bestLength = length;
      }
      if (bd.meetsMore() || g.count == 0) {
        break; // the rule is met (or the network emptied): later moves are for the sweeps
      }
    }
    for (int t = length - 1; t >= bestLength; t--) {
      reassign(who[t], from[t]);
    }
    for (int t = 0; t < bestLength; t++) {
      markAround(who[t]);
    }
    return bestLength > 0;
  }

  /** One split of network l as {@link #splitOversize} says; true when made. */
  private boolean splitOnce(int l) {
    return splitOnce(l, false);
  }

  /**
   * One split of network l; {@code loose}: the rest may end under the band (to be repaired by its
   * caller), the part must be in it.
   */
  private boolean splitOnce(int l, boolean loose) {
    Net g = nets.get(l);
    if (g.count < 2 || g.locked() || g.size <= in.band().upper()) {
      return false;
    }
    if (!loose && g.size < 2 * in.band().lower()) {
      return false;
    }
    int[] members = members(l);
    int[] best = null;
    double bestKey = Double.MAX_VALUE;
    // two targets per seed: the lower bound, and (under twice the upper) what leaves the rest under
    // the upper bound, so that a split with both halves in the band is found when it exists
    double balanced = Math.max(in.band().lower(), g.size - in.band().upper());
    double[] targets =
        g.size <= 2 * in.band().upper() && balanced > in.band().lower()
            ? new double[] {in.band().lower(), balanced}
            : new double[] {in.band().lower()};
    for (int seed : members) {
      if (o.fixed()[seed]) {
        continue;
      }
      for (int variant = 0; variant < 2 * targets.length; variant++) {
        int[] part = grow(l, seed, targets[variant / 2], variant % 2 == 1);
        if (part == null) {
          continue;
        }
        double size = sizeOf(part);
        boolean[] inPart = new boolean[n];
        for (int i : part) {
          inPart[i] = true;
        }
        int[] rest = Arrays.stream(members).filter(i -> !inPart[i]).toArray();
        boolean restTooSmall = loose ? rest.length == 0 : g.size - size < in.band().lower();
        if (restTooSmall
            || (loose && !in.band().contains(size))
            || !connectedSet(rest, l, inPart)) {
          continue;
        }
        // both parts in the band first, then the split whose parts are most nearly equal
        boolean bothIn = in.band().contains(size) && in.band().contains(g.size - size);
        double key = (bothIn ? 0 : 1e12) + Math.abs(g.size - 2 * size) * 1e-3 + seed * 1e-9;
        if (key < bestKey) {
          bestKey = key;
          best = part;
        }
      }
    }
    return best != null && tryApply(l, List.of(best), loose);
  }

  /**
   * A connected part of network l grown from the seed, nearest practices first (with {@code fit},
   * the practice that reaches the target with the least overshoot, when one does), until its size
   * reaches the target; null when it cannot.
   */
  private int[] grow(int l, int seed, double target, boolean fit) {
    boolean[] inPart = new boolean[n];
    List<Integer> part = new ArrayList<>();
    part.add(seed);
    inPart[seed] = true;
    double size = in.sizeOf(seed);
    while (size < target) {
      int next = -1;
      double nd = Double.MAX_VALUE;
      for (int i : part) {
        for (int j : in.neighbours()[i]) {
          if (label[j] == l && !inPart[j] && !o.fixed()[j]) {
            double d = Math.hypot(in.x()[j] - in.x()[seed], in.y()[j] - in.y()[seed]);
            if (fit && size + in.sizeOf(j) >= target) {
              // best fit: of the practices that reach the target, the least overshoot first
              d = -1e18 + (size + in.sizeOf(j) - target);
            }
            if (d < nd) {
              nd = d;
              next = j;
            }
          }
        }
      }
      if (next < 0) {
        return null;
      }
      inPart[next] = true;
      part.add(next);
      size += in.sizeOf(next);
    }
    return part.stream().mapToInt(Integer::intValue).toArray();
  }

  private boolean connectedSet(int[] members, int l, boolean[] excluded) {
    if (members.length == 0) {
      return true;
    }
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(members[0]);
    seen[members[0]] = true;
    int reached = 1;
    while (!queue.isEmpty()) {
      int i = queue.poll();
      for (int j : in.neighbours()[i]) {
        if (!seen[j] && label[j] == l && !excluded[j]) {
          seen[j] = true;
          reached++;
          queue.add(j);
        }
      }
    }
    return reached == members.length;
  }

  private int[] members(int l) {
    Net g = nets.get(l);
    int[] out = new int[g.count];
    if (g.count > 0 && g.anyMember >= 0 && label[g.anyMember] == l) {
      // breadth first from a member: O(members) when the network is connected
      int head = 0;
      int tail = 0;
      out[tail++] = g.anyMember;
      java.util.HashSet<Integer> seen = new java.util.HashSet<>();
      seen.add(g.anyMember);
      while (head < tail) {
        int i = out[head++];
        for (int j : in.neighbours()[i]) {
          if (label[j] == l && seen.add(j)) {
            out[tail++] = j;
          }
        }
      }
      if (tail == g.count) {
        Arrays.sort(out);
        return out;
      }
    }
    int k = 0;
    for (int i = 0; i < n && k < out.length; i++) {
      if (label[i] == l) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** Networks under the band merged into an adjacent network, best gain first, while one gains. */
  private void mergeUndersize() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int l = 0; l < nets.size(); l++) {
        Net g = nets.get(l);
        if (g.count == 0 || g.locked() || g.size >= in.band().lower()) {
          continue;
        }
        if (bestMerge(l)) {
          changed = true;
        }
      }
    }
  }

  // ---- moves ----

  /** A candidate's effect on the score, compared lexicographically. */
  private record Delta(int band, int straddle, int moved, double outside, double spread) {
    static final Delta ZERO = new Delta(0, 0, 0, 0, 0);

    /** The change between two parts of one network, nothing moved. */
    static Delta between(Part before, Part after) {
      return new Delta(
          after.outOfBand - before.outOfBand,
          after.straddling - before.straddling,
          0,
          after.outside - before.outside,
          after.spread - before.spread);
    }

    Delta plus(Delta d) {
      return new Delta(
          band + d.band,
          straddle + d.straddle,
          moved + d.moved,
          outside + d.outside,
          spread + d.spread);
    }

    Delta withMoved(int m) {
      return new Delta(band, straddle, m, outside, spread);
    }

    /** True when it changes the rules met (band, then layer) for the better. */
    boolean meetsMore() {
      return band < 0 || (band == 0 && straddle < 0);
    }

    int compareTo(Delta d) {
      if (band != d.band) {
        return Integer.compare(band, d.band);
      }
      if (straddle != d.straddle) {
        return Integer.compare(straddle, d.straddle);
      }
      if (moved != d.moved) {
        return Integer.compare(moved, d.moved);
      }
      int c = Score.compareReal(outside, d.outside);
      if (c != 0) {
        return c;
      }
      return Score.compareReal(spread, d.spread);
    }
  }

  /**
   * {total, dominant residents, areas present at 5% or more} of network g with practice i added
   * (sign 1), removed (sign -1) or neither (i = -1).
   */
  private double[] figures(Net g, int i, int sign) {
    // the residents per area present after the change: the network's, then areas only i adds
    double[] v = scratch;
    int m = 0;
    for (int p = 0; p < g.presentCount; p++) {
      v[m++] = g.res[g.present[p]] + (i >= 0 ? sign * valueAt(i, g.present[p]) : 0);
    }
    if (i >= 0 && sign > 0) {
      for (int t = 0; t < areaIdx[i].length; t++) {
        if (g.refs[areaIdx[i][t]] == 0) {
          v[m++] = areaVal[i][t];
        }
      }
    }
    double total = 0;
    double max = 0;
    for (int k = 0; k < m; k++) {
      total += v[k];
      max = Math.max(max, v[k]);
    }
    int present = 0;
    for (int k = 0; k < m && total > 0; k++) {
      if (v[k] / total >= Figures.PRESENCE_SHARE) {
        present++;
      }
    }
    return new double[] {total, max, present};
  }

  private double valueAt(int i, int k) {
    int[] idx = areaIdx[i];
    for (int t = 0; t < idx.length; t++) {
      if (idx[t] == k) {
        return areaVal[i][t];
      }
    }
    return 0;
  }

  private static double spread(double w, double sx, double sy, double q) {
    return w <= 0 ? 0 : Math.max(0, q - (sx * sx + sy * sy) / w);
  }

  private Part part(Net g) {
    return part(g, -1, 0);
  }

  /** Network g's part with practice i added (sign 1) or removed (sign -1), or as it is (i = -1). */
  private Part part(Net g, int i, int sign) {
    int count = g.count + (i >= 0 ? sign : 0);
    if (count == 0) {
      return Part.NONE;
    }
    if (g.unallocated()) {
      return new Part(count, 0, 0, 0);
    }
    double[] f = figures(g, i, sign);
    double size = g.size;
    double w = g.w;
    double sx = g.sx;
    double sy = g.sy;
    double q = g.q;
    if (i >= 0) {
      double wi = weight(i);
      double xi = in.x()[i] / 1000;
      double yi = in.y()[i] / 1000;
      size += sign * in.sizeOf(i);
      w += sign * wi;
      sx += sign * wi * xi;
      sy += sign * wi * yi;
      q += sign * wi * (xi * xi + yi * yi);
    }
    return new Part(in.band().misses(size), f[2] > 1 ? 1 : 0, f[0] - f[1], spread(w, sx, sy, q));
  }

  /** The effect of moving practice i to network l (which may be empty: a new network). */
  private Delta moveDelta(int i, int l) {
    Net a = nets.get(label[i]);
    Net b = nets.get(l);
    Part a0 = part(a);
    Part b0 = part(b);
    Part a1 = part(a, i, -1);
    Part b1 = part(b, i, 1);
    return Delta.between(a0, a1).plus(Delta.between(b0, b1)).withMoved(movedDelta(i, a, b));
  }

  /** The change in practices moved when practice i goes from network a to network b. */
  private int movedDelta(int i, Net a, Net b) {
    return (b.code != in.today()[i] ? 1 : 0) - (a.code != in.today()[i] ? 1 : 0);
  }

  /** True when practice i may leave its network for network l (hard constraints only). */
  private boolean allowed(int i, int l) {
    Net a = nets.get(label[i]);
    Net b = nets.get(l);
    if (o.fixed()[i] || b.locked() || l == label[i]) {
      return false;
    }
    if (o.forbidCrossing() && b.count > 0 && b.home != home[i]) {
      return false;
    }
    return o.maxMoves() < 0 || moved + movedDelta(i, a, b) <= o.maxMoves();
  }

  /** True when network label[i] stays connected without practice i. */
  private boolean leavesConnected(int i) {
    int l = label[i];
    Net a = nets.get(l);
    if (a.count <= 2) {
      return true;
    }
    int startNode = -1;
    for (int j : in.neighbours()[i]) {
      if (label[j] == l) {
        startNode = j;
        break;
      }
    }
    if (startNode < 0) {
      return false;
    }
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    java.util.HashSet<Integer> seen = new java.util.HashSet<>();
    queue.add(startNode);
    seen.add(startNode);
    seen.add(i);
    int reached = 1;
    while (!queue.isEmpty()) {
      int x = queue.poll();
      for (int j : in.neighbours()[x]) {
        if (label[j] == l && seen.add(j)) {
          reached++;
          queue.add(j);
        }
      }
    }
    return reached == a.count - 1;
  }

  /** The networks practice i touches other than its own (distinct, in neighbour order). */
  private int[] touching(int i) {
    int[] nb = in.neighbours()[i];
    int[] out = new int[nb.length];
    int k = 0;
    outer:
    for (int j : nb) {
      int l = label[j];
      if (l == label[i]) {
        continue;
      }
      for (int t = 0; t < k; t++) {
        if (out[t] == l) {
          continue outer;
        }
      }
      out[k++] = l;
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * Sweeps boundary moves and merges in a seeded order, applying each that improves, until a round
   * improves nothing. The first round takes every practice ({@code all}) or only those marked dirty
   * (near a practice moved since the last sweep); later rounds take those near a practice the round
   * before moved. Merges are tried for networks that miss the band or straddle.
   */
  private void sweep(boolean all) {
    if (all) {
      Arrays.fill(dirty, true);
    }
    boolean improved = true;
    int rounds = 0;
    while (improved && rounds++ < 1_000) {
      if (System.nanoTime() - start > o.timeLimitNanos()) {
        return;
      }
      improved = false;
      boolean[] now = dirty.clone();
      Arrays.fill(dirty, false);
      int[] order = shuffled(n);
      for (int i : order) {
        if (!now[i]) {
          continue;
        }
        // the networks it touches, then a new network of its own
        int[] to = touching(i);
        if (!o.fixed()[i] && nets.get(label[i]).count > 1) {
          to = Arrays.copyOf(to, to.length + 1);
          to[to.length - 1] = spareNet();
        }
        int best = -1;
        Delta bestDelta = null;
        for (int l : to) {
          if (!allowed(i, l)) {
            continue;
          }
          Delta d = moveDelta(i, l);
          if (d.compareTo(Delta.ZERO) < 0 && (bestDelta == null || d.compareTo(bestDelta) < 0)) {
            best = l;
            bestDelta = d;
          }
        }
        if (best >= 0 && leavesConnected(i)) {
          reassign(i, best);
          markAround(i);
          improved = true;
        }
      }
      boolean[] near = new boolean[nets.size()];
      for (int i = 0; i < n; i++) {
        if (now[i] || dirty[i]) {
          near[label[i]] = true;
        }
      }
      for (int l : shuffled(nets.size())) {
        Net g = nets.get(l);
        if (near[l] && g.count > 0 && part(g).violations() > 0) {
          int[] members = members(l);
          if (bestMerge(l)) {
            for (int i : members) {
              markAround(i);
            }
            improved = true;
          } else if (repair(l) || splitAll(l)) {
            for (int i : members) {
              markAround(i);
            }
            improved = true;
          }
        }
      }
    }
  }

  /** Marks the practice and those within two steps of it for the next sweep. */
  private void markAround(int i) {
    dirty[i] = true;
    for (int j : in.neighbours()[i]) {
      dirty[j] = true;
      for (int k : in.neighbours()[j]) {
        dirty[k] = true;
      }
    }
  }

  /** An empty network with a new code (made when none is spare). */
  private int spareNet() {
    for (int l = nets.size() - 1; l >= 0; l--) {
      Net g = nets.get(l);
      if (g.count == 0 && g.code < 0) {
        return l;
      }
      if (g.code >= 0) {
        break;
      }
    }
    return newNet(-1);
  }

  private int[] shuffled(int size) {
    int[] a = new int[size];
    for (int i = 0; i < size; i++) {
      a[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * Merges network l into the adjacent network with which the score gains most, if one gains; true
   * when merged. Evaluated from the two networks' parts, the rest of the score unchanged.
   */
  private boolean bestMerge(int l) {
    Net a = nets.get(l);
    if (a.count == 0) {
      return false;
    }
    int[] members = members(l);
    if (anyFixed(members)) {
      return false;
    }
    java.util.TreeSet<Integer> adjacent = new java.util.TreeSet<>();
    for (int i : members) {
      for (int j : in.neighbours()[i]) {
        if (label[j] != l) {
          adjacent.add(label[j]);
        }
      }
    }
    Part pa = part(a);
    int bestL = -1;
    Delta bestDelta = null;
    for (int t : adjacent) {
      Net b = nets.get(t);
      if (b.locked() || (o.forbidCrossing() && b.home != a.home)) {
        continue;
      }
      Part pb = part(b);
      int movedBefore = moved;
      for (int i : members) {
        reassign(i, t);
      }
      Part merged = part(b);
      Delta d =
          Delta.between(pa, Part.NONE)
              .plus(Delta.between(pb, merged))
              .withMoved(moved - movedBefore);
      boolean within = o.maxMoves() < 0 || moved <= o.maxMoves();
      for (int i : members) {
        reassign(i, l);
      }
      if (within
          && d.compareTo(Delta.ZERO) < 0
          && (bestDelta == null || d.compareTo(bestDelta) < 0)) {
        bestDelta = d;
        bestL = t;
      }
    }
    if (bestL < 0) {
      return false;
    }
    for (int i : members) {
      reassign(i, bestL);
    }
    return true;
  }

  /** One tabu step: the best allowed move, worsening or not; false when there is none. */
  private boolean tabuStep(Score best) {
    int bi = -1;
    int bl = -1;
    Delta bd = null;
    Score now = current();
    boolean[] bad = new boolean[nets.size()];
    for (int l = 0; l < bad.length; l++) {
      bad[l] = part(nets.get(l)).violations() > 0;
    }
    for (int i = 0; i < n; i++) {
      int[] to = touching(i);
      if (n > SMALL && !bad[label[i]]) {
        boolean near = false;
        for (int l : to) {
          near |= bad[l];
        }
        if (!near) {
          continue; // large instances: only moves from or to a network that misses a rule
        }
      }
      for (int l : to) {
        if (!allowed(i, l)) {
          continue;
        }
        Delta d = moveDelta(i, l);
        boolean tabu = tabuUntil[i] > step;
        if (tabu && !aspires(now, d, best)) {
          continue;
        }
        if (bd == null || d.compareTo(bd) < 0 || (d.compareTo(bd) == 0 && random.nextInt(4) == 0)) {
          if (leavesConnected(i)) {
            bi = i;
            bl = l;
            bd = d;
          }
        }
      }
    }
    if (bi < 0) {
      return false;
    }
    reassign(bi, bl);
    markAround(bi);
    tabuUntil[bi] = step + TENURE + random.nextInt(TENURE);
    return true;
  }

  private static boolean aspires(Score now, Delta d, Score best) {
    Score after =
        new Score(
            now.outOfBand() + d.band,
            now.straddling() + d.straddle,
            now.moved() + d.moved,
            now.residentsOutside() + d.outside,
            now.spread() + d.spread);
    return after.betterThan(best);
  }
}
