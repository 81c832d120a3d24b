package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that starts listening before its data exists ({@link WebServer#deferred}). */
class DeferredServerTest {
  @Test
  void aServerStartedBeforeItsDataAnswers503UntilItHasIt() {
    WebServer.Deferred deferred = WebServer.deferred(WebServer.Options.defaults(), false);
    JavalinTest.test(
        deferred.app(),
        (server, client) -> {
          for (String path : List.of("/conformance", "/collections", "/map", "/analysis/pcns")) {
            Response r = client.get(path);
            assertThat(r.code()).as(path).isEqualTo(503);
            assertThat(OgcApiTest.header(r, "Retry-After")).isEqualTo("1");
            JsonNode body = OgcApiTest.json(r);
            assertThat(body.get("code").asText()).isEqualTo("Starting");
            assertThat(body.get("description").asText()).contains("loading");
          }
          deferred.serve(DemoCatalogue.get(), null);
          Response r = client.get("/conformance");
          assertThat(r.code()).isEqualTo(200);
          assertThat(OgcApiTest.json(r).get("conformsTo").size())
              .isEqualTo(
                  OgcApi.CONFORMANCE.size()
                      + TilesApi.CONFORMANCE.size()
                      + MapsApi.CONFORMANCE.size());
          assertThat(client.get("/collections").code()).isEqualTo(200);
          assertThat(client.get("/no/such/route").code()).isEqualTo(404);
          assertThatThrownBy(() -> deferred.serve(DemoCatalogue.get(), null))
              .isInstanceOf(IllegalStateException.class);
        });
    assertThatThrownBy(
            () ->
                WebServer.deferred(WebServer.Options.defaults(), true)
                    .serve(DemoCatalogue.get(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
