package org.pcnatlas.scenario.store;

import java.nio.file.Path;
import org.pcnatlas.scenario.ScenarioStore;

/** Opens the scenario store a setting names. */
public final class ScenarioStores {
  private ScenarioStores() {}

  /**
   * Opens the store.
   *
   * @param store null, blank or {@code sqlite}: SQLite in {@code dataDir}; {@code
   *     postgresql://user:password@host:port/database[?schema=name]} (or {@code postgres://},
   *     {@code jdbc:postgresql://}): PostGIS
   * @param dataDir the data directory of the SQLite store
   * @throws IllegalArgumentException for any other value, naming it and the accepted forms
   */
  public static ScenarioStore open(String store, Path dataDir) {
    if (store == null || store.isBlank() || store.strip().equals("sqlite")) {
      return SqliteScenarioStore.open(dataDir);
    }
    if (PostgresUrl.isPostgresUrl(store.strip())) {
      return PostgisScenarioStore.open(store.strip());
    }
    throw new IllegalArgumentException(
        "scenario store '"
            + shown(store)
            + "' is not one pcn-atlas knows: use sqlite (the default, a file in the data"
            + " directory) or postgresql://user:password@host:port/database");
  }

  /** The value for a message; one with user info could hold a password, so only its scheme. */
  private static String shown(String store) {
    int scheme = store.indexOf("://");
    return store.indexOf('@') < 0 || scheme < 0 ? store : store.substring(0, scheme) + "://...";
  }
}
