package org.pcnatlas.overlay;

import java.util.Objects;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;

/**
 * The intersection of one PCN catchment with one area: its polygon, area (m²) and share of the
 * PCN's catchment area.
 *
 * <p>The figures are what the analysis needs; the polygon only the map layers and the GeoPackage
 * need. Where the overlay got the area without building the polygon (summed from Voronoi cells, or
 * from the districts of a network area), the polygon is drawn on first use, once, by the supplier
 * given ({@link #lazy}); it is the same polygon either way.
 */
public final class AlignmentPair {
  private final String pcnCode;
  private final String areaLayer;
  private final String areaCode;
  private final String areaName;
  private final double areaM2;
  private final double shareOfPcnArea;
  private Supplier<Geometry> draw;
  private volatile Geometry geometry;

  /** A pair whose polygon is known. */
  public AlignmentPair(
      String pcnCode,
      String areaLayer,
      String areaCode,
      String areaName,
      Geometry geometry,
      double areaM2,
      double shareOfPcnArea) {
    this(pcnCode, areaLayer, areaCode, areaName, areaM2, shareOfPcnArea);
    this.geometry = Objects.requireNonNull(geometry, "geometry");
  }

  private AlignmentPair(
      String pcnCode,
      String areaLayer,
      String areaCode,
      String areaName,
      double areaM2,
      double shareOfPcnArea) {
    this.pcnCode = Objects.requireNonNull(pcnCode, "pcnCode");
    this.areaLayer = Objects.requireNonNull(areaLayer, "areaLayer");
    this.areaCode = Objects.requireNonNull(areaCode, "areaCode");
    this.areaName = areaName;
    this.areaM2 = areaM2;
    this.shareOfPcnArea = shareOfPcnArea;
  }

  /** A pair whose polygon is drawn by {@code draw} when first asked for (from any thread). */
  public static AlignmentPair lazy(
      String pcnCode,
      String areaLayer,
      String areaCode,
      String areaName,
      Supplier<Geometry> draw,
      double areaM2,
      double shareOfPcnArea) {
    AlignmentPair p =
        new AlignmentPair(pcnCode, areaLayer, areaCode, areaName, areaM2, shareOfPcnArea);
    p.draw = Objects.requireNonNull(draw, "draw");
    return p;
  }

  public String pcnCode() {
    return pcnCode;
  }

  public String areaLayer() {
    return areaLayer;
  }

  public String areaCode() {
    return areaCode;
  }

  public String areaName() {
    return areaName;
  }

  /** The intersection polygon (drawn now if it was not yet). */
  public Geometry geometry() {
    Geometry g = geometry;
    if (g == null) {
      synchronized (this) {
        g = geometry;
        if (g == null) {
          g = Objects.requireNonNull(draw.get(), "the pair's polygon");
          geometry = g;
          draw = null;
        }
      }
    }
    return g;
  }

  /** The area of the intersection, m². */
  public double areaM2() {
    return areaM2;
  }

  /** {@link #areaM2()} divided by the area of the PCN's catchment. */
  public double shareOfPcnArea() {
    return shareOfPcnArea;
  }

  @Override
  public String toString() {
    return "AlignmentPair["
        + pcnCode
        + " "
        + areaLayer
        + ":"
        + areaCode
        + " "
        + areaM2
        + " m², share "
        + shareOfPcnArea
        + "]";
  }
}
