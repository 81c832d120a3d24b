package org.pcnatlas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.export.GeoJsonWriter;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.RandomWorkload;

/** Writes a {@link RandomWorkload} as the four files of the benchmark, as gen.py lays them out. */
final class BenchWorkload {
  private BenchWorkload() {}

  /** EPSG:27700 with the legacy crs member; enough decimals to keep every vertex as it is. */
  private static final GeoJsonWriter GEOJSON = GeoJsonWriter.withCrsMember(27700, 10);

  /** The same workload moved by dx, dy metres (the x10 workload lies beyond Great Britain). */
  static RandomWorkload shifted(RandomWorkload w, double dx, double dy) {
    GeoUtils.XyFunction move =
        (x, y, out) -> {
          out.x = x + dx;
          out.y = y + dy;
        };
    List<Area> areas = new ArrayList<>();
    for (Area a : w.districts().areas()) {
      areas.add(new Area(a.code(), a.name(), GeoUtils.mapXy(a.geometry(), move), a.group()));
    }
    List<Practice> practices = new ArrayList<>();
    for (Practice p : w.practices()) {
      practices.add(
          new Practice(
              p.code(),
              p.name(),
              p.pcnCode(),
              p.pcnName(),
              p.listSize(),
              (Point) GeoUtils.mapXy(p.location(), move),
              p.insideStudyArea()));
    }
    List<PopulationUnit> units = new ArrayList<>();
    for (PopulationUnit u : w.units()) {
      units.add(
          new PopulationUnit(
              u.code(),
              u.name(),
              u.population(),
              (Point) GeoUtils.mapXy(u.centroid(), move),
              null));
    }
    return new RandomWorkload(
        (Polygon) GeoUtils.mapXy(w.region(), move),
        new AreaLayer(w.districts().name(), areas),
        practices,
        units);
  }

  static Path write(RandomWorkload w, Path dir) {
    try {
      Files.createDirectories(dir);
      Map<String, AttributeType> nameOnly = new LinkedHashMap<>();
      nameOnly.put("name", AttributeType.STRING);
      GEOJSON.write(
          new FeatureLayer(
              "region",
              27700,
              nameOnly,
              List.of(new Feature(1, null, w.region(), Map.of("name", "Synthetic test")))),
          dir.resolve("region.geojson"));
      Map<String, AttributeType> codeName = new LinkedHashMap<>();
      codeName.put("code", AttributeType.STRING);
      codeName.put("name", AttributeType.STRING);
      List<Feature> districts = new ArrayList<>();
      for (Area a : w.districts().areas()) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("code", a.code());
        props.put("name", a.name());
        districts.add(new Feature(districts.size() + 1, null, a.geometry(), props));
      }
      GEOJSON.write(
          new FeatureLayer("districts", 27700, codeName, districts),
          dir.resolve("districts.geojson"));
      StringBuilder practices =
          new StringBuilder("practice_code,name,pcn_code,pcn_name,list_size,easting,northing\n");
      for (Practice p : w.practices()) {
        practices
            .append(p.code())
            .append(",\"")
            .append(p.name())
            .append(", Surgery\",")
            .append(p.pcnCode())
            .append(',')
            .append(p.pcnName())
            .append(',')
            .append(p.listSize())
            .append(',')
            .append((long) p.location().getX())
            .append(',')
            .append((long) p.location().getY())
            .append('\n');
      }
      Files.writeString(dir.resolve("practices.csv"), practices);
      StringBuilder population = new StringBuilder("area_code,population,easting,northing\n");
      for (PopulationUnit u : w.units()) {
        population
            .append(u.code())
            .append(',')
            .append(u.population())
            .append(',')
            .append(String.format(java.util.Locale.ROOT, "%.2f", u.centroid().getX()))
            .append(',')
            .append(String.format(java.util.Locale.ROOT, "%.2f", u.centroid().getY()))
            .append('\n');
      }
      Files.writeString(dir.resolve("population.csv"), population);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
