package org.pcnatlas.scenario.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The shared store: PostgreSQL with PostGIS, for several pcn-atlas processes over one database.
 * Opened from {@code postgresql://user:password@host:port/database[?schema=name]} ({@link
 * PostgresUrl}).
 *
 * <p>The service makes and migrates its own schema at start: under a transaction-scoped advisory
 * lock ({@code pg_advisory_xact_lock}, so two processes starting at once take turns) it enables
 * PostGIS if it can ({@code CREATE EXTENSION IF NOT EXISTS postgis}; a clear {@link StoreException}
 * when the server lacks it or the role may not enable it), makes the {@code schema} of the URL if
 * given, and applies the {@link #MIGRATIONS} past the version in {@code pcn_atlas_schema}.
 *
 * <p>A connection per operation ({@link DriverManager}), auto-commit off, closed after: nothing is
 * held between requests, and the version check ({@code UPDATE ... WHERE id = ? AND version = ?}) is
 * what keeps two writers, in one process or two, from losing each other's edits: the second waits
 * for the first's row lock, then finds the version moved on and fails with a {@link
 * VersionConflictException}.
 *
 * <p>Schema: see {@link #MIGRATIONS}. {@code body} is jsonb; {@code site} is a PostGIS {@code
 * geometry(Point, 27700)} for {@code add-site} changes, NULL otherwise. Times are UTC epoch
 * milliseconds.
 */
public final class PostgisScenarioStore extends JdbcScenarioStore {
  /** The advisory lock of schema set-up and migration: "pcnatlas" in ASCII. */
  static final long MIGRATION_LOCK = 0x70636e61746c6173L;

  /** Migration n is the statements at index n - 1; never edit one that has shipped, add one. */
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE scenarios ("
                  + " id text PRIMARY KEY,"
                  + " name text NOT NULL,"
                  + " description text NOT NULL,"
                  + " version bigint NOT NULL,"
                  + " created bigint NOT NULL,"
                  + " updated bigint NOT NULL)",
              "CREATE INDEX scenarios_created ON scenarios (created, id)",
              "CREATE TABLE scenario_changes ("
                  + " scenario_id text NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,"
                  + " position integer NOT NULL,"
                  + " type text NOT NULL,"
                  + " body jsonb NOT NULL,"
                  + " site geometry(Point, "
                  + SITE_SRID
                  + "),"
                  + " PRIMARY KEY (scenario_id, position))",
              "CREATE INDEX scenario_changes_site ON scenario_changes USING gist (site)"));

  private final PostgresUrl url;
  private volatile boolean closed;

  private PostgisScenarioStore(PostgresUrl url) {
    this.url = url;
  }

  /**
   * Connects to the database, enables PostGIS when it can and brings the schema up to date.
   *
   * @param url {@code postgresql://user:password@host:port/database[?schema=name]}, {@code
   *     postgres://...} or {@code jdbc:postgresql://...}
   * @throws IllegalArgumentException when the URL cannot be parsed
   * @throws StoreException when the database cannot be reached, lacks PostGIS or holds a newer
   *     schema
   */
  public static PostgisScenarioStore open(String url) {
    PostgisScenarioStore store = new PostgisScenarioStore(PostgresUrl.parse(url));
    store.transaction(
        "set up the scenario schema",
        true,
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            store.enablePostgis(c);
            if (store.url.schema() != null) {
              // the name is checked to need no quoting (PostgresUrl)
              s.execute("CREATE SCHEMA IF NOT EXISTS " + store.url.schema());
              s.execute("SET LOCAL search_path TO " + store.url.schema() + ", public");
            }
          }
          store.migrate(c, MIGRATIONS);
          return null;
        });
    return store;
  }

  /** Where the store is, without the password. */
  public PostgresUrl url() {
    return url;
  }

  @Override
  protected <T> T transaction(String what, boolean write, Work<T> work) {
    if (closed) {
      throw new IllegalStateException(describe() + " is closed");
    }
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
      c.setAutoCommit(false);
      return commitOrRollBack(c, work);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  @Override
  protected String insertChangeSql() {
    return "INSERT INTO scenario_changes (scenario_id, position, type, body, site)"
        + " VALUES (?, ?, ?, CAST(? AS jsonb), ST_GeomFromWKB(?, "
        + SITE_SRID
        + "))";
  }

  @Override
  public String describe() {
    return "PostGIS " + url.redacted();
  }

  @Override
  public void close() {
    closed = true;
  }

  private void enablePostgis(Connection c) throws SQLException {
    if (exists(c, "SELECT 1 FROM pg_extension WHERE extname = 'postgis'")) {
      return;
    }
    if (!exists(c, "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")) {
      throw new StoreException(
          "PostGIS is not installed on the PostgreSQL server of "
              + describe()
              + ": install it there (Debian: postgresql-15-postgis-3), then start pcn-atlas again",
          null);
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
    } catch (SQLException e) {
      throw new StoreException(
          "PostGIS is not enabled in database '"
              + url.database()
              + "' and role '"
              + url.user()
              + "' cannot enable it ("
              + e.getMessage()
              + "): as a superuser, run CREATE EXTENSION postgis in that database",
          e);
    }
  }

  private static boolean exists(Connection c, String sql) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql);
        ResultSet rs = q.executeQuery()) {
      return rs.next();
    }
  }
}
