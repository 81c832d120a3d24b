package org.pcnatlas.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.pcnatlas.catchment.Catchment;

/**
 * Which catchments hold each population unit, for catchments of any shape: a unit belongs to every
 * catchment whose polygon covers its point (interior or boundary; indexed point-in-polygon, only
 * for the catchments whose envelope holds the point). When the catchments form a coverage
 * (exclusive), a point on the shared edge of two goes to the first by PCN code only, so every unit
 * is in at most one.
 *
 * <p>{@link #update} places again only the units that an old or a new geometry of a changed PCN
 * covers. Immutable.
 */
public final class CoverPlacement {
  private static final String[] NONE = new String[0];

  /** Per unit, the PCNs whose catchment covers its point, sorted. */
  private final String[][] cover;

  /** Per PCN, the units whose point its catchment covers, ascending. */
  private final Map<String, int[]> covering;

  /** Per PCN, the units it holds (after the exclusive rule), ascending. */
  private final Map<String, int[]> unitsOf;

  private final boolean exclusive;
  private final Set<String> dirty;
  private final int placedAgain;

  private CoverPlacement(
      String[][] cover,
      Map<String, int[]> covering,
      Map<String, int[]> unitsOf,
      boolean exclusive,
      Set<String> dirty,
      int placedAgain) {
    this.cover = cover;
    this.covering = covering;
    this.unitsOf = unitsOf;
    this.exclusive = exclusive;
    this.dirty = Set.copyOf(dirty);
    this.placedAgain = placedAgain;
  }

  /** Every unit placed in these catchments. */
  public static CoverPlacement of(List<Catchment> catchments, boolean exclusive, UnitPoints units) {
    String[][] cover = new String[units.size()][];
    Arrays.fill(cover, NONE);
    Map<String, int[]> covering = coveredBy(catchments, units);
    List<String> codes = new ArrayList<>(covering.keySet());
    codes.sort(null);
    Map<Integer, List<String>> byUnit = new HashMap<>();
    for (String code : codes) {
      for (int u : covering.get(code)) {
        byUnit.computeIfAbsent(u, k -> new ArrayList<>()).add(code);
      }
    }
    byUnit.forEach((u, cs) -> cover[u] = cs.toArray(String[]::new));
    Map<String, int[]> unitsOf = new HashMap<>();
    for (Catchment c : catchments) {
      unitsOf.put(
          c.pcnCode(), chosenUnits(c.pcnCode(), covering.get(c.pcnCode()), cover, exclusive));
    }
    Set<String> all = new TreeSet<>();
    catchments.forEach(c -> all.add(c.pcnCode()));
    return new CoverPlacement(cover, covering, unitsOf, exclusive, all, units.size());
  }

  /** Per catchment, the units whose point it covers (ascending), computed in parallel. */
  private static Map<String, int[]> coveredBy(List<Catchment> catchments, UnitPoints units) {
    int[][] found = new int[catchments.size()][];
    IntStream.range(0, catchments.size())
        .parallel()
        .forEach(k -> found[k] = covered(catchments.get(k).geometry(), units));
    Map<String, int[]> out = new HashMap<>();
    for (int k = 0; k < found.length; k++) {
      out.put(catchments.get(k).pcnCode(), found[k]);
    }
    return out;
  }

