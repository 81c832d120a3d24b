package org.pcnatlas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.export.Decimals;
import org.pcnatlas.export.GeoJsonWriter;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * The two output files of the peer benchmark.
 *
 * <ul>
 *   <li>{@code catchments.geojson}: {@link GeoJsonWriter#rfc7946 RFC 7946} (WGS84 lon/lat, 6
 *       decimals, exterior rings counter-clockwise, no {@code crs}), one MultiPolygon feature per
 *       PCN with properties {@code pcn_code}, {@code area_km2} (6 decimals), {@code population};
 *   <li>{@code pairs.csv}: {@code pcn_code,district_code,area_m2,share_of_pcn,population}, sorted
 *       by PCN then district, area with 3 decimals, share with 9.
 * </ul>
 */
public final class BenchWriter {
  /** The file names. */
  public static final String CATCHMENTS = "catchments.geojson";

  public static final String PAIRS = "pairs.csv";

  /** The header of {@code pairs.csv}. */
  public static final String PAIRS_HEADER =
      "pcn_code,district_code,area_m2,share_of_pcn,population";

  static final int COORDINATE_DECIMALS = 6;
  static final int AREA_KM2_DECIMALS = 6;
  static final int AREA_M2_DECIMALS = 3;
  static final int SHARE_DECIMALS = 9;

  private static final GeoJsonWriter GEOJSON = GeoJsonWriter.rfc7946(COORDINATE_DECIMALS);

  private BenchWriter() {}

  /** Writes both files into {@code dir}, the small pairs file on a second thread. */
  public static void write(
      Path dir, List<BenchPipeline.CatchmentRow> catchments, List<BenchPipeline.PairRow> pairs) {
    CompletableFuture<Void> pairsFile =
        CompletableFuture.runAsync(() -> writePairs(dir.resolve(PAIRS), pairs));
    GEOJSON.write(layer(catchments), dir.resolve(CATCHMENTS));
    try {
      pairsFile.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  static FeatureLayer layer(List<BenchPipeline.CatchmentRow> catchments) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("pcn_code", AttributeType.STRING);
    schema.put("area_km2", AttributeType.REAL);
    schema.put("population", AttributeType.INTEGER);
    List<Feature> features = new ArrayList<>(catchments.size());
    long n = 0;
    for (BenchPipeline.CatchmentRow c : catchments) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("pcn_code", c.pcnCode());
      props.put(
          "area_km2", Double.parseDouble(Decimals.fixed(c.areaM2() / 1e6, AREA_KM2_DECIMALS)));
      props.put("population", c.population());
      features.add(new Feature(++n, null, multi(c.geometry()), props));
    }
    return new FeatureLayer("catchments", Crs.BNG, schema, features);
  }

  /** Every catchment as a MultiPolygon, as the other peers write them. */
  private static Geometry multi(Geometry g) {
    if (g instanceof MultiPolygon) {
      return g;
    }
    if (g instanceof Polygon p) {
      return GeoUtils.FACTORY.createMultiPolygon(new Polygon[] {p});
    }
    return g;
  }

  static void writePairs(Path file, List<BenchPipeline.PairRow> pairs) {
    StringBuilder sb = new StringBuilder(64 * (pairs.size() + 1));
    sb.append(PAIRS_HEADER).append('\n');
    for (BenchPipeline.PairRow p : pairs) {
      field(sb, p.pcnCode()).append(',');
      field(sb, p.districtCode()).append(',');
      Decimals.appendFixed(sb, p.areaM2(), AREA_M2_DECIMALS);
      sb.append(',');
      Decimals.appendFixed(sb, p.shareOfPcn(), SHARE_DECIMALS);
      sb.append(',').append(p.population()).append('\n');
    }
    write(file, sb);
  }

  /** A CSV field, quoted (RFC 4180) only when it holds a comma, quote or line break. */
  private static StringBuilder field(StringBuilder sb, String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return sb.append(value);
    }
    return sb.append('"').append(value.replace("\"", "\"\"")).append('"');
  }

  private static void write(Path file, CharSequence text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
