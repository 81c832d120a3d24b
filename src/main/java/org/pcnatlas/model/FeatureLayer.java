package org.pcnatlas.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named set of features sharing one attribute schema, with geometries in the coordinate reference
 * system given by its EPSG code ({@code epsg}, 0 for a table without geometry).
 */
public record FeatureLayer(
    String name, int epsg, Map<String, AttributeType> attributes, List<Feature> features) {

  public FeatureLayer {
    Objects.requireNonNull(name, "name");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    features = List.copyOf(features);
  }

  public int size() {
    return features.size();
  }
}
