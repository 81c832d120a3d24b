package org.pcnatlas.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.pcnatlas.scenario.store.PostgresUrl;

/**
 * The PostgreSQL with PostGIS that the PostGIS store tests run against: the URL in {@code
 * PCNATLAS_TEST_PG}, by default the database .ci/run makes ({@link #DEFAULT_URL}). Outside CI an
 * unreachable database skips the test with the reason; under CI ({@code CI=true}) it fails it:
 * .ci/run must start PostgreSQL.
 *
 * <p>Each test works in a schema of its own ({@link #freshSchema}), so tests in another process on
 * the same database never see its tables.
 */
public final class Postgis {
  public static final String ENV = "PCNATLAS_TEST_PG";
  public static final String DEFAULT_URL =
      "postgresql://pcnatlas:pcnatlas@127.0.0.1:5432/pcnatlas_test";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Postgis() {}

  /** The database URL; skips (or under CI fails) the calling test when it cannot be reached. */
  public static String require() {
    String env = System.getenv(ENV);
    String url = env == null || env.isBlank() ? DEFAULT_URL : env.strip();
    try (Connection c = connect(url)) {
      if (!c.isValid(10)) {
        throw new SQLException("the connection is not valid");
      }
      return url;
    } catch (SQLException | IllegalArgumentException e) {
      String why =
          "PostgreSQL at "
              + (PostgresUrl.isPostgresUrl(url) ? PostgresUrl.parse(url).redacted() : ENV)
              + " cannot be reached ("
              + e.getMessage()
              + "); the PostGIS store tests need it (set "
              + ENV
              + ")";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; .ci/run must start PostgreSQL with PostGIS", e);
      }
      Assumptions.abort(why + "; skipped");
      return null;
    }
  }

  /**
   * Runs {@code test} with the URL of a new, empty database (dropped after), made from {@code url}
   * by a role with CREATEDB; skips (or under CI fails) when the role may not make databases.
   */
  public static void withThrowawayDatabase(String url, Consumer<String> test) throws SQLException {
    PostgresUrl u = PostgresUrl.parse(url);
    try (Connection c = connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
      if (!rs.next() || !rs.getBoolean(1)) {
        String why = "role " + u.user() + " may not create databases (CREATEDB)";
        if ("true".equals(System.getenv("CI"))) {
          fail(why + "; .ci/run must grant it");
        }
        Assumptions.abort(why + "; skipped");
      }
    }
    String database = "pcnatlas_throwaway_" + freshSchema().substring("test_".length());
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    try {
      test.accept(
          "postgresql://"
              + encode(u.user())
              + ":"
              + encode(u.password())
              + "@"
              + u.host()
              + ":"
              + u.port()
              + "/"
              + database);
    } finally {
      try (Connection c = connect(url);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private static String encode(String s) {
    return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A new schema name, {@code test_} and 12 random letters; the store makes the schema. */
  public static String freshSchema() {
    StringBuilder s = new StringBuilder("test_");
    for (int i = 0; i < 12; i++) {
      s.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return s.toString();
  }

  /** {@code url} with {@code schema=name} added to its query. */
  public static String inSchema(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
  }

  /** A connection to the database of {@code url} (in its schema, when it names one). */
  public static Connection connect(String url) throws SQLException {
    PostgresUrl u = PostgresUrl.parse(url);
    return DriverManager.getConnection(u.jdbcUrl(), u.properties());
  }

  /** Drops the schema and everything in it. */
  public static void dropSchema(String url, String schema) {
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + schema, e);
    }
  }
}
