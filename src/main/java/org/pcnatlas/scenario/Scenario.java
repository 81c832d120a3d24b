package org.pcnatlas.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A named what-if scenario as stored: an ordered list of changes over the baseline.
 *
 * @param id the identifier the store gave it: lower-case letters and digits, used in URLs and
 *     collection ids ({@code scenario-{id}-catchments-voronoi})
 * @param version 1 when created, one more on every write; a write names the version it read, so a
 *     stale write is detected rather than lost
 * @param created when it was created (UTC, millisecond precision)
 * @param updated when it was last written
 */
public record Scenario(
    String id,
    String name,
    String description,
    long version,
    Instant created,
    Instant updated,
    List<Change> changes) {
  public Scenario {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    changes = List.copyOf(changes);
  }
}
