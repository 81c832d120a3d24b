package org.pcnatlas.overlay;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.pcnatlas.geo.AreaGrid;
import org.pcnatlas.geo.ClipIndex;
import org.pcnatlas.geo.ConvexClip;
import org.pcnatlas.geo.SegmentIndex;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * One area layer prepared once for every overlay and point location of a run (and of every scenario
 * over it): an STR-tree of the areas' envelopes, and per area, built on first need and then shared
 * by all threads, its prepared geometry, its indexed boundary ({@link SegmentIndex}), its rings for
 * convex clipping ({@link ConvexClip.Subject}) and its pieces ({@link ClipIndex}). Most areas of a
 * large layer meet only cells that lie wholly inside them, so most of these are never built.
 */
public final class AreaIndex {
  private final AreaLayer layer;
  private final Geometry region;
  private final STRtree tree = new STRtree();
  private final Lazy<PreparedGeometry> prepared;
  private final Lazy<SegmentIndex> segments;
  private final Lazy<ConvexClip.Subject> subjects;
  private final Lazy<ClipIndex> pieces;

  /** Per area: 0 not known yet, 1 within the study area, -1 not (or no study area given). */
  private final AtomicIntegerArray withinRegion;

  private RelateNG preparedRegion;
  private volatile AreaGrid grid;

  private AreaIndex(AreaLayer layer, Geometry region) {
    this.layer = layer;
    this.region = region;
    int n = layer.areas().size();
    IntFunction<Geometry> g = i -> layer.areas().get(i).geometry();
    prepared = new Lazy<>(n, i -> PreparedGeometryFactory.prepare(g.apply(i)));
    segments = new Lazy<>(n, i -> SegmentIndex.of(g.apply(i)));
    subjects = new Lazy<>(n, i -> ConvexClip.Subject.of(g.apply(i)));
    pieces = new Lazy<>(n, i -> ClipIndex.of(g.apply(i), segments.get(i)));
    withinRegion = new AtomicIntegerArray(n);
    for (int i = 0; i < n; i++) {
      tree.insert(g.apply(i).getEnvelopeInternal(), i);
    }
    tree.build();
  }

  /**
   * The index of a layer.
   *
   * @param region the study area, or null: tells which areas lie within it (for cells cut by its
   *     edge, {@link CellOverlay})
   */
  public static AreaIndex of(AreaLayer layer, Geometry region) {
    return new AreaIndex(layer, region);
  }

  public AreaLayer layer() {
    return layer;
  }

  public int size() {
    return layer.areas().size();
  }

  public Area area(int i) {
    return layer.areas().get(i);
  }

  public Geometry geometry(int i) {
    return layer.areas().get(i).geometry();
  }

  /** The areas whose envelope meets {@code env}, ascending. */
  public int[] candidates(Envelope env) {
    List<?> found = tree.query(env);
    int[] out = new int[found.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Integer) found.get(i);
    }
    Arrays.sort(out);
    return out;
  }

  public PreparedGeometry prepared(int i) {
    return prepared.get(i);
  }

  public SegmentIndex segments(int i) {
    return segments.get(i);
  }

  public ConvexClip.Subject subject(int i) {
    return subjects.get(i);
  }

  public ClipIndex pieces(int i) {
    return pieces.get(i);
  }

  /**
   * The first area, in layer order, whose polygon covers the point (interior or boundary), or -1.
   * The rule every method uses to place a population unit in an area. Answered from a grid over the
   * layer ({@link AreaGrid}, made on first use) where no boundary is near, else exactly.
   */
  public int first(double x, double y) {
    return grid().locate(x, y);
  }

  private AreaGrid grid() {
    AreaGrid g = grid;
    if (g == null) {
      synchronized (this) {
        g = grid;
        if (g == null) {
          List<Geometry> geometries = new java.util.ArrayList<>(size());
          for (int i = 0; i < size(); i++) {
            geometries.add(geometry(i));
          }
          g = AreaGrid.of(geometries, this::firstExactly);
          grid = g;
        }
      }
    }
    return g;
  }

  /** {@link #first} by point-in-polygon on the candidates of the STR-tree. */
  int firstExactly(double x, double y) {
    Envelope at = new Envelope(x, x, y, y);
    int[] candidates = candidates(at);
    if (candidates.length == 0) {
      return -1;
    }
    Coordinate p = new Coordinate(x, y);
    for (int a : candidates) {
      if (segments.get(a).locate(p) != Location.EXTERIOR) {
        return a;
      }
    }
    return -1;
  }

  /** True when area {@code a} lies within the study area (evaluated once, on first need). */
  boolean withinRegion(int a) {
    int known = withinRegion.get(a);
    if (known == 0) {
      RelateNG r = preparedRegion();
      known = r != null && r.evaluate(geometry(a), RelatePredicate.covers()) ? 1 : -1;
      withinRegion.set(a, known);
    }
    return known > 0;
  }

  private synchronized RelateNG preparedRegion() {
    if (preparedRegion == null && region != null) {
      preparedRegion = RelateNG.prepare(region);
    }
    return preparedRegion;
  }

  /** Values built on first need, once, by whichever thread asks first. */
  private static final class Lazy<T> {
    private final AtomicReferenceArray<T> values;
    private final IntFunction<T> make;

    Lazy(int n, IntFunction<T> make) {
      this.values = new AtomicReferenceArray<>(n);
      this.make = make;
    }

    T get(int i) {
      T v = values.get(i);
      if (v == null) {
        T made = make.apply(i);
        v = values.compareAndExchange(i, null, made);
        if (v == null) {
          v = made;
        }
      }
      return v;
    }
  }
}
