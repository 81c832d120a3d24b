package org.pcnatlas.model;

import java.util.List;

/**
 * What a catchment's profile shows: the population units' attributes and the deprivation domains to
 * report besides the IMD.
 *
 * @param attributes the units' attributes by code
 * @param domains domain names ({@code Income} for {@code Income_decile}/{@code Income_score})
 */
public record ProfileSpec(UnitAttributes attributes, List<String> domains) {
  public static final ProfileSpec NONE = new ProfileSpec(UnitAttributes.NONE, List.of());

  public ProfileSpec {
    domains = List.copyOf(domains);
  }

  public boolean isEmpty() {
    return attributes.isEmpty();
  }
}
