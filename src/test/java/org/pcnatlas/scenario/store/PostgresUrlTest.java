package org.pcnatlas.scenario.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  @Test
  void theUsualForm() {
    PostgresUrl u = PostgresUrl.parse("postgresql://atlas:secret@db.example.org:6432/pcn");

    assertThat(u)
        .isEqualTo(
            new PostgresUrl("db.example.org", 6432, "pcn", "atlas", "secret", null, Map.of()));
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6432/pcn");
    assertThat(u.properties()).containsEntry("user", "atlas").containsEntry("password", "secret");
    assertThat(u.redacted()).isEqualTo("postgresql://atlas@db.example.org:6432/pcn");
    assertThat(u.toString()).doesNotContain("secret");
  }

  @Test
  void postgresSchemeAndDefaultPort() {
    PostgresUrl u = PostgresUrl.parse("postgres://atlas:pw@localhost/pcn");

    assertThat(u.port()).isEqualTo(5432);
    assertThat(u.host()).isEqualTo("localhost");
  }

  @Test
  void userAndPasswordArePercentDecoded() {
    PostgresUrl u = PostgresUrl.parse("postgresql://at%40las:p%3Aw%2F%25+%C3%A9@h:5432/d%20b");

    assertThat(u.user()).isEqualTo("at@las");
    assertThat(u.password()).isEqualTo("p:w/%+é");
    assertThat(u.database()).isEqualTo("d b");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d%20b");
  }

  @Test
  void jdbcFormWithUserAndPasswordParameters() {
    PostgresUrl u =
        PostgresUrl.parse(
            "jdbc:postgresql://10.0.0.5:5433/pcn?user=atlas&password=s%26cret&sslmode=require");

    assertThat(u.host()).isEqualTo("10.0.0.5");
    assertThat(u.port()).isEqualTo(5433);
    assertThat(u.user()).isEqualTo("atlas");
    assertThat(u.password()).isEqualTo("s&cret");
    assertThat(u.parameters()).isEqualTo(Map.of("sslmode", "require"));
    assertThat(u.properties()).containsEntry("sslmode", "require");
  }

  @Test
  void ipv6Host() {
    PostgresUrl u = PostgresUrl.parse("postgresql://a:b@[::1]:5544/pcn");

    assertThat(u.host()).isEqualTo("[::1]");
    assertThat(u.port()).isEqualTo(5544);
  }

  @Test
  void schemaParameterSetsTheSearchPath() {
    PostgresUrl u = PostgresUrl.parse("postgresql://a:b@h/pcn?schema=atlas_1");

    assertThat(u.schema()).isEqualTo("atlas_1");
    assertThat(u.properties()).containsEntry("currentSchema", "atlas_1,public");
    assertThat(u.redacted()).isEqualTo("postgresql://a@h:5432/pcn?schema=atlas_1");
  }

  @Test
  void rejectsWhatItCannotUseWithoutShowingThePassword() {
    assertThatThrownBy(() -> PostgresUrl.parse("mysql://a:b@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://user:password@host:port/database");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://a:b@h:99999/db"))
        .hasMessageContaining("'99999' is not a port number");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://a:b@h:5432/"))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://a:b@h/db?schema=x;drop"))
        .hasMessageContaining("'x;drop' is not a plain schema name");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://a:sec%zzret@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("sec");
  }
}
