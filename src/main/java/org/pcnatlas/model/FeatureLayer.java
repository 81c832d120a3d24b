package org.pcnatlas.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * The first of the given attribute names the layer has, compared case-insensitively, as the layer
   * spells it.
   */
  public Optional<String> findAttribute(List<String> names) {
    for (String n : names) {
      for (String a : attributes.keySet()) {
        if (a.equalsIgnoreCase(n)) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  public int size() {
    return features.size();
  }
}
