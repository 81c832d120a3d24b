package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcnatlas.scenario.ScenarioStore;
import org.pcnatlas.scenario.store.SqliteScenarioStore;

/** POST /proposals and GET /proposals/{id} in process over the demo. */
class ProposalApiTest {
  @TempDir Path dir;
  ScenarioStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  Javalin app() {
    store = SqliteScenarioStore.open(dir);
    return ScenarioApiTest.app(
        store, ScenarioApi.Options.DEFAULT_MAX_BODY, WebServer.Options.defaults());
  }

  static JsonNode waitDone(int port, String path) throws Exception {
    for (int i = 0; i < 600; i++) {
      ScenarioApiTest.Reply r = ScenarioApiTest.send(port, "GET", path, null);
      assertThat(r.status()).isEqualTo(200);
      JsonNode doc = r.json();
      if (!doc.get("status").asText().matches("queued|running")) {
        return doc;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the proposal did not finish");
  }

  @Test
  void aProposalRunsInTheBackgroundAndStoresItsScenario() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          ScenarioApiTest.Reply c =
              ScenarioApiTest.send(
                  port,
                  "POST",
                  "/proposals",
                  "{'band':{'lower':30000,'upper':50000},'seed':2}",
                  ScenarioApiTest.auth());
          assertThat(c.status()).isEqualTo(202);
          String location = c.header("Location");
          assertThat(location).contains("/proposals/");
          String path = location.substring(location.indexOf("/proposals/"));
          assertThat(c.json().get("status").asText()).isIn("queued", "running", "done");
          JsonNode doc = waitDone(port, path);
          assertThat(doc.get("status").asText()).isEqualTo("done");
          assertThat(doc.get("progress").asDouble()).isEqualTo(1.0);
          JsonNode report = doc.get("report");
          assertThat(report.get("networks").size())
              .isEqualTo(report.get("after").get("networks").asInt());
          assertThat(report.get("spec").get("seed").asLong()).isEqualTo(2);
          String scenario = doc.get("scenario").get("id").asText();
          ScenarioApiTest.Reply s =
              ScenarioApiTest.send(port, "GET", "/scenarios/" + scenario, null);
          assertThat(s.status()).isEqualTo(200);
          assertThat(s.json().get("changes")).isEqualTo(doc.get("changes"));
          ScenarioApiTest.Reply cmp =
              ScenarioApiTest.send(port, "GET", "/scenarios/" + scenario + "/comparison", null);
          assertThat(cmp.status()).isEqualTo(200);
          ScenarioApiTest.Reply list = ScenarioApiTest.send(port, "GET", "/proposals", null);
          assertThat(list.json().get("proposals").get(0).get("id").asText())
              .isEqualTo(doc.get("id").asText());
        });
  }

  @Test
  void writingNeedsTheTokenAndAnUnknownProposalIs404() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          int port = server.port();
          ScenarioApiTest.Reply r =
              ScenarioApiTest.send(
                  port, "POST", "/proposals", "{}", "Content-Type", "application/json");
          assertThat(r.status()).isEqualTo(401);
          assertThat(ScenarioApiTest.send(port, "GET", "/proposals/pnope", null).status())
              .isEqualTo(404);
          assertThat(ScenarioApiTest.send(port, "GET", "/proposals?x=1", null).status())
              .isEqualTo(400);
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not an object | [] | body",
        "unknown field | {'bands':{}} | bands",
        "band not an object | {'band':3} | band",
        "band unknown field | {'band':{'low':1}} | band.low",
        "lower not a number | {'band':{'lower':'a'}} | band.lower",
        "lower zero | {'band':{'lower':0}} | band.lower",
        "upper under lower | {'band':{'lower':40000,'upper':30000}} | band.upper",
        "on unknown | {'band':{'on':'area'}} | band.on",
        "layer not text | {'layer':3} | layer",
        "layer unknown | {'layer':'parishes'} | layer",
        "crossing unknown | {'crossing':'sometimes'} | crossing",
        "fixed pcns not array | {'fixedPcns':'U90001'} | fixedPcns",
        "fixed pcn unknown | {'fixedPcns':['U00000']} | fixedPcns[0]",
        "fixed pcn repeated | {'fixedPcns':['U90001','U90001']} | fixedPcns[1]",
        "fixed practice unknown | {'fixedPractices':['Q1']} | fixedPractices[0]",
        "fixed practice bad code | {'fixedPractices':['a b']} | fixedPractices[0]",
        "groups not array | {'groups':{}} | groups",
        "group of one | {'groups':[['Z00001']]} | groups[0]",
        "group unknown practice | {'groups':[['Z00001','Q9']]} | groups[0][1]",
        "practice in two groups | {'groups':[['Z00001','Z00002'],['Z00002','Z00003']]} |"
            + " groups[1][0]",
        "max moves negative | {'maxMoves':-1} | maxMoves",
        "max moves fraction | {'maxMoves':1.5} | maxMoves",
        "time limit zero | {'timeLimitSeconds':0} | timeLimitSeconds",
        "time limit too long | {'timeLimitSeconds':100000} | timeLimitSeconds",
        "seed text | {'seed':'x'} | seed",
        "name blank | {'name':' '} | name",
      })
  void aBadSpecificationIs422NamingTheField(String rule, String body, String field) {
    JavalinTest.test(
        app(),
        (server, client) -> {
          ScenarioApiTest.Reply r =
              ScenarioApiTest.send(
                  server.port(), "POST", "/proposals", body, ScenarioApiTest.auth());
          assertThat(r.status()).as(rule + ": " + r.body()).isEqualTo(422);
          assertThat(r.json().get("field").asText()).as(rule).isEqualTo(field);
          assertThat(
                  ScenarioApiTest.send(server.port(), "GET", "/proposals", null)
                      .json()
                      .get("proposals"))
              .as("nothing started")
              .isEmpty();
        });
  }
}
