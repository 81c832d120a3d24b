package org.pcnatlas.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.pcnatlas.geo.GeoUtils;

/**
 * Population-unit geometry: seeded sites (dense in the towns, sparse and evenly spread in the
 * countryside), their Voronoi cells clipped to the study area and rounded to the millimetre, so
 * that the cells partition it exactly.
 */
final class PopulationUnits {
  static final int RURAL_UNITS = 95;
  static final double MIN_TOWN_SITE_SPACING = 150;
  static final double MIN_RURAL_SITE_SPACING = 2_000;
  static final int MAX_ATTEMPTS = 1_000_000;

  /**
   * The Voronoi diagram is clipped to the study area's envelope grown by this margin, then to the
   * study area.
   */
  static final double CLIP_MARGIN = 5_000;

  static final double MEAN_POPULATION = 1_750;
  static final double POPULATION_SD = 300;
  static final long MIN_POPULATION = 1_050;
  static final long MAX_POPULATION = 2_950;

  /**
   * The population-weighted centroid is the centroid pulled this fraction towards the nearest town
   * centre...
   */
  static final double CENTROID_PULL_FRACTION = 0.25;

  /** ...but by no more than this (metres). */
  static final double CENTROID_PULL_MAX = 600;

  private PopulationUnits() {}

  /** The sites: each town's units first (City, then market towns), then the countryside. */
  static List<Coordinate> sites(Landscape landscape, SplittableRandom random) {
    List<Coordinate> sites = new ArrayList<>();
    for (Town town : landscape.towns()) {
      for (int i = 0; i < town.unitCount(); i++) {
        sites.add(
            draw(
                sites,
                MIN_TOWN_SITE_SPACING,
                random,
                () -> gaussian(town.centre(), town.spread(), random),
                landscape));
      }
    }
    Envelope env = landscape.boundary().getEnvelopeInternal();
    for (int i = 0; i < RURAL_UNITS; i++) {
      sites.add(
          draw(
              sites,
              MIN_RURAL_SITE_SPACING,
              random,
              () ->
                  new Coordinate(
                      random.nextDouble(env.getMinX(), env.getMaxX()),
                      random.nextDouble(env.getMinY(), env.getMaxY())),
              landscape));
    }
    return sites;
  }

  /**
   * The cells of the sites, clipped to the study area and rounded: one polygon per site, in site
   * order.
   */
  static List<Polygon> cells(Landscape landscape, List<Coordinate> sites) {
    Polygon area = landscape.boundary();
    List<Geometry> clipped = new ArrayList<>();
    for (Polygon cell : voronoi(area, sites)) {
      clipped.add(
          GeoUtils.round(
              OverlayNGRobust.overlay(cell, area, OverlayNG.INTERSECTION), GeoUtils.MILLIMETRE));
    }
    List<Polygon> units = mergeDetachedParts(clipped);
    validate(units);
    return units;
  }

  /** A plausible resident population for one unit (LSOAs hold roughly 1,000 to 3,000 people). */
  static long population(SplittableRandom random) {
    long p = Math.round(MEAN_POPULATION + POPULATION_SD * random.nextGaussian());
    return Math.max(MIN_POPULATION, Math.min(MAX_POPULATION, p));
  }

