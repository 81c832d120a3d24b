package org.pcnatlas.overlay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.Catchments;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * Catchments x an area layer: every (PCN, area) pair whose intersection is at least {@link
 * #MIN_AREA_M2}, with its area and share of the PCN's catchment area.
 *
 * <p>Candidate areas come from an STR-tree on envelopes; an area that properly contains the whole
 * catchment (prepared test) contributes the catchment itself, and only the other candidates are
 * intersected with {@link OverlayNGRobust}. Catchments are processed in parallel; the result is
 * sorted by PCN code, then area code.
 */
public final class Overlay {
  /** Intersections smaller than this (m²) are slivers of generalised boundaries, not alignment. */
  public static final double MIN_AREA_M2 = 1.0;

  private Overlay() {}

  public static List<AlignmentPair> pairs(List<Catchment> catchments, AreaLayer layer) {
    return prepare(layer).pairs(catchments);
  }

  /**
   * The layer indexed once for many calls of {@link Prepared#pairs} (e.g. the catchments changed by
   * each of many scenarios). Thread-safe.
   */
  public static Prepared prepare(AreaLayer layer) {
    return new Prepared(layer);
  }

  /** An area layer with its STR-tree and prepared geometries. */
  public static final class Prepared {
    private final AreaLayer layer;
    private final STRtree index = new STRtree();
    private final List<PreparedGeometry> prepared = new ArrayList<>();

    private Prepared(AreaLayer layer) {
      this.layer = layer;
      for (int i = 0; i < layer.areas().size(); i++) {
        Area a = layer.areas().get(i);
        prepared.add(PreparedGeometryFactory.prepare(a.geometry()));
        index.insert(a.geometry().getEnvelopeInternal(), i);
      }
      index.build();
    }

    public AreaLayer layer() {
      return layer;
    }

    /** {@link Overlay#pairs} of these catchments with the layer. */
    public List<AlignmentPair> pairs(List<Catchment> catchments) {
      return IntStream.range(0, catchments.size())
          .parallel()
          .mapToObj(i -> pairsOf(catchments.get(i), layer, prepared, index))
          .flatMap(List::stream)
          .sorted(
              Comparator.comparing(AlignmentPair::pcnCode).thenComparing(AlignmentPair::areaCode))
          .toList();
    }
  }

  private static List<AlignmentPair> pairsOf(
      Catchment c, AreaLayer layer, List<PreparedGeometry> prepared, STRtree index) {
    Geometry g = c.geometry();
    List<AlignmentPair> out = new ArrayList<>();
    if (g.isEmpty()) {
      return out;
    }
    double total = g.getArea();
    @SuppressWarnings("unchecked")
    List<Integer> candidates = index.query(g.getEnvelopeInternal());
    for (int i : candidates.stream().sorted().toList()) {
      Area a = layer.areas().get(i);
      PreparedGeometry area = prepared.get(i);
      if (!area.intersects(g)) {
        continue; // only the envelopes meet: no pair, and no overlay to run
      }
      Geometry part =
          area.containsProperly(g)
              ? g
              // an intersection may carry collapsed lines or points where edges touch: drop them
              : Catchments.polygonal(
                  OverlayNGRobust.overlay(g, a.geometry(), OverlayNG.INTERSECTION));
      double m2 = part.getArea();
      if (m2 >= MIN_AREA_M2) {
        out.add(
            new AlignmentPair(c.pcnCode(), layer.name(), a.code(), a.name(), part, m2, m2 / total));
      }
    }
    return out;
  }
}
