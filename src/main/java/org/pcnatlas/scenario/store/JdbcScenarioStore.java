package org.pcnatlas.scenario.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.pcnatlas.scenario.Change;
import org.pcnatlas.scenario.ChangeJson;
import org.pcnatlas.scenario.Scenario;
import org.pcnatlas.scenario.ScenarioException;
import org.pcnatlas.scenario.ScenarioStore;

/**
 * The SQL both stores share: the two tables, the version check, reading a scenario whole. A
 * subclass supplies connections and transactions ({@link #transaction}), the SQL of the inserted
 * change row ({@link #insertChangeSql}) and its numbered schema migrations.
 *
 * <p>Each change is stored as its {@link ChangeJson} text in {@code body} and read back with {@link
 * ChangeJson#parse}; an {@code add-site} change's location also goes into {@code site} (WKB,
 * EPSG:27700) for spatial queries, and is never read back.
 */
abstract class JdbcScenarioStore implements ScenarioStore {
  /** The SRID of {@code scenario_changes.site}. */
  static final int SITE_SRID = 27700;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SELECT_SCENARIOS =
      "SELECT s.id, s.name, s.description, s.version, s.created, s.updated, c.position, c.body"
          + " FROM scenarios s LEFT JOIN scenario_changes c ON c.scenario_id = s.id";

  /** One unit of work on a connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. An
   * {@link SQLException} becomes a {@link StoreException} naming {@code what} and the store;
   * runtime exceptions (not found, conflict) pass through after the rollback.
   *
   * @param write whether the work writes (SQLite takes its write lock up front)
   */
  protected abstract <T> T transaction(String what, boolean write, Work<T> work);

  /**
   * {@code INSERT INTO scenario_changes (scenario_id, position, type, body, site)} with five
   * parameters: the id, the position, the type, the body as JSON text and the site as WKB (or SQL
   * NULL).
   */
  protected abstract String insertChangeSql();

