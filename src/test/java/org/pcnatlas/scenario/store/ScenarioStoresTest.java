package org.pcnatlas.scenario.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.scenario.ScenarioStore;

class ScenarioStoresTest {
  @TempDir Path temp;

  @Test
  void nullBlankOrSqliteIsSqliteInTheDataDirectory() {
    for (String value : new String[] {null, "", "  ", "sqlite"}) {
      Path dir = temp.resolve("d" + (value == null ? "null" : value.length()));
      try (ScenarioStore store = ScenarioStores.open(value, dir)) {
        assertThat(store).isInstanceOf(SqliteScenarioStore.class);
        assertThat(((SqliteScenarioStore) store).file())
            .isEqualTo(dir.toAbsolutePath().resolve("scenarios.sqlite"));
      }
    }
  }

  @Test
  void anythingElseIsAnErrorNamingTheValueAndTheAcceptedForms() {
    assertThatThrownBy(() -> ScenarioStores.open("mongodb", temp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mongodb'")
        .hasMessageContaining("sqlite")
        .hasMessageContaining("postgresql://user:password@host:port/database");
    assertThatThrownBy(() -> ScenarioStores.open("mysql://root:hunter2@db/x", temp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mysql://...'")
        .message()
        .doesNotContain("hunter2");
  }
}
