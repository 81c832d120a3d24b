package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;

/**
 * Distance catchments: a disc of a radius around each practice, unioned per PCN and clipped to the
 * study area. Discs of neighbouring practices overlap, so the PCN catchments overlap ({@code
 * overlapping} is true) and may leave gaps.
 *
 * <p>The discs are buffers with {@link #QUADRANT_SEGMENTS} segments a quarter circle (area within
 * 0.2% of the circle's), their vertices rounded to the millimetre.
 */
public final class DistanceCatchments implements CatchmentMethod {
  /** The method's name. */
  public static final String NAME = "distance";

  /** Segments per quarter circle of each disc. */
  static final int QUADRANT_SEGMENTS = 16;

  private final double defaultRadius;
  private final Map<String, Double> radii;

  /** One radius, in metres, for every practice. */
  public DistanceCatchments(double radius) {
    this(Map.of(), radius);
  }

  /**
   * A radius per practice code, in metres, and the radius of the practices the map does not name.
   */
  public DistanceCatchments(Map<String, Double> radii, double defaultRadius) {
    this.defaultRadius = checked(defaultRadius, "the default radius");
    Map<String, Double> copy = new TreeMap<>();
    radii.forEach((code, r) -> copy.put(code, checked(r, "the radius of practice " + code)));
    this.radii = Map.copyOf(copy);
  }

  private static double checked(Double radius, String what) {
    if (radius == null || !(radius > 0) || radius.isInfinite()) {
      throw new IllegalArgumentException(
          what + " must be a positive number of metres, got " + radius);
    }
    return radius;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The radius of the practice, in metres. */
  public double radius(String practiceCode) {
    return radii.getOrDefault(practiceCode, defaultRadius);
  }

  @Override
  public CatchmentSet compute(List<Practice> practices, Geometry region) {
    Region area = Region.of(region);
    Catchments.requireUniqueCodes(practices);
    rejectUnknownRadii(practices);
    List<Practice> sorted =
        practices.stream().sorted(Comparator.comparing(Practice::code)).toList();
    Geometry[] discs = new Geometry[sorted.size()];
    Geometry[] clipped = new Geometry[sorted.size()];
    IntStream.range(0, sorted.size())
        .parallel()
        .forEach(
            i -> {
              discs[i] = disc(sorted.get(i));
              clipped[i] = area.clip(discs[i]);
            });
    List<PracticeCatchment> practiceCatchments = new ArrayList<>();
    Map<String, Geometry> discOf = new TreeMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      Practice p = sorted.get(i);
      practiceCatchments.add(new PracticeCatchment(p.code(), p.pcnCode(), clipped[i]));
      discOf.put(p.code(), discs[i]);
    }
    List<String> notes = new ArrayList<>();
    List<Catchment> pcns = PerPcn.unionAndClip(practices, discOf, area, notes);
    return new CatchmentSet(NAME, pcns, practiceCatchments, true, notes);
  }

  private void rejectUnknownRadii(List<Practice> practices) {
    Set<String> known = new HashSet<>();
    practices.forEach(p -> known.add(p.code()));
    for (String code : radii.keySet()) {
      if (!known.contains(code)) {
        throw new IllegalArgumentException(
            "a radius is given for practice " + code + ", which is not among the practices");
      }
    }
  }

  private Geometry disc(Practice p) {
    Geometry buffer = p.location().buffer(radius(p.code()), QUADRANT_SEGMENTS);
    Geometry rounded = GeoUtils.round(buffer, GeoUtils.MILLIMETRE);
    return rounded.isValid() ? rounded : buffer;
  }
}