  @Override
  public Scenario create(String name, String description, List<Change> changes) {
    Objects.requireNonNull(name, "name");
    String desc = description == null ? "" : description;
    List<Change> list = List.copyOf(changes);
    return transaction(
        "create a scenario",
        true,
        c -> {
          Instant now = now();
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO scenarios (id, name, description, version, created, updated)"
                      + " VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            for (int attempt = 0; ; attempt++) {
              String id = Scenario.newId();
              insert.setString(1, id);
              insert.setString(2, name);
              insert.setString(3, desc);
              insert.setLong(4, now.toEpochMilli());
              insert.setLong(5, now.toEpochMilli());
              if (insert.executeUpdate() == 1) {
                insertChanges(c, id, list);
                return new Scenario(id, name, desc, 1, now, now, list);
              }
              if (attempt == 10) {
                throw new SQLException("no free scenario id after 10 attempts");
              }
            }
          }
        });
  }

  @Override
  public Optional<Scenario> get(String id) {
    Objects.requireNonNull(id, "id");
    List<Scenario> found =
        transaction(
            "read scenario '" + id + "'",
            false,
            c -> {
              try (PreparedStatement q =
                  c.prepareStatement(SELECT_SCENARIOS + " WHERE s.id = ? ORDER BY c.position")) {
                q.setString(1, id);
                return readScenarios(q);
              }
            });
    return found.stream().findFirst();
  }

  @Override
  public List<Scenario> list() {
    return transaction(
        "list the scenarios",
        false,
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(SELECT_SCENARIOS + " ORDER BY s.created, s.id, c.position")) {
            return readScenarios(q);
          }
        });
  }

  @Override
  public Scenario replaceChanges(String id, long expectedVersion, List<Change> changes) {
    Objects.requireNonNull(id, "id");
    List<Change> list = List.copyOf(changes);
    return transaction(
        "replace the changes of scenario '" + id + "'",
        true,
        c -> {
          Instant now = now();
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE scenarios SET version = version + 1, updated = ?"
                      + " WHERE id = ? AND version = ?")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, id);
            update.setLong(3, expectedVersion);
            if (update.executeUpdate() != 1) {
              throw staleOrMissing(c, id, expectedVersion);
            }
          }
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM scenario_changes WHERE scenario_id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
          }
          insertChanges(c, id, list);
          try (PreparedStatement q =
              c.prepareStatement("SELECT name, description, created FROM scenarios WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              return new Scenario(
                  id,
                  rs.getString(1),
                  rs.getString(2),
                  expectedVersion + 1,
                  Instant.ofEpochMilli(rs.getLong(3)),
                  now,
                  list);
            }
          }
        });
  }

  @Override
  public void delete(String id, Long expectedVersion) {
    Objects.requireNonNull(id, "id");
    transaction(
        "delete scenario '" + id + "'",
        true,
        c -> {
          String sql =
              "DELETE FROM scenarios WHERE id = ?"
                  + (expectedVersion == null ? "" : " AND version = ?");
          try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setString(1, id);
            if (expectedVersion != null) {
              delete.setLong(2, expectedVersion);
            }
            if (delete.executeUpdate() != 1) {
              throw staleOrMissing(c, id, expectedVersion == null ? -1 : expectedVersion);
            }
          }
          return null;
        });
  }

  /**
   * Applies the migrations past the version in {@code pcn_atlas_schema} (a one-row table made
   * here), each numbered by its place in the list from 1, and records the new version. The caller
   * runs this in one transaction under a lock that keeps two processes from migrating at once.
   *
   * @param migrations the statements of migration 1, 2, ...
   */
  void migrate(Connection c, List<List<String>> migrations) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS pcn_atlas_schema (version integer NOT NULL)");
      int version;
      try (ResultSet rs = s.executeQuery("SELECT version FROM pcn_atlas_schema")) {
        version = rs.next() ? rs.getInt(1) : -1;
      }
      if (version < 0) {
        s.execute("INSERT INTO pcn_atlas_schema (version) VALUES (0)");
        version = 0;
      }
      if (version > migrations.size()) {
        throw new StoreException(
            describe()
                + " holds scenario schema version "
                + version
                + ", newer than this pcn-atlas knows ("
                + migrations.size()
                + "): use a newer pcn-atlas or another store",
            null);
      }
      for (int v = version + 1; v <= migrations.size(); v++) {
        for (String sql : migrations.get(v - 1)) {
          s.execute(sql);
        }
      }
      s.executeUpdate("UPDATE pcn_atlas_schema SET version = " + migrations.size());
    }
  }

  /** Commits {@code work} on {@code c} or rolls it back; the caller owns the connection. */
  static <T> T commitOrRollBack(Connection c, Work<T> work) throws SQLException {
    boolean done = false;
    try {
      T result = work.run(c);
      c.commit();
      done = true;
      return result;
    } finally {
      if (!done) {
        try {
          c.rollback();
        } catch (SQLException | RuntimeException e) {
          // the original failure is what matters; a broken connection is discarded by the caller
        }
      }
    }
  }

  StoreException failure(String what, SQLException e) {
    return new StoreException("cannot " + what + " in " + describe() + ": " + e.getMessage(), e);
  }

  private void insertChanges(Connection c, String id, List<Change> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
    try (PreparedStatement insert = c.prepareStatement(insertChangeSql())) {
      for (int i = 0; i < changes.size(); i++) {
        Change change = changes.get(i);
        insert.setString(1, id);
        insert.setInt(2, i);
        insert.setString(3, change.type());
        insert.setString(4, ChangeJson.toJson(change).toString());
        if (change instanceof Change.AddSite a) {
          insert.setBytes(5, wkb.write(a.location()));
        } else {
          insert.setNull(5, Types.BINARY);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private RuntimeException staleOrMissing(Connection c, String id, long expected)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT version FROM scenarios WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return new ScenarioNotFoundException(id);
        }
        return new VersionConflictException(id, expected, rs.getLong(1));
      }
    }
  }

  private List<Scenario> readScenarios(PreparedStatement q) throws SQLException {
    List<Scenario> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      String id = null;
      String name = null;
      String description = null;
      long version = 0;
      long created = 0;
      long updated = 0;
      List<Change> changes = new ArrayList<>();
      while (rs.next()) {
        String rowId = rs.getString(1);
        if (!rowId.equals(id)) {
          if (id != null) {
            out.add(scenario(id, name, description, version, created, updated, changes));
          }
          id = rowId;
          name = rs.getString(2);
          description = rs.getString(3);
          version = rs.getLong(4);
          created = rs.getLong(5);
          updated = rs.getLong(6);
          changes = new ArrayList<>();
        }
        String body = rs.getString(8);
        if (body != null) {
          changes.add(parseChange(id, rs.getInt(7), body));
        }
      }
      if (id != null) {
        out.add(scenario(id, name, description, version, created, updated, changes));
      }
    }
    return out;
  }

  private static Scenario scenario(
      String id,
      String name,
      String description,
      long version,
      long created,
      long updated,
      List<Change> changes) {
    return new Scenario(
        id,
        name,
        description,
        version,
        Instant.ofEpochMilli(created),
        Instant.ofEpochMilli(updated),
        changes);
  }

  private Change parseChange(String id, int position, String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return ChangeJson.parse(node, "changes[" + position + "]");
    } catch (JsonProcessingException | ScenarioException e) {
      throw new StoreException(
          "scenario '"
              + id
              + "' change "
              + position
              + " as stored in "
              + describe()
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }
}
