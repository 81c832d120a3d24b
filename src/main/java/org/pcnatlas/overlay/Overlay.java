package org.pcnatlas.overlay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.Catchments;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * Catchments x an area layer: every (PCN, area) pair whose intersection is at least {@link
 * #MIN_AREA_M2}, with its polygon, area and share of the PCN's catchment area.
 *
 * <p>Candidate areas come from the layer's STR-tree ({@link AreaIndex}); an area whose polygon does
 * not meet the catchment (prepared {@code intersects}) is skipped, one that properly contains the
 * whole catchment contributes the catchment itself, and only the others are intersected with {@link
 * OverlayNGRobust}. Catchments are processed in parallel.
 */
public final class Overlay {
  /** Intersections smaller than this (m²) are slivers of generalised boundaries, not alignment. */
  public static final double MIN_AREA_M2 = 1.0;

  private Overlay() {}

  /**
   * The area a catchment shares with each area it meets (before the {@link #MIN_AREA_M2} filter, so
   * that sums over several areas, such as a network area's districts, lose nothing).
   *
   * @param areas the areas met, ascending (indices into the layer)
   * @param m2 the area shared with each, m², positive
   */
  public record Sums(int[] areas, double[] m2) {
    public static final Sums NONE = new Sums(new int[0], new double[0]);

    /** The same sums, sorted by area index. */
    static Sums sorted(int[] areas, double[] m2) {
      Integer[] order = new Integer[areas.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingInt(i -> areas[i]));
      int[] as = new int[areas.length];
      double[] ms = new double[areas.length];
      for (int i = 0; i < order.length; i++) {
        as[i] = areas[order[i]];
        ms[i] = m2[order[i]];
      }
      return new Sums(as, ms);
    }

    public int size() {
      return areas.length;
    }

    public int area(int j) {
      return areas[j];
    }

    public double m2(int j) {
      return m2[j];
    }
  }

  /**
   * One catchment's intersection with one area.
   *
   * @param area the area's index in the layer
   * @param geometry the intersection (the catchment itself when the area contains it properly)
   * @param m2 its area, positive
   */
  public record Piece(int area, Geometry geometry, double m2) {}

  /** The pieces of a catchment in the areas of the layer, by area index. */
  public static List<Piece> pieces(Geometry catchment, AreaIndex areas) {
    List<Piece> out = new ArrayList<>();
    if (catchment.isEmpty()) {
      return out;
    }
    for (int i : areas.candidates(catchment.getEnvelopeInternal())) {
      if (!areas.prepared(i).intersects(catchment)) {
        continue; // only the envelopes meet: no pair, and no overlay to run
      }
      Geometry part =
          areas.prepared(i).containsProperly(catchment)
              ? catchment
              // an intersection may carry collapsed lines or points where edges touch: drop them
              : Catchments.polygonal(
                  OverlayNGRobust.overlay(catchment, areas.geometry(i), OverlayNG.INTERSECTION));
      double m2 = part.getArea();
      if (m2 > 0) {
        out.add(new Piece(i, part, m2));
      }
    }
    return out;
  }

  /** The intersection of a catchment with an area, as {@link #pieces} draws it. */
  public static Geometry intersection(Geometry catchment, Geometry area) {
    if (catchment.isEmpty() || area.isEmpty()) {
      return Catchments.empty();
    }
    return Catchments.polygonal(OverlayNGRobust.overlay(catchment, area, OverlayNG.INTERSECTION));
  }

  /** Every pair of at least {@link #MIN_AREA_M2}, sorted by PCN code, then area code. */
  public static List<AlignmentPair> pairs(List<Catchment> catchments, AreaLayer layer) {
    AreaIndex areas = AreaIndex.of(layer, null);
    return IntStream.range(0, catchments.size())
        .parallel()
        .mapToObj(
            k -> {
              Catchment c = catchments.get(k);
              double total = c.geometry().getArea();
              List<AlignmentPair> out = new ArrayList<>();
              for (Piece p : pieces(c.geometry(), areas)) {
                if (p.m2() >= MIN_AREA_M2) {
                  Area a = areas.area(p.area());
                  out.add(
                      new AlignmentPair(
                          c.pcnCode(),
                          layer.name(),
                          a.code(),
                          a.name(),
                          p.geometry(),
                          p.m2(),
                          p.m2() / total));
                }
              }
              return out;
            })
        .flatMap(List::stream)
        .sorted(Comparator.comparing(AlignmentPair::pcnCode).thenComparing(AlignmentPair::areaCode))
        .toList();
  }
}
