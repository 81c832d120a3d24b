package org.pcnatlas.scenario.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKBReader;
import org.pcnatlas.scenario.Change;
import org.pcnatlas.scenario.Scenario;
import org.pcnatlas.scenario.ScenarioStore;

class SqliteScenarioStoreTest extends ScenarioStoreContract {
  @TempDir Path temp;
  private int stores;
  private Path dir;

  @Override
  protected ScenarioStore newStore() {
    dir = temp.resolve("data-" + stores++).resolve("nested");
    return SqliteScenarioStore.open(dir);
  }

  @Override
  protected ScenarioStore reopen() {
    return SqliteScenarioStore.open(dir);
  }

  @Override
  protected void failChangeInsertsAt(int position) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TRIGGER fail_change_insert BEFORE INSERT ON scenario_changes"
              + " WHEN NEW.position = "
              + position
              + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteScenarioStore.FILE_NAME));
  }

  @Test
  void firstStartMakesTheDirectoryAndAWalFile() throws SQLException {
    try (ScenarioStore store = newStore()) {
      Path file = dir.resolve(SqliteScenarioStore.FILE_NAME);
      assertThat(file).isRegularFile();
      assertThat(store.describe()).isEqualTo("SQLite " + file.toAbsolutePath());
      try (Connection c = connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
      try (Connection c = connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version FROM pcn_atlas_schema")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(SqliteScenarioStore.MIGRATIONS.size());
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void theSiteColumnHoldsTheAddSiteLocationAsWkb() throws Exception {
    Scenario s;
    try (ScenarioStore store = newStore()) {
      s = store.create("Sites", "", everyType());
    }
    List<byte[]> sites = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT site FROM scenario_changes WHERE scenario_id = ? ORDER BY position")) {
      q.setString(1, s.id());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          sites.add(rs.getBytes(1));
        }
      }
    }
    assertThat(sites).hasSize(6);
    for (int i = 0; i < sites.size(); i++) {
      Change change = s.changes().get(i);
      if (change instanceof Change.AddSite a) {
        assertThat((Object) new WKBReader().read(sites.get(i))).isEqualTo(a.location());
      } else {
        assertThat(sites.get(i)).isNull();
      }
    }
  }

  @Test
  void foreignKeysAreOnSoDeletingAScenarioDeletesItsChanges() throws SQLException {
    Scenario s;
    try (ScenarioStore store = newStore()) {
      s = store.create("Cascade", "", everyType());
      store.delete(s.id(), 1L);
    }
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM scenario_changes")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    assertThat(Files.exists(dir.resolve(SqliteScenarioStore.FILE_NAME))).isTrue();
  }
}
