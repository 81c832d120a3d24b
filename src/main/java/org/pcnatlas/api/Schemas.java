package org.pcnatlas.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pcnatlas.model.AttributeType;

/**
 * The JSON Schemas of a collection: its features' schema (OGC API - Features - Part 5, {@code
 * /collections/{id}/schema}, linked {@code rel=describedby}) and its queryables (Part 3, {@code
 * /collections/{id}/queryables}), both made from the layer's attributes and its {@link
 * ApiCollection.GeometryKind}, so that a client knows every property's type and the geometry type
 * without reading a feature.
 */
final class Schemas {
  /** The media type of both documents. */
  static final String SCHEMA_JSON = "application/schema+json";

  /** The link relation of the queryables. */
  static final String QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** The name of the primary geometry in both documents (and in CQL2 filters). */
  static final String GEOMETRY = "geometry";

  private Schemas() {}

  /**
   * The schema of the features as returned (Part 5, "returnables"): every property with its type,
   * the geometry with {@code x-ogc-role: primary-geometry} and its {@code format}.
   */
  static Map<String, Object> schema(String base, ApiCollection c) {
    Map<String, Object> doc = header(base + "/collections/" + c.id() + "/schema", c);
    doc.put("properties", properties(c, true));
    doc.put("additionalProperties", false);
    return doc;
  }

  /** The queryables (Part 3): the properties and the geometry a filter can name. */
  static Map<String, Object> queryables(String base, ApiCollection c) {
    Map<String, Object> doc = header(base + "/collections/" + c.id() + "/queryables", c);
    doc.put("properties", properties(c, false));
    doc.put("additionalProperties", false);
    return doc;
  }

  private static Map<String, Object> header(String id, ApiCollection c) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", DIALECT);
    doc.put("$id", id);
    doc.put("type", "object");
    doc.put("title", c.title());
    doc.put(
        "description",
        c.description() + " A property the data has no value for is null in the features.");
    return doc;
  }

  private static Map<String, Object> properties(ApiCollection c, boolean returnables) {
    Map<String, Object> props = new LinkedHashMap<>();
    Map<String, Object> geometry = new LinkedHashMap<>();
    geometry.put("title", "Geometry");
    geometry.put("format", c.geometryKind().format());
    geometry.put("x-ogc-role", "primary-geometry");
    if (returnables) {
      geometry.put("readOnly", true);
    }
    props.put(GEOMETRY, geometry);
    c.attributes()
        .forEach(
            (name, type) -> {
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("title", name);
              p.putAll(type(type));
              if (returnables) {
                p.put("readOnly", true);
              }
              props.put(name, p);
            });
    return props;
  }

  /**
   * The JSON Schema of an attribute type, as a single {@code type} (what GDAL, QGIS and OWSLib
   * read; a value the data lacks is served as null, as the description of the documents says).
   */
  static Map<String, Object> type(AttributeType type) {
    Map<String, Object> t = new LinkedHashMap<>();
    switch (type) {
      case STRING -> t.put("type", "string");
      case INTEGER -> t.put("type", "integer");
      case REAL -> t.put("type", "number");
      case BOOLEAN -> t.put("type", "boolean");
      case DATE -> {
        t.put("type", "string");
        t.put("format", "date");
      }
    }
    return t;
  }
}
