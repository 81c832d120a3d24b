package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;

/** Helpers the catchment methods share: polygonal results, PCN grouping, dissolves. */
public final class Catchments {
  private Catchments() {}

  /**
   * The polygonal parts of a geometry (an overlay result may carry collapsed lines and points) as a
   * Polygon or MultiPolygon; an empty MultiPolygon when there are none.
   */
  public static Geometry polygonal(Geometry g) {
    return GeoUtils.polygonal(g);
  }

  /** The empty catchment: an empty MultiPolygon. */
  public static MultiPolygon empty() {
    return GeoUtils.emptyPolygonal();
  }

  /** Rejects a list in which a practice code occurs twice, naming the code. */
  static void requireUniqueCodes(List<Practice> practices) {
    Set<String> seen = new HashSet<>();
    for (Practice p : practices) {
      if (!seen.add(p.code())) {
        throw new IllegalArgumentException("practice " + p.code() + " is listed twice");
      }
    }
  }

  /** The practices of each PCN, PCNs sorted by code, practices in input order. */
  static Map<String, List<Practice>> byPcn(List<Practice> practices) {
    Map<String, List<Practice>> members = new TreeMap<>();
    for (Practice p : practices) {
      members.computeIfAbsent(p.pcnCode(), k -> new ArrayList<>()).add(p);
    }
    return members;
  }

  /** The PCN's name: the first non-blank name among its practices, else its code. */
  static String pcnName(String pcnCode, List<Practice> members) {
    return members.stream()
        .map(Practice::pcnName)
        .filter(n -> n != null && !n.isBlank())
        .findFirst()
        .orElse(pcnCode);
  }

  /** The practice codes of the PCN, sorted. */
  static List<String> codes(List<Practice> members) {
    return members.stream().map(Practice::code).sorted().toList();
  }

  /** What {@link #dissolveCoverage} did: the union, and whether it needed the fallback. */
  public record Dissolved(Geometry geometry, boolean fellBack) {}

  /**
   * The union of edge-matched polygons with {@link CoverageUnion}. When CoverageUnion throws, or
   * gives an invalid result (the parts were not an exact coverage), the union is computed again
   * with {@link OverlayNGRobust} and the fallback is reported.
   */
  public static Dissolved dissolveCoverage(List<Geometry> parts) {
    Geometry[] nonEmpty = parts.stream().filter(g -> !g.isEmpty()).toArray(Geometry[]::new);
    if (nonEmpty.length == 0) {
      return new Dissolved(empty(), false);
    }
    if (nonEmpty.length == 1) {
      return new Dissolved(polygonal(nonEmpty[0]), false);
    }
    try {
      Geometry union = polygonal(CoverageUnion.union(nonEmpty));
      if (union.isValid()) {
        return new Dissolved(union, false);
      }
    } catch (RuntimeException e) {
      // not an exact coverage: the overlay union below is robust to that
    }
    return new Dissolved(union(List.of(nonEmpty)), true);
  }

  /** One robust union of (possibly overlapping) polygons. */
  public static Geometry union(List<Geometry> parts) {
    return GeoUtils.union(parts);
  }
}
