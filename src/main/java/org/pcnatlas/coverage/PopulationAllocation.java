package org.pcnatlas.coverage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.overlay.AlignmentPair;

/**
 * Resident population per catchment and per (catchment, area) pair, from population units.
 *
 * <p>{@link Mode#POINTS}: a unit's whole population goes with its population-weighted centroid to
 * every catchment that covers it (several where catchments overlap) and, within a catchment, to the
 * pair whose intersection polygon covers it. {@link Mode#AREA_WEIGHTED}: a unit's population is
 * shared in proportion to the area of its polygon inside each catchment and each pair. Units
 * outside every catchment are listed, not dropped, so that population is conserved: assigned +
 * outside = input.
 */
public final class PopulationAllocation {
  /** How population units are placed. */
  public enum Mode {
    POINTS("points"),
    AREA_WEIGHTED("area-weighted");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The allocation.
   *
   * @param byPcn population per PCN code (every catchment present, 0 when none)
   * @param byPair population per pair, in the order of the pairs given
   * @param outside codes of the units wholly (POINTS) or partly (AREA_WEIGHTED) outside every
   *     catchment
   * @param inSeveral codes of units counted in more than one catchment (overlapping catchments)
   * @param input total population of the units
   * @param assigned population inside at least one catchment (each unit counted once)
   */
  public record Result(
      Mode mode,
      Map<String, Double> byPcn,
      List<Double> byPair,
      List<String> outside,
      List<String> inSeveral,
      double input,
      double assigned) {
    public double outsidePopulation() {
      return input - assigned;
    }
  }

  private PopulationAllocation() {}

  /**
   * Allocates the units.
   *
   * @param exclusive true when the catchments form a coverage (voronoi, registration): a centroid
   *     on the shared edge of two catchments then goes to the first by PCN code only, so that every
   *     unit is in exactly one catchment
   */
  public static Result allocate(
      List<Catchment> catchments,
      List<AlignmentPair> pairs,
      List<PopulationUnit> units,
      Mode mode,
      boolean exclusive) {
    return allocate(catchments, pairs, units, mode, exclusive, null);
  }

  /** Where each unit went: told, per unit, its shares in the catchments and in the pairs. */
  public interface Shares {
    /**
     * @param unit the unit's index in the units given
     * @param catchmentShares per catchment (in the order given), the share of the unit's residents
     *     it holds
     * @param pairShares per pair (in the order given), the same
     */
    void unit(int unit, double[] catchmentShares, double[] pairShares);
  }

  /** {@link #allocate}, telling {@code shares} (if not null) where each unit went. */
  public static Result allocate(
      List<Catchment> catchments,
      List<AlignmentPair> pairs,
      List<PopulationUnit> units,
      Mode mode,
      boolean exclusive,
      Shares sink) {
    Index catchmentIndex = new Index(catchments.stream().map(Catchment::geometry).toList());
    Index pairIndex = new Index(pairs.stream().map(AlignmentPair::geometry).toList());
    double[] byCatchment = new double[catchments.size()];
    double[] byPair = new double[pairs.size()];
    List<String> outside = new ArrayList<>();
    List<String> inSeveral = new ArrayList<>();
    double input = 0;
    double assigned = 0;
    for (int ui = 0; ui < units.size(); ui++) {
      PopulationUnit u = units.get(ui);
      input += u.population();
      double[] shares =
          mode == Mode.POINTS ? catchmentIndex.pointShares(u) : catchmentIndex.areaShares(u);
      if (mode == Mode.POINTS) {
        keepFirstPerGroup(shares, i -> exclusive ? "" : catchments.get(i).pcnCode());
      }
      double inside = 0;
      int count = 0;
      for (int i = 0; i < shares.length; i++) {
        if (shares[i] > 0) {
          byCatchment[i] += u.population() * shares[i];
          inside = Math.max(inside, shares[i]);
          count++;
        }
      }
      double[] pairShares =
          mode == Mode.POINTS ? pairIndex.pointShares(u) : pairIndex.areaShares(u);
      if (mode == Mode.POINTS) {
        // a centroid counts once per PCN it was given to, in the first pair of that PCN covering it
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < shares.length; i++) {
          if (shares[i] > 0) {
            chosen.add(catchments.get(i).pcnCode());
          }
        }
        for (int i = 0; i < pairShares.length; i++) {
          if (!chosen.contains(pairs.get(i).pcnCode())) {
            pairShares[i] = 0;
          }
        }
        keepFirstPerGroup(
            pairShares, i -> pairs.get(i).pcnCode() + "\u0000" + pairs.get(i).areaLayer());
      }
      for (int i = 0; i < pairShares.length; i++) {
        byPair[i] += u.population() * pairShares[i];
      }
      if (sink != null) {
        sink.unit(ui, shares, pairShares);
      }
      if (mode == Mode.POINTS) {
        assigned += count > 0 ? u.population() : 0;
      } else {
        assigned += u.population() * Math.min(1.0, sum(shares));
      }
      if (count == 0 || (mode == Mode.AREA_WEIGHTED && sum(shares) < 1 - 1e-9)) {
        outside.add(u.code());
      }
      if (count > 1 && mode == Mode.POINTS) {
        inSeveral.add(u.code());
      }
    }
    Map<String, Double> perPcn = new TreeMap<>();
    for (int i = 0; i < catchments.size(); i++) {
      perPcn.merge(catchments.get(i).pcnCode(), byCatchment[i], Double::sum);
    }
    List<Double> perPair = IntStream.range(0, byPair.length).mapToObj(i -> byPair[i]).toList();
    return new Result(mode, perPcn, perPair, outside, inSeveral, input, assigned);
  }

