package org.pcnatlas.model;

import java.util.List;
import java.util.Objects;

/**
 * A named layer of areas that catchments are compared with: {@code districts}, {@code localities},
 * {@code network-areas}, {@code wards}, ...
 */
public record AreaLayer(String name, List<Area> areas) {
  public AreaLayer {
    Objects.requireNonNull(name, "name");
    areas = List.copyOf(areas);
  }
}
