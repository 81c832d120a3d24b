package org.pcnatlas.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.load.LoadException;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.ProblemCode;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;

/**
 * The four files of the peer benchmark workload, in EPSG:27700 (see {@link WorkloadReader} for how
 * they are read and checked).
 *
 * <pre>
 * region.geojson     one Polygon, the study area
 * districts.geojson  polygons with code, name
 * practices.csv      practice_code,name,pcn_code,pcn_name,list_size,easting,northing
 * population.csv     area_code,population,easting,northing
 * </pre>
 *
 * @param report everything rejected or repaired on the way in (empty for the generated workload)
 */
public record BenchInputs(
    Geometry region,
    AreaLayer districts,
    List<Practice> practices,
    List<PopulationUnit> population,
    LoadReport report) {
  /** The layer name of the districts in the pairs. */
  public static final String DISTRICTS = "districts";

  /**
   * Reads the workload folder: the districts (the largest file) are parsed on a second thread while
   * the other three files are read on this one, which then checks and repairs the districts parsed
   * so far, as the second thread does once it has parsed them all.
   */
  public static BenchInputs read(Path dir) {
    LoadReport report = new LoadReport();
    Path districtsFile = dir.resolve("districts.geojson");
    Repairs repairs = new Repairs(districtsFile.getFileName().toString(), report);
    CompletableFuture<List<WorkloadReader.RawFeature>> rawDistricts =
        CompletableFuture.supplyAsync(
            () -> {
              List<WorkloadReader.RawFeature> all = new ArrayList<>();
              try {
                WorkloadReader.readPolygons(
                    districtsFile,
                    f -> {
                      all.add(f);
                      repairs.queue.add(f);
                    });
              } finally {
                repairs.parsed = true;
              }
              repairs.drain();
              return all;
            });
    Geometry region = region(dir.resolve("region.geojson"), report);
    List<Practice> practices = practices(dir.resolve("practices.csv"), region, report);
    List<PopulationUnit> population = population(dir.resolve("population.csv"), report);
    repairs.helpUntilParsed();
    List<WorkloadReader.RawFeature> features = join(rawDistricts);
    AreaLayer districts = districts(districtsFile, features, repairs.done, report);
    return new BenchInputs(region, districts, practices, population, report);
  }

  /** Districts parsed and waiting to be rounded and checked, and those done (by number). */
  private static final class Repairs {
    final String fileName;
    final LoadReport report;
    final ConcurrentLinkedQueue<WorkloadReader.RawFeature> queue = new ConcurrentLinkedQueue<>();
    final Map<Long, Optional<Geometry>> done = new ConcurrentHashMap<>();
    volatile boolean parsed;

    Repairs(String fileName, LoadReport report) {
      this.fileName = fileName;
      this.report = report;
    }

    /** Repairs what is queued. */
    void drain() {
      for (WorkloadReader.RawFeature f = queue.poll(); f != null; f = queue.poll()) {
        done.put(f.number(), Optional.ofNullable(WorkloadReader.accept(f, fileName, report)));
      }
    }

    /** Repairs what is queued, waiting for more, until the parser is done and the queue empty. */
    void helpUntilParsed() {
      while (true) {
        boolean last = parsed;
        drain();
        if (last) {
          return;
        }
        LockSupport.parkNanos(50_000);
      }
    }
  }

  private static Geometry region(Path file, LoadReport report) {
    List<WorkloadReader.RawFeature> features = WorkloadReader.readPolygons(file);
    if (features.size() != 1) {
      throw new LoadException(
          file, "expected one feature, the study area, found " + features.size());
    }
    Geometry region = WorkloadReader.accept(features.get(0), file.getFileName().toString(), report);
    if (!(region instanceof Polygonal)) {
      throw new LoadException(file, "the study area is not a polygon");
    }
    return region;
  }

  private static AreaLayer districts(
      Path file,
      List<WorkloadReader.RawFeature> features,
      Map<Long, Optional<Geometry>> repaired,
      LoadReport report) {
    String name = file.getFileName().toString();
    Geometry[] geometries =
        features.stream().map(f -> repaired.get(f.number()).orElse(null)).toArray(Geometry[]::new);
    List<Area> areas = new ArrayList<>(features.size());
    WorkloadReader.FirstSeen seen = new WorkloadReader.FirstSeen();
    for (int i = 0; i < geometries.length; i++) {
      WorkloadReader.RawFeature f = features.get(i);
      String where = name + ":feature " + f.number();
      String code = f.properties().get("code");
      if (code == null || code.isBlank()) {
        report.add(ProblemCode.MISSING_CODE, where, "no value in code");
        continue;
      }
      if (geometries[i] == null) {
        continue;
      }
      String first = seen.firstOf(code, where);
      if (first != null) {
        report.add(
            ProblemCode.DUPLICATE_CODE, where, code + " already read at " + first + "; left out");
        continue;
      }
      areas.add(new Area(code, f.properties().getOrDefault("name", code), geometries[i], null));
    }
    return new AreaLayer(DISTRICTS, areas);
  }

  private static List<Practice> practices(Path file, Geometry region, LoadReport report) {
    WorkloadReader.Csv csv = WorkloadReader.readCsv(file, report);
    int code = csv.column("practice_code");
    int name = csv.column("name");
    int pcn = csv.column("pcn_code");
    int pcnName = csv.column("pcn_name");
    int list = csv.column("list_size");
    int east = csv.column("easting");
    int north = csv.column("northing");
    IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(region);
    List<Practice> out = new ArrayList<>(csv.rows().size());
    WorkloadReader.FirstSeen seen = new WorkloadReader.FirstSeen();
    for (int r = 0; r < csv.rows().size(); r++) {
      String[] row = csv.rows().get(r);
      String where = csv.location(r);
      String c = row[code].strip();
      if (c.isEmpty()) {
        report.add(ProblemCode.MISSING_CODE, where, "no practice code in practice_code");
        continue;
      }
      Coordinate site = site(row[east], row[north], where, report);
      if (site == null) {
        continue;
      }
      String first = seen.firstOf(c, where);
      if (first != null) {
        report.add(
            ProblemCode.DUPLICATE_PRACTICE,
            where,
            c + " already read at " + first + "; this row is left out");
        continue;
      }
      String pcnCode = row[pcn].strip();
      String pcnLabel = row[pcnName];
      if (pcnCode.isEmpty()) {
        report.add(
            ProblemCode.UNKNOWN_PCN, where, c + " has no PCN code; counted as unallocated (U)");
        pcnCode = Practice.UNALLOCATED;
        pcnLabel = "Unallocated";
      }
      double size = WorkloadReader.parseDecimal(row[list]);
      Long listSize = size >= 0 && size == Math.rint(size) ? (long) size : null;
      if (listSize == null) {
        report.add(ProblemCode.MISSING_LIST_SIZE, where, c + " has no registered list size");
      }
      boolean in = inside.locate(site) != Location.EXTERIOR;
      if (!in) {
        report.add(
            ProblemCode.OUTSIDE_STUDY_AREA,
            where,
            c + " at " + site.x + " " + site.y + " lies outside the study area; kept and flagged");
      }
      out.add(
          new Practice(
              c, row[name], pcnCode, pcnLabel, listSize, GeoUtils.FACTORY.createPoint(site), in));
    }
    return out;
  }

  private static List<PopulationUnit> population(Path file, LoadReport report) {
    WorkloadReader.Csv csv = WorkloadReader.readCsv(file, report);
    int code = csv.column("area_code");
    int people = csv.column("population");
    int east = csv.column("easting");
    int north = csv.column("northing");
    List<PopulationUnit> out = new ArrayList<>(csv.rows().size());
    WorkloadReader.FirstSeen seen = new WorkloadReader.FirstSeen();
    for (int r = 0; r < csv.rows().size(); r++) {
      String[] row = csv.rows().get(r);
      String where = csv.location(r);
      String c = row[code].strip();
      if (c.isEmpty()) {
        report.add(ProblemCode.MISSING_CODE, where, "no value in area_code");
        continue;
      }
      double n = WorkloadReader.parseDecimal(row[people]);
      if (!(n >= 0 && n == Math.rint(n))) {
        report.add(
            ProblemCode.UNPARSABLE_VALUE,
            where,
            "'" + row[people] + "' in population is not a number of residents");
        continue;
      }
      Coordinate centroid = site(row[east], row[north], where, report);
      if (centroid == null) {
        continue;
      }
      String first = seen.firstOf(c, where);
      if (first != null) {
        report.add(ProblemCode.DUPLICATE_CODE, where, c + " appears again; left out");
        continue;
      }
      out.add(new PopulationUnit(c, c, (long) n, GeoUtils.FACTORY.createPoint(centroid), null));
    }
    return out;
  }

  /**
   * The point (rounded to the millimetre), or null when a coordinate is missing or not a number.
   */
  private static Coordinate site(String easting, String northing, String where, LoadReport report) {
    if (easting.isBlank() || northing.isBlank()) {
      report.add(
          ProblemCode.MISSING_COORDINATES,
          where,
          "no value in " + (easting.isBlank() ? "easting" : "northing"));
      return null;
    }
    double x = WorkloadReader.parseDecimal(easting.strip());
    double y = WorkloadReader.parseDecimal(northing.strip());
    if (Double.isNaN(x) || Double.isNaN(y)) {
      report.add(
          ProblemCode.UNPARSABLE_COORDINATES,
          where,
          "'" + (Double.isNaN(x) ? easting : northing) + "' is not a number");
      return null;
    }
    return new Coordinate(GeoUtils.MILLIMETRE.makePrecise(x), GeoUtils.MILLIMETRE.makePrecise(y));
  }

  /** The value of a future, its failure rethrown as it was thrown. */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