  /**
   * The population inside each of some polygons (gaps, overlaps): the units whose centroid each
   * covers ({@link Mode#POINTS}) or the area-weighted share of each unit's polygon. A unit counts
   * in every polygon that holds it.
   */
  public static double[] within(List<Geometry> polygons, List<PopulationUnit> units, Mode mode) {
    double[] out = new double[polygons.size()];
    if (polygons.isEmpty()) {
      return out;
    }
    Index index = new Index(polygons);
    for (PopulationUnit u : units) {
      double[] shares = mode == Mode.POINTS ? index.pointShares(u) : index.areaShares(u);
      for (int i = 0; i < shares.length; i++) {
        out[i] += u.population() * shares[i];
      }
    }
    return out;
  }

  /**
   * Where {@link Mode#POINTS} places a unit: its population-weighted centroid, else an interior
   * point of its polygon.
   */
  public static Point place(PopulationUnit u) {
    return u.centroid() != null ? u.centroid() : u.polygon().getInteriorPoint();
  }

  /**
   * Which of some polygons cover a point, decided as {@link Mode#POINTS} decides it (STR-tree
   * candidates, prepared {@code covers}). Thread-safe once built.
   */
  public static final class Covering {
    private final Index index;

    public Covering(List<Geometry> polygons) {
      this.index = new Index(polygons);
    }

    /** The indices of the polygons covering the point, ascending. */
    public int[] covering(Point p) {
      return index.candidates(p).stream()
          .filter(i -> index.prepared.get(i).covers(p))
          .mapToInt(Integer::intValue)
          .toArray();
    }
  }

  /** Zeroes every positive share after the first one of the same group. */
  private static void keepFirstPerGroup(double[] shares, IntFunction<String> group) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] > 0 && !seen.add(group.apply(i))) {
        shares[i] = 0;
      }
    }
  }

  private static double sum(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s;
  }

  /** Polygons with an STR-tree and prepared geometries, answering "which cover this unit". */
  private static final class Index {
    private final List<Geometry> geometries;
    private final List<PreparedGeometry> prepared;
    private final STRtree tree = new STRtree();

    Index(List<Geometry> geometries) {
      this.geometries = geometries;
      this.prepared = geometries.stream().map(PreparedGeometryFactory::prepare).toList();
      for (int i = 0; i < geometries.size(); i++) {
        if (!geometries.get(i).isEmpty()) {
          tree.insert(geometries.get(i).getEnvelopeInternal(), i);
        }
      }
      tree.build();
    }

    /** 1 for every polygon covering the unit's centroid, else 0. */
    double[] pointShares(PopulationUnit u) {
      double[] shares = new double[geometries.size()];
      Geometry p = place(u);
      for (int i : candidates(p)) {
        if (prepared.get(i).covers(p)) {
          shares[i] = 1;
        }
      }
      return shares;
    }

    /** The fraction of the unit's polygon inside each polygon (its centroid when it has none). */
    double[] areaShares(PopulationUnit u) {
      if (u.polygon() == null || u.polygon().getArea() == 0) {
        return pointShares(u);
      }
      double[] shares = new double[geometries.size()];
      double total = u.polygon().getArea();
      for (int i : candidates(u.polygon())) {
        double inside =
            prepared.get(i).containsProperly(u.polygon())
                ? total
                : OverlayNGRobust.overlay(u.polygon(), geometries.get(i), OverlayNG.INTERSECTION)
                    .getArea();
        shares[i] = inside / total;
      }
      return shares;
    }

    private List<Integer> candidates(Geometry g) {
      @SuppressWarnings("unchecked")
      List<Integer> found = tree.query(g.getEnvelopeInternal());
      return found.stream().sorted().toList();
    }
  }
}
