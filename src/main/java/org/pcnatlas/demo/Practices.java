package org.pcnatlas.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.pcnatlas.geo.GeoUtils;

/**
 * Practices and PCNs: five PCNs in the City (central, then four around it), two per market town
 * (the town itself, and the town with its villages), five rural PCNs of village practices in the
 * parts farthest from any town, and one unallocated practice in the City. Each PCN gets a target
 * list size (a few outliers below 30,000 and above 50,000) shared among its practices.
 */
final class Practices {
  static final String UNALLOCATED_CODE = "U";
  static final String UNALLOCATED_NAME = "Unallocated";
  static final String PRACTICE_CODE_PREFIX = "Z";
  static final int FIRST_PCN_CODE = 90_001;

  static final double CITY_PCN_RING = 2_000;
  static final double CITY_PRACTICE_SPREAD = 700;
  static final int MIN_CITY_PRACTICES = 3;
  static final int MAX_CITY_PRACTICES = 5;
  static final double TOWN_PRACTICE_SPREAD = 600;
  static final int MIN_TOWN_PRACTICES = 2;
  static final int MAX_TOWN_PRACTICES = 4;
  static final double MIN_VILLAGE_DISTANCE = 3_000;
  static final double MAX_VILLAGE_DISTANCE = 7_000;
  static final int RURAL_PCNS = 5;
  static final double RURAL_PRACTICE_SPREAD = 2_500;
  static final int MIN_RURAL_PRACTICES = 3;
  static final int MAX_RURAL_PRACTICES = 5;

  /**
   * Rural PCN anchors are chosen on this grid, at least {@link #RURAL_ANCHOR_INSET} inside the
   * boundary.
   */
  static final double RURAL_ANCHOR_GRID = 1_000;

  static final double RURAL_ANCHOR_INSET = 3_000;

  /** Practices stay this far inside the boundary and this far apart. */
  static final double PRACTICE_INSET = 250;

  static final double MIN_PRACTICE_SPACING = 150;
  static final int MAX_ATTEMPTS = 100_000;

  /**
   * Regular PCNs share the list sizes left by the outliers in proportion to a weight in [MIN, MAX).
   */
  static final double MIN_PCN_WEIGHT = 0.88;

  static final double MAX_PCN_WEIGHT = 1.2;
  static final double SMALL_RURAL_PCN_TARGET = 24_000;
  static final double LARGE_CITY_PCN_TARGET = 58_000;
  static final double LARGE_TOWN_PCN_TARGET = 54_000;
  static final double UNALLOCATED_TARGET = 4_000;

  /** A practice's share of its PCN's list size is proportional to a weight in [MIN, MAX). */
  static final double MIN_PRACTICE_WEIGHT = 0.6;

  static final double MAX_PRACTICE_WEIGHT = 1.4;

  private static final List<String> CITY_QUARTERS = List.of("North", "West", "South", "East");

  /**
   * A PCN being planned: name, practices, and either a fixed target or a weight for the regular
   * share.
   */
  private record PcnDraft(
      String name, List<PracticeDraft> practices, double fixedTarget, double weight) {}

  private record PracticeDraft(String name, Coordinate location, double weight) {}

  private final Landscape landscape;
  private final SplittableRandom random;
  private final PreparedGeometry practiceArea;
  private final List<Coordinate> taken = new ArrayList<>();
  private final List<String> villages;
  private final List<PcnDraft> pcns = new ArrayList<>();

  private Practices(Landscape landscape, SplittableRandom random) {
    this.landscape = landscape;
    this.random = random;
    this.practiceArea =
        PreparedGeometryFactory.prepare(landscape.boundary().buffer(-PRACTICE_INSET));
    this.villages = new ArrayList<>(Names.shuffled(Names.VILLAGES, random));
  }

  /** Plans every practice; the targets share out {@code totalRegistered} registered patients. */
  static List<PracticePlan> plan(
      Landscape landscape, double totalRegistered, SplittableRandom random) {
    Practices p = new Practices(landscape, random);
    p.cityPcns();
    p.townPcns();
    p.ruralPcns();
    return p.build(totalRegistered);
  }

