package org.pcnatlas.scenario.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pcnatlas.scenario.Change;
import org.pcnatlas.scenario.Scenario;
import org.pcnatlas.scenario.ScenarioStore;
import org.pcnatlas.scenario.ScenarioStore.StoreException;
import org.pcnatlas.testing.Postgis;

/** The contract against PostgreSQL with PostGIS ({@link Postgis}); each test in its own schema. */
class PostgisScenarioStoreTest extends ScenarioStoreContract {
  private String database;
  private String schema;
  private String url;

  @BeforeEach
  void freshSchema() {
    database = Postgis.require();
    schema = Postgis.freshSchema();
    url = Postgis.inSchema(database, schema);
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      Postgis.dropSchema(database, schema);
    }
  }

  @Override
  protected ScenarioStore newStore() {
    return PostgisScenarioStore.open(url);
  }

  @Override
  protected ScenarioStore reopen() {
    return PostgisScenarioStore.open(url);
  }

  @Override
  protected void failChangeInsertsAt(int position) throws SQLException {
    try (Connection c = Postgis.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE FUNCTION fail_change_insert() RETURNS trigger LANGUAGE plpgsql AS $$"
              + " BEGIN IF NEW.position = "
              + position
              + " THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$");
      s.execute(
          "CREATE TRIGGER fail_change_insert BEFORE INSERT ON scenario_changes"
              + " FOR EACH ROW EXECUTE FUNCTION fail_change_insert()");
    }
  }

  @Test
  void theSiteColumnIsAPointGeometryInEpsg27700() throws SQLException {
    Scenario s;
    try (ScenarioStore store = newStore()) {
      s = store.create("Sites", "", everyType());
    }
    List<Object[]> rows = new ArrayList<>();
    try (Connection c = Postgis.connect(url);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT ST_SRID(site), GeometryType(site), ST_X(site), ST_Y(site),"
                    + " jsonb_typeof(body), body ->> 'type' = type"
                    + " FROM scenario_changes WHERE scenario_id = ? ORDER BY position")) {
      q.setString(1, s.id());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Object[] {
                rs.getObject(1),
                rs.getString(2),
                rs.getObject(3),
                rs.getObject(4),
                rs.getString(5),
                rs.getBoolean(6)
              });
        }
      }
    }
    assertThat(rows).hasSize(6);
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      assertThat(row[4]).isEqualTo("object");
      assertThat(row[5]).isEqualTo(true);
      if (s.changes().get(i) instanceof Change.AddSite a) {
        assertThat(row[0]).isEqualTo(27700);
        assertThat(row[1]).isEqualTo("POINT");
        assertThat(row[2]).isEqualTo(a.location().getX());
        assertThat(row[3]).isEqualTo(a.location().getY());
      } else {
        assertThat(row[0]).isNull();
        assertThat(row[1]).isNull();
      }
    }
    try (Connection c = Postgis.connect(url);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT type, srid FROM geometry_columns"
                    + " WHERE f_table_schema = ? AND f_table_name = 'scenario_changes'"
                    + " AND f_geometry_column = 'site'")) {
      q.setString(1, schema);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("POINT");
        assertThat(rs.getInt(2)).isEqualTo(27700);
      }
    }
  }

  @Test
  void openingTwiceMigratesOnce() throws SQLException {
    Scenario s;
    try (ScenarioStore first = newStore()) {
      s = first.create("Kept", "", everyType());
    }
    try (ScenarioStore second = reopen()) {
      assertThat(second.get(s.id()).orElseThrow()).isEqualTo(s);
    }
    try (Connection c = Postgis.connect(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM pcn_atlas_schema")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(PostgisScenarioStore.MIGRATIONS.size());
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void processesStartingAtOnceTakeTurnsMigrating() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PostgisScenarioStore>> opening = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opening.add(pool.submit(() -> PostgisScenarioStore.open(url)));
      }
      List<PostgisScenarioStore> stores = new ArrayList<>();
      for (Future<PostgisScenarioStore> f : opening) {
        stores.add(f.get(60, TimeUnit.SECONDS));
      }
      Scenario s = stores.get(0).create("After a crowded start", "", everyType());
      for (PostgisScenarioStore store : stores) {
        assertThat(store.get(s.id()).orElseThrow()).isEqualTo(s);
        store.close();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoStoresSeeEachOthersScenarios() {
    try (ScenarioStore a = newStore();
        ScenarioStore b = reopen()) {
      Scenario s = a.create("From a", "", everyType());
      assertThat(b.get(s.id()).orElseThrow()).isEqualTo(s);
      Scenario v2 = b.replaceChanges(s.id(), 1, many(12));
      assertThat(a.get(s.id()).orElseThrow()).isEqualTo(v2);
      assertThat(a.list()).containsExactly(v2);
      a.delete(s.id(), 2L);
      assertThat(b.list()).isEmpty();
    }
  }

  @Test
  void describeLeavesThePasswordOut() {
    PostgresUrl u = PostgresUrl.parse(url);
    try (ScenarioStore store = newStore()) {
      assertThat(store.describe())
          .isEqualTo(
              "PostGIS postgresql://"
                  + u.user()
                  + "@"
                  + u.host()
                  + ":"
                  + u.port()
                  + "/"
                  + u.database()
                  + "?schema="
                  + schema);
      if (u.password() != null) {
        assertThat(store.describe()).doesNotContain(":" + u.password() + "@");
      }
    }
  }

  @Test
  void aDatabaseWithoutPostgisIsAClearErrorWhenTheRoleCannotEnableIt() throws SQLException {
    Postgis.withThrowawayDatabase(
        database,
        plain ->
            assertThatThrownBy(() -> PostgisScenarioStore.open(plain))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("PostGIS is not enabled in database 'pcnatlas_throwaway_")
                .hasMessageContaining("as a superuser, run CREATE EXTENSION postgis"));
  }

  @Test
  void anUnreachableServerIsAStoreErrorNamingItWithoutThePassword() {
    assertThatThrownBy(
            () -> PostgisScenarioStore.open("postgresql://someone:s3cret@127.0.0.1:1/nowhere"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("postgresql://someone@127.0.0.1:1/nowhere")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void theFactoryOpensPostgisForAPostgresqlUrl() {
    try (ScenarioStore store = ScenarioStores.open(url, null)) {
      assertThat(store).isInstanceOf(PostgisScenarioStore.class);
    }
  }
}
