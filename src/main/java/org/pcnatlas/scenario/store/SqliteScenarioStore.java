package org.pcnatlas.scenario.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file, {@code scenarios.sqlite} in the data directory, made on
 * first start. WAL journal, {@code synchronous=FULL} (a committed write survives a power cut),
 * foreign keys on, a busy timeout for a second process on the same file.
 *
 * <p>One connection, used by one thread at a time (a lock): the web server's threads take turns,
 * which SQLite would make them do for writes anyway. Each write is {@code BEGIN IMMEDIATE ...
 * COMMIT}, so it holds the file's write lock from its first statement and two processes never
 * deadlock upgrading a read lock; the version check then runs under that lock.
 *
 * <p>Schema: see {@link #MIGRATIONS}. {@code site} is the {@code add-site} location as WKB (2-d
 * point, little-endian, no SRID; EPSG:27700), NULL for other changes. Times are UTC epoch
 * milliseconds.
 */
public final class SqliteScenarioStore extends JdbcScenarioStore {
  /** The file in the data directory. */
  public static final String FILE_NAME = "scenarios.sqlite";

  /** How long a statement waits for another process's write lock before failing. */
  static final int BUSY_TIMEOUT_MS = 30_000;

  /** Migration n is the statements at index n - 1; never edit one that has shipped, add one. */
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE scenarios ("
                  + " id TEXT NOT NULL PRIMARY KEY,"
                  + " name TEXT NOT NULL,"
                  + " description TEXT NOT NULL,"
                  + " version INTEGER NOT NULL,"
                  + " created INTEGER NOT NULL,"
                  + " updated INTEGER NOT NULL)",
              "CREATE INDEX scenarios_created ON scenarios (created, id)",
              "CREATE TABLE scenario_changes ("
                  + " scenario_id TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,"
                  + " position INTEGER NOT NULL,"
                  + " type TEXT NOT NULL,"
                  + " body TEXT NOT NULL,"
                  + " site BLOB,"
                  + " PRIMARY KEY (scenario_id, position))"));

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection; // guarded by lock; null once closed

  private SqliteScenarioStore(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (and on first start creates) {@code dataDir/scenarios.sqlite}, bringing its schema up to
   * date.
   *
   * @throws StoreException when the directory or file cannot be made or opened
   */
  public static SqliteScenarioStore open(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the scenario data directory " + dataDir + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    Connection connection;
    try {
      connection = config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot open the scenario store SQLite " + file + ": " + e.getMessage(), e);
    }
    SqliteScenarioStore store = new SqliteScenarioStore(file, connection);
    try {
      store.transaction(
          "bring the scenario schema up to date",
          true,
          c -> {
            store.migrate(c, MIGRATIONS);
            return null;
          });
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** The SQLite file. */
  public Path file() {
    return file;
  }

  @Override
  protected <T> T transaction(String what, boolean write, Work<T> work) {
    lock.lock();
    try {
      if (connection == null) {
        throw new IllegalStateException(describe() + " is closed");
      }
      Connection c = connection;
      // the connection stays in auto-commit mode and the transaction is SQLite's own: the driver
      // would otherwise open the next (deferred) transaction as soon as one commits
      exec(c, write ? "BEGIN IMMEDIATE" : "BEGIN");
      boolean committed = false;
      try {
        T result = work.run(c);
        exec(c, "COMMIT");
        committed = true;
        return result;
      } finally {
        if (!committed) {
          rollBack(c);
        }
      }
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      lock.unlock();
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void rollBack(Connection c) {
    try {
      exec(c, "ROLLBACK");
    } catch (SQLException e) {
      // SQLite may have rolled back already (an aborting constraint); the failure that brought us
      // here is what the caller sees
    }
  }

  @Override
  protected String insertChangeSql() {
    return "INSERT INTO scenario_changes (scenario_id, position, type, body, site)"
        + " VALUES (?, ?, ?, ?, ?)";
  }

  @Override
  public String describe() {
    return "SQLite " + file;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot close " + describe() + ": " + e.getMessage(), e);
    } finally {
      connection = null;
      lock.unlock();
    }
  }
}