  /**
   * The population-weighted centroid: the centroid pulled towards the nearest town centre (people
   * live towards town), else the centroid, else an interior point; always strictly inside the
   * polygon.
   */
  static Point populationCentroid(Polygon polygon, Landscape landscape) {
    Coordinate c = polygon.getCentroid().getCoordinate();
    Coordinate town = landscape.nearestTown(c).centre();
    double d = c.distance(town);
    double pull = d == 0 ? 0 : Math.min(d * CENTROID_PULL_FRACTION, CENTROID_PULL_MAX) / d;
    Coordinate pulled = new Coordinate(c.x + (town.x - c.x) * pull, c.y + (town.y - c.y) * pull);
    for (Coordinate candidate : List.of(pulled, c, InteriorPointArea.getInteriorPoint(polygon))) {
      Coordinate rounded = Landscape.millimetre(candidate);
      Point p = GeoUtils.point(rounded.x, rounded.y);
      if (polygon.contains(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no interior centroid for unit at " + c);
  }

  private interface Draw {
    Coordinate next();
  }

  private static Coordinate draw(
      List<Coordinate> taken,
      double spacing,
      SplittableRandom random,
      Draw draw,
      Landscape landscape) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Coordinate c = Landscape.millimetre(draw.next());
      if (landscape.contains(c) && farFromAll(c, taken, spacing)) {
        return c;
      }
    }
    throw new IllegalStateException(
        "cannot place a population-unit site after " + MAX_ATTEMPTS + " attempts");
  }

  static Coordinate gaussian(Coordinate centre, double spread, SplittableRandom random) {
    return new Coordinate(
        centre.x + spread * random.nextGaussian(), centre.y + spread * random.nextGaussian());
  }

  static boolean farFromAll(Coordinate c, List<Coordinate> taken, double spacing) {
    for (Coordinate t : taken) {
      if (t.distance(c) < spacing) {
        return false;
      }
    }
    return true;
  }

  /** Voronoi cells in site order (each cell's {@code userData} is its site). */
  private static List<Polygon> voronoi(Polygon area, List<Coordinate> sites) {
    Map<Coordinate, Integer> index = new TreeMap<>();
    for (int i = 0; i < sites.size(); i++) {
      index.put(sites.get(i), i);
    }
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(sites);
    Envelope clip = new Envelope(area.getEnvelopeInternal());
    clip.expandBy(CLIP_MARGIN);
    builder.setClipEnvelope(clip);
    Geometry diagram = builder.getDiagram(GeoUtils.FACTORY);
    Polygon[] cells = new Polygon[sites.size()];
    for (int i = 0; i < diagram.getNumGeometries(); i++) {
      Geometry cell = diagram.getGeometryN(i);
      cells[index.get((Coordinate) cell.getUserData())] = (Polygon) cell;
    }
    return List.of(cells);
  }

  /**
   * Keeps the largest part of each clipped cell and gives every other part (cut off by a bend of
   * the boundary) to the unit it shares the longest border with, so that every unit is one polygon
   * and the partition stays exact.
   */
  private static List<Polygon> mergeDetachedParts(List<Geometry> clipped) {
    List<Polygon> units = new ArrayList<>();
    List<Polygon> detached = new ArrayList<>();
    List<Integer> origin = new ArrayList<>();
    for (int i = 0; i < clipped.size(); i++) {
      Geometry g = clipped.get(i);
      int largest = 0;
      for (int k = 1; k < g.getNumGeometries(); k++) {
        if (g.getGeometryN(k).getArea() > g.getGeometryN(largest).getArea()) {
          largest = k;
        }
      }
      units.add((Polygon) g.getGeometryN(largest));
      for (int k = 0; k < g.getNumGeometries(); k++) {
        if (k != largest) {
          detached.add((Polygon) g.getGeometryN(k));
          origin.add(i);
        }
      }
    }
    while (!detached.isEmpty()) {
      boolean merged = false;
      for (int k = 0; k < detached.size(); k++) {
        int into = longestBorder(detached.get(k), origin.get(k), units);
        if (into >= 0) {
          units.set(into, dissolve(units.get(into), detached.get(k)));
          detached.remove(k);
          origin.remove(k);
          merged = true;
          break;
        }
      }
      if (!merged) {
        throw new IllegalStateException(
            detached.size() + " detached cell parts share no border with any unit");
      }
    }
    return units;
  }

  private static int longestBorder(Polygon part, int origin, List<Polygon> units) {
    int best = -1;
    double bestLength = 0;
    for (int j = 0; j < units.size(); j++) {
      if (j == origin
          || !units.get(j).getEnvelopeInternal().intersects(part.getEnvelopeInternal())) {
        continue;
      }
      double length =
          OverlayNGRobust.overlay(
                  part.getBoundary(), units.get(j).getBoundary(), OverlayNG.INTERSECTION)
              .getLength();
      if (length > bestLength) {
        bestLength = length;
        best = j;
      }
    }
    return best;
  }

  private static Polygon dissolve(Polygon a, Polygon b) {
    Geometry union = CoverageUnion.union(new Geometry[] {a, b});
    if (!(union instanceof Polygon p)) {
      throw new IllegalStateException(
          "dissolving a detached part gave a " + union.getGeometryType());
    }
    return p;
  }

  private static void validate(List<Polygon> units) {
    for (Polygon p : units) {
      if (p.isEmpty() || !p.isValid()) {
        throw new IllegalStateException("invalid population unit " + p);
      }
    }
    if (!CoverageValidator.isValid(units.toArray(new Geometry[0]))) {
      throw new IllegalStateException("population units do not form a valid coverage");
    }
  }
}