  private void cityPcns() {
    Town city = landscape.city();
    List<String> landmarks = new ArrayList<>(Names.shuffled(Names.LANDMARKS, random));
    addTownPcn(city.name() + " Central PCN", city, city.centre(), landmarks, LARGE_CITY_PCN_TARGET);
    double theta0 = Math.toRadians(90 + random.nextDouble(-20, 20));
    for (int k = 0; k < CITY_QUARTERS.size(); k++) {
      Coordinate anchor = Landscape.polar(city.centre(), theta0 + k * Math.PI / 2, CITY_PCN_RING);
      addTownPcn(city.name() + " " + CITY_QUARTERS.get(k) + " PCN", city, anchor, landmarks, 0);
    }
  }

  private void addTownPcn(
      String name, Town town, Coordinate anchor, List<String> landmarks, double fixedTarget) {
    int count =
        town.city()
            ? random.nextInt(MIN_CITY_PRACTICES, MAX_CITY_PRACTICES + 1)
            : random.nextInt(MIN_TOWN_PRACTICES, MAX_TOWN_PRACTICES + 1);
    double spread = town.city() ? CITY_PRACTICE_SPREAD : TOWN_PRACTICE_SPREAD;
    List<PracticeDraft> practices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String practiceName = town.name() + " " + landmarks.remove(0) + " " + Names.premises(random);
      practices.add(
          new PracticeDraft(
              practiceName,
              place(() -> PopulationUnits.gaussian(anchor, spread, random)),
              practiceWeight()));
    }
    pcns.add(new PcnDraft(name, practices, fixedTarget, pcnWeight()));
  }

  private void townPcns() {
    List<Town> towns = landscape.towns();
    for (int t = 1; t < towns.size(); t++) {
      Town town = towns.get(t);
      List<String> landmarks = new ArrayList<>(Names.shuffled(Names.LANDMARKS, random));
      addTownPcn(
          town.name() + " Town PCN",
          town,
          town.centre(),
          landmarks,
          t == 1 ? LARGE_TOWN_PCN_TARGET : 0);
      int count = random.nextInt(MIN_TOWN_PRACTICES, MAX_TOWN_PRACTICES + 1);
      List<PracticeDraft> practices = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        practices.add(
            new PracticeDraft(
                villages.remove(0) + " " + Names.premises(random),
                place(
                    () ->
                        Landscape.polar(
                            town.centre(),
                            random.nextDouble(2 * Math.PI),
                            random.nextDouble(MIN_VILLAGE_DISTANCE, MAX_VILLAGE_DISTANCE))),
                practiceWeight()));
      }
      pcns.add(new PcnDraft(town.name() + " & Villages PCN", practices, 0, pcnWeight()));
    }
  }

  private void ruralPcns() {
    List<Coordinate> anchors = ruralAnchors();
    for (int r = 0; r < anchors.size(); r++) {
      Coordinate anchor = anchors.get(r);
      int count = random.nextInt(MIN_RURAL_PRACTICES, MAX_RURAL_PRACTICES + 1);
      List<PracticeDraft> practices = new ArrayList<>();
      String pcnVillage = villages.get(0);
      for (int i = 0; i < count; i++) {
        practices.add(
            new PracticeDraft(
                villages.remove(0) + " " + Names.premises(random),
                place(() -> PopulationUnits.gaussian(anchor, RURAL_PRACTICE_SPREAD, random)),
                practiceWeight()));
      }
      boolean small = r == anchors.size() - 1;
      pcns.add(
          new PcnDraft(
              pcnVillage + " & District PCN",
              practices,
              small ? SMALL_RURAL_PCN_TARGET : 0,
              pcnWeight()));
    }
  }

  /**
   * Grid points inside the inset boundary, each the farthest from the towns and the anchors chosen
   * before.
   */
  private List<Coordinate> ruralAnchors() {
    PreparedGeometry inner =
        PreparedGeometryFactory.prepare(landscape.boundary().buffer(-RURAL_ANCHOR_INSET));
    Envelope env = landscape.boundary().getEnvelopeInternal();
    List<Coordinate> candidates = new ArrayList<>();
    for (double x = Math.ceil(env.getMinX() / RURAL_ANCHOR_GRID) * RURAL_ANCHOR_GRID;
        x < env.getMaxX();
        x += RURAL_ANCHOR_GRID) {
      for (double y = Math.ceil(env.getMinY() / RURAL_ANCHOR_GRID) * RURAL_ANCHOR_GRID;
          y < env.getMaxY();
          y += RURAL_ANCHOR_GRID) {
        if (inner.contains(GeoUtils.point(x, y))) {
          candidates.add(new Coordinate(x, y));
        }
      }
    }
    List<Coordinate> occupied = new ArrayList<>();
    landscape.towns().forEach(t -> occupied.add(t.centre()));
    List<Coordinate> anchors = new ArrayList<>();
    for (int r = 0; r < RURAL_PCNS; r++) {
      Coordinate best = null;
      double bestDistance = -1;
      for (Coordinate c : candidates) {
        double d = nearestDistance(c, occupied);
        if (d > bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      anchors.add(best);
      occupied.add(best);
    }
    return anchors;
  }

  private static double nearestDistance(Coordinate c, List<Coordinate> others) {
    double min = Double.POSITIVE_INFINITY;
    for (Coordinate o : others) {
      min = Math.min(min, c.distance(o));
    }
    return min;
  }

  private interface Draw {
    Coordinate next();
  }

  /**
   * A practice location to the whole metre, inside the inset study area and apart from the other
   * practices.
   */
  private Coordinate place(Draw draw) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Coordinate c = draw.next();
      c = new Coordinate(Math.rint(c.x), Math.rint(c.y));
      if (practiceArea.contains(GeoUtils.point(c.x, c.y))
          && PopulationUnits.farFromAll(c, taken, MIN_PRACTICE_SPACING)) {
        taken.add(c);
        return c;
      }
    }
    throw new IllegalStateException("cannot place a practice after " + MAX_ATTEMPTS + " attempts");
  }

  private double pcnWeight() {
    return random.nextDouble(MIN_PCN_WEIGHT, MAX_PCN_WEIGHT);
  }

  private double practiceWeight() {
    return random.nextDouble(MIN_PRACTICE_WEIGHT, MAX_PRACTICE_WEIGHT);
  }

  /** Codes, PCN codes and targets; the unallocated practice comes last. */
  private List<PracticePlan> build(double totalRegistered) {
    Coordinate unallocatedLocation =
        place(() -> PopulationUnits.gaussian(landscape.city().centre(), CITY_PCN_RING, random));
    double fixed = UNALLOCATED_TARGET;
    double weights = 0;
    for (PcnDraft pcn : pcns) {
      fixed += pcn.fixedTarget();
      weights += pcn.fixedTarget() > 0 ? 0 : pcn.weight();
    }
    double perWeight = (totalRegistered - fixed) / weights;
    List<PracticePlan> plans = new ArrayList<>();
    for (int k = 0; k < pcns.size(); k++) {
      PcnDraft pcn = pcns.get(k);
      double target = pcn.fixedTarget() > 0 ? pcn.fixedTarget() : pcn.weight() * perWeight;
      double practiceWeights = pcn.practices().stream().mapToDouble(PracticeDraft::weight).sum();
      for (PracticeDraft p : pcn.practices()) {
        plans.add(
            new PracticePlan(
                practiceCode(plans.size()),
                p.name(),
                "U" + (FIRST_PCN_CODE + k),
                pcn.name(),
                p.location(),
                target * p.weight() / practiceWeights));
      }
    }
    plans.add(
        new PracticePlan(
            practiceCode(plans.size()),
            landscape.city().name() + " University Health Centre",
            UNALLOCATED_CODE,
            UNALLOCATED_NAME,
            unallocatedLocation,
            UNALLOCATED_TARGET));
    return plans;
  }

  private static String practiceCode(int index) {
    return String.format(Locale.ROOT, "%s%05d", PRACTICE_CODE_PREFIX, index + 1);
  }
}
