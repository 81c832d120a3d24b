package org.pcnatlas.scenario;

import java.security.SecureRandom;
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
  /** The letters of an id: RFC 4648 base32, lower case (URL and collection-id safe). */
  static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  /** The length of an id: 10 base32 letters, 50 random bits. */
  static final int ID_LENGTH = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new id: {@link #ID_LENGTH} letters of {@link #ID_ALPHABET} from {@link SecureRandom}, as the
   * stores give scenarios (and the server its proposals).
   */
  public static String newId() {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length()));
    }
    return new String(id);
  }

  public Scenario {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    changes = List.copyOf(changes);
  }
}
