package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.api.DemoCatalogue;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.Postgis;

/**
 * Durability of scenario writes, for both stores: {@code pcn-atlas serve} runs as a separate OS
 * process, takes scenario writes in a loop (creates and ever-longer change lists), and is killed
 * with SIGKILL mid-stream. After a restart on the same store every acknowledged write is there, and
 * every stored scenario holds exactly one of the change lists sent for it -- none half-written.
 */
@Tag("slow")
class ScenarioDurabilityTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "durability-token-42";
  static final Pattern SERVING = Pattern.compile("serving on (http://[^/]+)/");

  @TempDir Path dir;

  @Test
  void sqliteKeepsEveryAcknowledgedWriteThroughSigkill() throws Exception {
    survivesSigkill(List.of("--data-dir", dir.toString()), 7);
  }

  @Test
  void postgisKeepsEveryAcknowledgedWriteThroughSigkill() throws Exception {
    String url = Postgis.require();
    String schema = Postgis.freshSchema();
    String store = url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
    survivesSigkill(List.of("--store", store, "--data-dir", dir.toString()), 11);
  }

  @Test
  void twoServersOnOnePostgisSeeEachOthersScenariosAndConflicts() throws Exception {
    String url = Postgis.require();
    String store = url + (url.contains("?") ? "&" : "?") + "schema=" + Postgis.freshSchema();
    HttpClient http = HttpClient.newHttpClient();
    Server a = Server.start(List.of("--store", store, "--data-dir", dir.resolve("a").toString()));
    Server b = null;
    try {
      b = Server.start(List.of("--store", store, "--data-dir", dir.resolve("b").toString()));
      List<String> moves = moves();
      HttpResponse<String> created =
          http.send(
              post(
                  a.base + "/scenarios",
                  "{\"name\":\"shared\",\"changes\":" + list(moves, 1) + "}"),
              ofString());
      assertThat(created.statusCode()).isEqualTo(201);
      String id = JSON.readTree(created.body()).get("id").asText();
      // B sees A's scenario, its changes and its layer
      JsonNode seen = JSON.readTree(http.send(get(b.base + "/scenarios/" + id), ofString()).body());
      assertThat(seen.get("changes").toString()).isEqualTo(list(moves, 1));
      assertThat(
              http.send(
                      get(b.base + "/collections/scenario-" + id + "-catchments-voronoi/items"),
                      ofString())
                  .statusCode())
          .isEqualTo(200);
      // B edits it; A's edit from the version it read is a conflict, not a lost update
      assertThat(
              http.send(
                      put(b.base + "/scenarios/" + id + "/changes", list(moves, 2), 1), ofString())
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> stale =
          http.send(put(a.base + "/scenarios/" + id + "/changes", list(moves, 3), 1), ofString());
      assertThat(stale.statusCode()).isEqualTo(409);
      JsonNode now = JSON.readTree(http.send(get(a.base + "/scenarios/" + id), ofString()).body());
      assertThat(now.get("version").asInt()).isEqualTo(2);
      assertThat(now.get("changes").toString()).isEqualTo(list(moves, 2));
      // A's comparison follows B's edit: two practices moved
      JsonNode cmp =
          JSON.readTree(
              http.send(get(a.base + "/scenarios/" + id + "/comparison"), ofString()).body());
      assertThat(cmp.get("scenario").get("version").asInt()).isEqualTo(2);
    } finally {
      a.kill();
      if (b != null) {
        b.kill();
      }
    }
  }

  /** What the writer sent for one scenario: every change list, and the last one acknowledged. */
  static final class Sent {
    final List<String> lists = new ArrayList<>();
    int ackedVersion;
    String ackedList;
  }

  void survivesSigkill(List<String> storeArgs, long seed) throws Exception {
    List<String> moves = moves();
    Map<String, Sent> sent = new LinkedHashMap<>();
    Random random = new Random(seed);
    Server first = Server.start(storeArgs);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int acked = 0;
    int killAfter = 40 + random.nextInt(40);
    CompletableFuture<Void> killer = null;
    try {
      String id = null;
      int length = 0;
      while (true) {
        if (acked == killAfter && killer == null) {
          // kill from another thread while this one keeps writing: mid-stream, mid-request
          long delay = 5 + random.nextInt(40);
          killer =
              CompletableFuture.runAsync(
                  () -> {
                    sleep(delay);
                    first.kill();
                  });
        }
        try {
          if (id == null || length >= moves.size() || random.nextInt(6) == 0) {
            length = 1 + random.nextInt(5);
            String list = list(moves, length);
            String body = "{\"name\":\"durability " + acked + "\",\"changes\":" + list + "}";
            HttpResponse<String> r = http.send(post(first.base + "/scenarios", body), ofString());
            if (r.statusCode() != 201) {
              throw new AssertionError("create answered " + r.statusCode() + ": " + r.body());
            }
            id = JSON.readTree(r.body()).get("id").asText();
            Sent s = sent.computeIfAbsent(id, k -> new Sent());
            s.lists.add(list);
            s.ackedVersion = 1;
            s.ackedList = list;
          } else {
            Sent s = sent.get(id);
            length = Math.min(moves.size(), length + 1 + random.nextInt(4));
            String list = list(moves, length);
            s.lists.add(list); // sent: it may be stored even if the reply never comes
            HttpResponse<String> r =
                http.send(
                    put(first.base + "/scenarios/" + id + "/changes", list, s.ackedVersion),
                    ofString());
            if (r.statusCode() != 200) {
              throw new AssertionError("update answered " + r.statusCode() + ": " + r.body());
            }
            s.ackedVersion = JSON.readTree(r.body()).get("version").asInt();
            s.ackedList = list;
          }
          acked++;
        } catch (IOException e) {
          break; // the server is gone: this request was not acknowledged
        }
        if (acked > killAfter + 10_000) {
          throw new AssertionError("the server did not die");
        }
      }
    } finally {
      first.kill();
    }
    assertThat(killer).as("killed by the killer thread, not by an error").isNotNull();
    killer.get(10, TimeUnit.SECONDS);
    assertThat(acked).isGreaterThanOrEqualTo(killAfter);
    System.out.printf(
        "%d writes acknowledged before SIGKILL, over %d scenarios%n", acked, sent.size());

    Server second = Server.start(storeArgs);
    try {
      JsonNode list =
          JSON.readTree(http.send(get(second.base + "/scenarios"), ofString()).body())
              .get("scenarios");
      Map<String, JsonNode> stored = new LinkedHashMap<>();
      for (JsonNode s : list) {
        String id = s.get("id").asText();
        stored.put(
            id, JSON.readTree(http.send(get(second.base + "/scenarios/" + id), ofString()).body()));
      }
      for (Map.Entry<String, Sent> e : sent.entrySet()) {
        JsonNode s = stored.get(e.getKey());
        assertThat(s).as("acknowledged scenario " + e.getKey()).isNotNull();
        int version = s.get("version").asInt();
        String changes = s.get("changes").toString();
        Sent w = e.getValue();
        if (version == w.ackedVersion) {
          assertThat(changes).as(e.getKey()).isEqualTo(w.ackedList);
        } else {
          // the write in flight at the kill was committed before its reply was sent
          assertThat(version).as(e.getKey()).isEqualTo(w.ackedVersion + 1);
          assertThat(changes).isEqualTo(w.lists.get(w.lists.size() - 1));
        }
      }
      for (Map.Entry<String, JsonNode> e : stored.entrySet()) {
        // nothing half-written: every stored scenario holds one complete list that was sent
        String changes = e.getValue().get("changes").toString();
        boolean known =
            sent.containsKey(e.getKey())
                ? sent.get(e.getKey()).lists.contains(changes)
                : isPrefixList(moves, changes);
        assertThat(known).as("scenario " + e.getKey() + " holds " + changes).isTrue();
      }
      // the restarted server works on the recovered store
      HttpResponse<String> again =
          http.send(post(second.base + "/scenarios", "{\"name\":\"after\"}"), ofString());
      assertThat(again.statusCode()).isEqualTo(201);
    } finally {
      second.kill();
    }
  }

  /** A scenario created by the request in flight at the kill holds one of the lists we send. */
  static boolean isPrefixList(List<String> moves, String changes) {
    for (int n = 1; n <= moves.size(); n++) {
      if (list(moves, n).equals(changes)) {
        return true;
      }
    }
    return false;
  }

  /** One valid move per demo practice: each to the first PCN that is not its own. */
  static List<String> moves() throws IOException {
    List<String> out = new ArrayList<>();
    for (Practice p : DemoCatalogue.get().result().inputs().practices()) {
      String to = p.pcnCode().equals("U90001") ? "U90002" : "U90001";
      out.add(
          JSON.writeValueAsString(
              Map.of("type", "move-practice", "practice", p.code(), "toPcn", to)));
    }
    return out;
  }

  /** The first n moves as the JSON array the server echoes (fields in the order it writes). */
  static String list(List<String> moves, int n) {
    List<String> items = new ArrayList<>();
    for (String m : moves.subList(0, n)) {
      try {
        JsonNode node = JSON.readTree(m);
        items.add(
            "{\"type\":\"move-practice\",\"practice\":\""
                + node.get("practice").asText()
                + "\",\"toPcn\":\""
                + node.get("toPcn").asText()
                + "\"}");
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return "[" + String.join(",", items) + "]";
  }

  static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
  }

  static HttpRequest post(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpRequest put(String url, String body, int version) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .header("If-Match", "\"v" + version + "\"")
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code pcn-atlas serve} on the demo in a JVM of its own, on a free port. */
  static final class Server {
    final Process process;
    final String base;

    private Server(Process process, String base) {
      this.process = process;
      this.base = base;
    }

    static Server start(List<String> storeArgs) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add(Main.class.getName());
      cmd.addAll(List.of("serve", "--port", "0", "--write-token", TOKEN));
      cmd.addAll(storeArgs);
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectInput(new File("/dev/null"))
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String line;
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        seen.append(line).append('\n');
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          Thread drain =
              new Thread(
                  () -> {
                    try {
                      while (out.readLine() != null) {
                        // keep the pipe empty so the server never blocks writing its log
                      }
                    } catch (IOException ignored) {
                      // the process ended
                    }
                  });
          drain.setDaemon(true);
          drain.start();
          return new Server(p, m.group(1));
        }
      }
      p.destroyForcibly();
      throw new AssertionError("serve did not start:\n" + seen);
    }

    /** SIGKILL: no shutdown hook runs, no buffer is flushed. */
    void kill() {
      if (process.isAlive()) {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
