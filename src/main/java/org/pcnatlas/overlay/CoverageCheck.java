package org.pcnatlas.overlay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.Catchments;

/**
 * Where the catchments fail to cover the study area once: gaps (no catchment) and overlaps (two or
 * more), as polygons of at least {@link Overlay#MIN_AREA_M2}.
 */
public final class CoverageCheck {
  /** A part of the study area that no catchment covers. */
  public record Gap(int number, Geometry geometry, double areaM2) {}

  /** A part of the study area covered by both PCNs. */
  public record OverlapPart(String pcnA, String pcnB, Geometry geometry, double areaM2) {}

  /** Gaps (sorted by size, largest first) and overlaps (sorted by the two PCN codes). */
  public record Result(List<Gap> gaps, List<OverlapPart> overlaps) {
    public double gapAreaM2() {
      return gaps.stream().mapToDouble(Gap::areaM2).sum();
    }

    public double overlapAreaM2() {
      return overlaps.stream().mapToDouble(OverlapPart::areaM2).sum();
    }
  }

  private CoverageCheck() {}

  /**
   * Checks the catchments against the study area.
   *
   * @param coverage true when the method draws a coverage (voronoi, registration): the union can
   *     then be the fast coverage union
   */
  public static Result check(List<Catchment> catchments, Geometry region, boolean coverage) {
    return new Result(gaps(catchments, region, coverage), overlaps(catchments));
  }

  static List<Gap> gaps(List<Catchment> catchments, Geometry region, boolean coverage) {
    Geometry covered =
        AreaGroups.union(catchments.stream().map(Catchment::geometry).toList(), coverage);
    Geometry rest = OverlayNGRobust.overlay(region, covered, OverlayNG.DIFFERENCE);
    List<Geometry> parts = new ArrayList<>();
    for (int i = 0; i < rest.getNumGeometries(); i++) {
      Geometry part = rest.getGeometryN(i);
      if (part instanceof Polygon && part.getArea() >= Overlay.MIN_AREA_M2) {
        parts.add(part);
      }
    }
    parts.sort(Comparator.comparingDouble(Geometry::getArea).reversed());
    List<Gap> gaps = new ArrayList<>();
    for (Geometry p : parts) {
      gaps.add(new Gap(gaps.size() + 1, p, p.getArea()));
    }
    return gaps;
  }

  static List<OverlapPart> overlaps(List<Catchment> catchments) {
    STRtree index = new STRtree();
    for (int i = 0; i < catchments.size(); i++) {
      if (!catchments.get(i).geometry().isEmpty()) {
        index.insert(catchments.get(i).geometry().getEnvelopeInternal(), i);
      }
    }
    List<OverlapPart> out = new ArrayList<>();
    for (int i = 0; i < catchments.size(); i++) {
      Geometry a = catchments.get(i).geometry();
      @SuppressWarnings("unchecked")
      List<Integer> candidates = index.query(a.getEnvelopeInternal());
      int first = i;
      for (int j : candidates.stream().filter(j -> j > first).sorted().toList()) {
        Geometry both =
            Catchments.polygonal(
                OverlayNGRobust.overlay(a, catchments.get(j).geometry(), OverlayNG.INTERSECTION));
        if (both.getArea() >= Overlay.MIN_AREA_M2) {
          out.add(
              new OverlapPart(
                  catchments.get(i).pcnCode(), catchments.get(j).pcnCode(), both, both.getArea()));
        }
      }
    }
    out.sort(Comparator.comparing(OverlapPart::pcnA).thenComparing(OverlapPart::pcnB));
    return out;
  }
}
