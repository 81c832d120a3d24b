package org.pcnatlas.model;

import java.util.List;
import java.util.Objects;

/**
 * A named layer of areas that catchments are compared with: {@code districts}, {@code localities},
 * {@code network-areas}, {@code wards}, ...
 */
public record AreaLayer(String name, List<Area> areas) {
  /** The name of the district layer. */
  public static final String DISTRICTS = "districts";

  /** The name of the network-area layer (the districts dissolved by their group). */
  public static final String NETWORK_AREAS = "network-areas";

  public AreaLayer {
    Objects.requireNonNull(name, "name");
    areas = List.copyOf(areas);
  }
}