  /** The units whose point the polygon covers, ascending. */
  static int[] covered(Geometry polygon, UnitPoints units) {
    if (polygon.isEmpty()) {
      return new int[0];
    }
    int[] candidates = units.within(polygon.getEnvelopeInternal());
    if (candidates.length == 0) {
      return candidates;
    }
    IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(polygon);
    int[] out = new int[candidates.length];
    int k = 0;
    for (int u : candidates) {
      if (locator.locate(new Coordinate(units.x(u), units.y(u))) != Location.EXTERIOR) {
        out[k++] = u;
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static int[] chosenUnits(String pcn, int[] covered, String[][] cover, boolean exclusive) {
    if (covered == null) {
      return new int[0];
    }
    if (!exclusive) {
      return covered;
    }
    int[] out = new int[covered.length];
    int k = 0;
    for (int u : covered) {
      if (cover[u][0].equals(pcn)) {
        out[k++] = u;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * The placement in the catchments of a changed set ({@code changed}: the PCNs whose geometry
   * differs, new and gone ones included), equal to {@link #of} on {@code now}.
   */
  public CoverPlacement update(
      List<Catchment> now, Set<String> changed, boolean exclusiveNow, UnitPoints units) {
    List<Catchment> redo = now.stream().filter(c -> changed.contains(c.pcnCode())).toList();
    Map<String, int[]> fresh = coveredBy(redo, units);
    BitSet affected = new BitSet(units.size());
    for (String pcn : changed) {
      for (int u : covering.getOrDefault(pcn, new int[0])) {
        affected.set(u);
      }
    }
    fresh.values().forEach(us -> IntStream.of(us).forEach(affected::set));
    if (exclusiveNow != exclusive) {
      for (int u = 0; u < cover.length; u++) {
        if (cover[u].length > 1) {
          affected.set(u);
        }
      }
    }
    Map<String, int[]> coveringNow = new HashMap<>();
    for (Catchment c : now) {
      String code = c.pcnCode();
      coveringNow.put(code, changed.contains(code) ? fresh.get(code) : covering.get(code));
    }
    String[][] coverNow = cover.clone();
    Map<Integer, List<String>> newCover = new HashMap<>();
    fresh.forEach(
        (pcn, us) -> {
          for (int u : us) {
            newCover.computeIfAbsent(u, k -> new ArrayList<>()).add(pcn);
          }
        });
    Set<String> dirty = new TreeSet<>(changed);
    for (int u = affected.nextSetBit(0); u >= 0; u = affected.nextSetBit(u + 1)) {
      List<String> codes = new ArrayList<>();
      for (String c : cover[u]) {
        if (!changed.contains(c)) {
          codes.add(c);
        }
      }
      codes.addAll(newCover.getOrDefault(u, List.of()));
      codes.sort(null);
      coverNow[u] = codes.toArray(String[]::new);
      List<String> before = chosen(cover[u], exclusive);
      List<String> after = chosen(coverNow[u], exclusiveNow);
      if (!before.equals(after)) {
        dirty.addAll(before);
        dirty.addAll(after);
      }
    }
    Map<String, int[]> unitsNow = new HashMap<>();
    for (Catchment c : now) {
      String code = c.pcnCode();
      unitsNow.put(
          code,
          dirty.contains(code)
              ? chosenUnits(code, coveringNow.get(code), coverNow, exclusiveNow)
              : unitsOf.get(code));
    }
    dirty.retainAll(unitsNow.keySet());
    return new CoverPlacement(
        coverNow, coveringNow, unitsNow, exclusiveNow, dirty, affected.cardinality());
  }

  private static List<String> chosen(String[] cover, boolean exclusive) {
    if (cover.length == 0) {
      return List.of();
    }
    return exclusive ? List.of(cover[0]) : Arrays.asList(cover);
  }

  /** The PCNs that hold unit {@code u} (one at most when exclusive), sorted. */
  public List<String> pcnsOf(int u) {
    return chosen(cover[u], exclusive);
  }

  /** The units PCN {@code pcn} holds, ascending (empty for an unknown PCN). */
  public int[] unitsOf(String pcn) {
    int[] us = unitsOf.get(pcn);
    return us == null ? new int[0] : us;
  }

  /** The PCNs whose units may differ from the placement updated (every PCN of one made whole). */
  public Set<String> dirty() {
    return dirty;
  }

  /** Units placed (every unit for a placement made whole). */
  public int placedAgain() {
    return placedAgain;
  }
}
