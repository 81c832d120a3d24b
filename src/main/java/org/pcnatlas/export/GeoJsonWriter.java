package org.pcnatlas.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * Writes a layer as a GeoJSON FeatureCollection, deterministically (same layer, same bytes).
 *
 * <p>{@link #rfc7946(int)}: WGS84 longitude/latitude, no {@code crs} member. {@link
 * #withCrsMember(int, int)}: the coordinates of another CRS (e.g. EPSG:27700) with the legacy
 * {@code crs} member naming it. Either way exterior rings are counter-clockwise and holes
 * clockwise, and coordinates have a fixed number of decimals.
 */
public final class GeoJsonWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private final int outputEpsg;
  private final int decimals;
  private final boolean crsMember;

  private GeoJsonWriter(int outputEpsg, int decimals, boolean crsMember) {
    this.outputEpsg = outputEpsg;
    this.decimals = decimals;
    this.crsMember = crsMember;
  }

  /** RFC 7946 output: longitude/latitude with the given number of decimals (6 is about 0.1 m). */
  public static GeoJsonWriter rfc7946(int decimals) {
    return new GeoJsonWriter(Crs.WGS84, decimals, false);
  }

  /**
   * Output in another CRS, declared with the legacy {@code crs} member
   * (urn:ogc:def:crs:EPSG::nnnn).
   */
  public static GeoJsonWriter withCrsMember(int epsg, int decimals) {
    return new GeoJsonWriter(epsg, decimals, true);
  }

  /**
   * Output in {@code epsg} with no {@code crs} member (for an API that names the CRS in a header,
   * such as OGC API - Features' {@code Content-Crs}).
   */
  public static GeoJsonWriter plain(int epsg, int decimals) {
    return new GeoJsonWriter(epsg, decimals, false);
  }

  public void write(FeatureLayer layer, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(layer, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(FeatureLayer layer, OutputStream out) throws IOException {
    CrsTransform transform = CrsTransform.between(layer.epsg(), outputEpsg);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeStringField("name", layer.name());
      if (crsMember) {
        g.writeObjectFieldStart("crs");
        g.writeStringField("type", "name");
        g.writeObjectFieldStart("properties");
        g.writeStringField(
            "name",
            outputEpsg == Crs.WGS84
                ? "urn:ogc:def:crs:OGC:1.3:CRS84"
                : "urn:ogc:def:crs:EPSG::" + outputEpsg);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeArrayFieldStart("features");
      // transforming and formatting are the work: each feature on its own, on every core
      List<byte[]> features =
          layer.features().parallelStream().map(f -> feature(f, transform)).toList();
      g.flush();
      for (int i = 0; i < features.size(); i++) {
        out.write(i == 0 ? NEWLINE : NEWLINE_COMMA);
        out.write(features.get(i));
      }
      g.writeRaw('\n');
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] NEWLINE_COMMA = {'\n', ','};

  /** One feature as the UTF-8 JSON text of its object. */
  private byte[] feature(Feature f, CrsTransform transform) {
    Geometry geometry = f.geometry() == null ? null : transform.apply(f.geometry());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      writeFeature(g, f, geometry);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
    return bytes.toByteArray();
  }

  private void writeFeature(JsonGenerator g, Feature f, Geometry geometry) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "Feature");
    if (f.id() != null) {
      g.writeStringField("id", f.id());
    }
    writeMembers(g, f, geometry);
    g.writeEndObject();
  }

  /**
   * Writes the {@code properties} and {@code geometry} members of a Feature object the caller has
   * opened; the geometry is already in this writer's output CRS.
   */
  public void writeMembers(JsonGenerator g, Feature f) throws IOException {
    writeMembers(g, f, f.geometry());
  }

  /** The members, with {@code geometry} (already in the output CRS) in place of the feature's. */
  private void writeMembers(JsonGenerator g, Feature f, Geometry geometry) throws IOException {
    g.writeObjectFieldStart("properties");
    for (Map.Entry<String, Object> e : f.properties().entrySet()) {
      g.writeFieldName(e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
    g.writeFieldName("geometry");
    if (geometry == null) {
      g.writeNull();
    } else {
      writeGeometry(g, geometry);
    }
  }

  static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Long || v instanceof Integer) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d) {
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeNull();
      }
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof LocalDate d) {
      g.writeString(d.toString());
    } else {
      g.writeString(v.toString());
    }
  }

  private void writeGeometry(JsonGenerator g, Geometry geom) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", geom.getGeometryType());
    if (geom instanceof GeometryCollection gc
        && !(geom instanceof MultiPoint
            || geom instanceof MultiLineString
            || geom instanceof MultiPolygon)) {
      g.writeArrayFieldStart("geometries");
      for (int i = 0; i < gc.getNumGeometries(); i++) {
        writeGeometry(g, gc.getGeometryN(i));
      }
      g.writeEndArray();
    } else {
      g.writeFieldName("coordinates");
      writeCoordinates(g, geom);
    }
    g.writeEndObject();
  }

  private void writeCoordinates(JsonGenerator g, Geometry geom) throws IOException {
    if (geom instanceof Point p) {
      if (p.isEmpty()) {
        g.writeStartArray();
        g.writeEndArray();
      } else {
        position(g, p.getCoordinateSequence(), 0);
      }
    } else if (geom instanceof LineString l) {
      sequence(g, l.getCoordinateSequence(), false);
    } else if (geom instanceof Polygon poly) {
      g.writeStartArray();
      if (!poly.isEmpty()) {
        ring(g, poly.getExteriorRing().getCoordinateSequence(), true);
        for (int i = 0; i < poly.getNumInteriorRing(); i++) {
          ring(g, poly.getInteriorRingN(i).getCoordinateSequence(), false);
        }
      }
      g.writeEndArray();
    } else {
      g.writeStartArray();
      for (int i = 0; i < geom.getNumGeometries(); i++) {
        writeCoordinates(g, geom.getGeometryN(i));
      }
      g.writeEndArray();
    }
  }

  private void ring(JsonGenerator g, CoordinateSequence seq, boolean shell) throws IOException {
    boolean ccw = Orientation.isCCW(seq);
    sequence(g, seq, ccw != shell);
  }

  private void sequence(JsonGenerator g, CoordinateSequence seq, boolean reverse)
      throws IOException {
    g.writeStartArray();
    int n = seq.size();
    for (int k = 0; k < n; k++) {
      position(g, seq, reverse ? n - 1 - k : k);
    }
    g.writeEndArray();
  }

  private void position(JsonGenerator g, CoordinateSequence seq, int i) throws IOException {
    g.writeStartArray();
    g.writeNumber(number(seq.getX(i)));
    g.writeNumber(number(seq.getY(i)));
    g.writeEndArray();
  }

  /** A coordinate with at most {@code decimals} decimals, no exponent, no trailing zeros. */
  String number(double v) {
    return Decimals.trimmed(v, decimals);
  }
}
