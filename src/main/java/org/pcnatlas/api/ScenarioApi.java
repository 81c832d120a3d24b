package org.pcnatlas.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.export.CsvWriter;
import org.pcnatlas.load.JsonSyntax;
import org.pcnatlas.scenario.Change;
import org.pcnatlas.scenario.ChangeJson;
import org.pcnatlas.scenario.Comparison;
import org.pcnatlas.scenario.Scenario;
import org.pcnatlas.scenario.ScenarioException;
import org.pcnatlas.scenario.ScenarioMethodResult;
import org.pcnatlas.scenario.ScenarioService;
import org.pcnatlas.scenario.ScenarioStore;

/**
 * What-if scenarios over HTTP: {@code POST /scenarios}, {@code GET /scenarios}, {@code GET
 * /scenarios/{id}}, {@code PUT /scenarios/{id}/changes}, {@code DELETE /scenarios/{id}}, {@code GET
 * /scenarios/{id}/comparison}, and each scenario's catchments as the OGC API collections {@code
 * scenario-{id}-catchments-{method}}.
 *
 * <p>Writes need {@code Authorization: Bearer <token>} with the token set at start-up (401
 * otherwise); reads are open. A scenario's ETag is its version ({@code "v3"}); {@code PUT} needs
 * {@code If-Match} with it (428 without), and a stale one is a 409, so concurrent edits are never
 * lost. Bodies over the configured size are a 413; malformed JSON, unknown change types and codes
 * that do not fit the baseline are a 422 naming the field. A rejected request stores nothing.
 */
public final class ScenarioApi implements Catalogue.DynamicCollections {
  /** The collection id of a scenario's catchments for one method. */
  static final Pattern COLLECTION = Pattern.compile("scenario-([a-z0-9]{1,64})-catchments-(.+)");

  private static final Pattern ETAG_VERSION = Pattern.compile("(?:W/)?\"v([0-9]{1,18})\"");
  private static final int CACHED_COLLECTIONS = 64;

  /**
   * How writes are let in.
   *
   * @param writeToken the bearer token writes must carry
   * @param maxBodyBytes the largest request body accepted
   */
  public record Options(String writeToken, long maxBodyBytes) {
    /** The default body limit: 1 MiB, room for the 1,000 changes a scenario may hold. */
    public static final long DEFAULT_MAX_BODY = 1L << 20;

    public Options {
      if (writeToken == null || writeToken.length() < 8) {
        throw new IllegalArgumentException("--write-token must be at least 8 characters");
      }
      if (maxBodyBytes < 256) {
        throw new IllegalArgumentException("--max-body-bytes must be at least 256");
      }
    }
  }

  private final ScenarioService service;
  private final Options options;
  private final byte[] token;
  private final Map<String, ApiCollection> collections =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ApiCollection> eldest) {
          return size() > CACHED_COLLECTIONS;
        }
      };

  private final ProposalApi proposals;

  public ScenarioApi(ScenarioService service, Options options) {
    this.proposals = new ProposalApi(this);
    this.service = service;
    this.options = options;
    this.token = options.writeToken().getBytes(StandardCharsets.UTF_8);
  }

  public ScenarioService service() {
    return service;
  }

  /** The proposal routes, which store their scenarios here. */
  public ProposalApi proposals() {
    return proposals;
  }

  // ---- writes ----

  void create(Context ctx) {
    authorise(ctx);
    noParams(ctx);
    JsonNode body = json(ctx);
    if (!body.isObject()) {
      throw unprocessable(
          "InvalidScenario",
          "body",
          "the body must be a JSON object {\"name\": ..., \"description\": ..., \"changes\": [...]}");
    }
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!Set.of("name", "description", "changes").contains(f)) {
        throw unprocessable(
            "InvalidScenario",
            f,
            f + " is not a field of a scenario; use name, description, changes");
      }
    }
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual()) {
      throw unprocessable("InvalidScenario", "name", "name is required and must be a string");
    }
    JsonNode description = body.get("description");
    if (description != null && !description.isNull() && !description.isTextual()) {
      throw unprocessable("InvalidScenario", "description", "description must be a string");
    }
    Scenario s =
        scenarioCall(
            () -> {
              List<Change> changes = ChangeJson.parseList(body.get("changes"), "changes");
              return service.create(
                  name.asText(),
                  description == null || description.isNull() ? "" : description.asText(),
                  changes);
            });
    String base = OgcApi.base(ctx);
    ctx.status(201);
    ctx.header("Location", base + "/scenarios/" + s.id());
    sendScenario(ctx, s, false);
  }

  void replaceChanges(Context ctx) {
    authorise(ctx);
    noParams(ctx);
    String id = ctx.pathParam("id");
    String ifMatch = ctx.header("If-Match");
    if (ifMatch == null) {
      throw new ApiError(
          428,
          "PreconditionRequired",
          "PUT /scenarios/"
              + id
              + "/changes needs an If-Match header with the scenario's ETag (e.g. \"v3\"), so an"
              + " edit made meanwhile by someone else is not overwritten",
          "If-Match");
    }
    long expected = version(ifMatch);
    JsonNode body = json(ctx);
    JsonNode list = body.isObject() ? body.get("changes") : body;
    if (body.isObject()) {
      for (var it = body.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!f.equals("changes")) {
          throw unprocessable(
              "InvalidScenario", f, f + " is not accepted here; send {\"changes\": [...]}");
        }
      }
      if (list == null) {
        throw unprocessable("InvalidScenario", "changes", "changes is required");
      }
    }
    JsonNode changesNode = list;
    Scenario s =
        scenarioCall(
            () ->
                service.replaceChanges(id, expected, ChangeJson.parseList(changesNode, "changes")));
    sendScenario(ctx, s, false);
  }

  void delete(Context ctx) {
    authorise(ctx);
    noParams(ctx);
    String ifMatch = ctx.header("If-Match");
    Long expected = ifMatch == null ? null : version(ifMatch);
    scenarioCall(
        () -> {
          service.delete(ctx.pathParam("id"), expected);
          return null;
        });
    ctx.status(204);
  }

  // ---- reads ----

  void list(Context ctx) {
    noParams(ctx);
    String base = OgcApi.base(ctx);
    List<Object> list = new ArrayList<>();
    for (Scenario s : service.list()) {
      Map<String, Object> m = summary(s);
      m.put(
          "links",
          List.of(OgcApi.link(base + "/scenarios/" + s.id(), "item", Responses.JSON, s.name())));
      list.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("scenarios", list);
    doc.put(
        "links", List.of(OgcApi.link(base + "/scenarios", "self", Responses.JSON, "Scenarios")));
    sendNoCache(ctx, Responses.json(doc), Responses.JSON);
  }

  void get(Context ctx) {
    noParams(ctx);
    sendScenario(ctx, scenario(ctx.pathParam("id")), true);
  }

  void comparison(Context ctx) {
    AnalysisApi.params(ctx, List.of("f", "method", "table"));
    boolean csv = AnalysisApi.format(ctx, true);
    String table = ctx.queryParam("table");
    if (table != null && !table.equals("pcns") && !table.equals("districts")) {
      throw ApiError.badParameter("table must be pcns or districts, not '" + table + "'");
    }
    List<String> methods = methods();
    String method = ctx.queryParam("method");
    if (method == null) {
      method = methods.get(0);
    } else if (!methods.contains(method)) {
      throw ApiError.badParameter(
          "method '" + method + "' was not run; the methods are " + String.join(", ", methods));
    }
    Scenario s = scenario(ctx.pathParam("id"));
    ScenarioService.Computed c = computed(s);
    Comparison cmp = service.comparison(c, method);
    if (csv) {
      boolean districts = "districts".equals(table);
      String name = "comparison-" + s.id() + (districts ? "-districts" : "") + "-" + method;
      sendCsv(
          ctx,
          districts ? Comparison.DISTRICT_COLUMNS : Comparison.PCN_COLUMNS,
          districts ? cmp.districts() : cmp.pcns(),
          name);
      return;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("scenario", summary(s));
    doc.put("method", method);
    doc.put("recompute_seconds", ResultLayers.round(c.seconds(), 4));
    doc.put("pcns", cmp.pcns());
    doc.put("districts", cmp.districts());
    String base = OgcApi.base(ctx);
    doc.put(
        "links",
        List.of(
            OgcApi.link(
                base
                    + "/scenarios/"
                    + s.id()
                    + "/comparison?method="
                    + OgcApi.encode(method)
                    + "&f=csv",
                "alternate",
                "text/csv",
                "The comparison per PCN as CSV"),
            OgcApi.link(
                base + "/collections/" + collectionId(s.id(), method) + "/items",
                "items",
                Responses.GEO_JSON,
                "The scenario's catchments")));
    sendNoCache(ctx, Responses.json(doc), Responses.JSON);
  }

  // ---- the scenario collections ----

  @Override
  public List<ApiCollection> list() {
    List<ApiCollection> out = new ArrayList<>();
    for (Scenario s : service.list()) {
      for (String m : methods()) {
        try {
          out.add(collection(s, m));
        } catch (ScenarioException e) {
          break; // a scenario that no longer fits the baseline has no layers; its GET says why
        }
      }
    }
    return out;
  }

  @Override
  public ApiCollection find(String id) {
    Matcher m = COLLECTION.matcher(id);
    if (!m.matches() || !methods().contains(m.group(2))) {
      return null;
    }
    Scenario s = service.get(m.group(1)).orElse(null);
    if (s == null) {
      return null;
    }
    try {
      return collection(s, m.group(2));
    } catch (ScenarioException e) {
      throw new ApiError(409, "ScenarioOutdated", outdated(s, e));
    }
  }

  static String collectionId(String scenarioId, String method) {
    return "scenario-" + scenarioId + "-catchments-" + method;
  }

  private ApiCollection collection(Scenario s, String method) {
    String id = collectionId(s.id(), method);
    String key = id + "@" + s.version();
    synchronized (collections) {
      ApiCollection c = collections.get(key);
      if (c != null) {
        return c;
      }
    }
    ScenarioMethodResult r = service.compute(s).methods().get(method);
    ApiCollection c =
        new ApiCollection(
            id,
            "Scenario " + s.name() + ": catchments (" + method + ")",
            "PCN catchments ("
                + method
                + ") under scenario '"
                + s.name()
                + "' (version "
                + s.version()
                + "), with each PCN's figures.",
            ResultLayers.catchments(r.catchments(), r.pcns(), id),
            !r.catchments().overlapping(),
            "v" + s.version());
    synchronized (collections) {
      collections.put(key, c);
    }
    return c;
  }

  // ---- helpers ----

  /**
   * The catchments of a scenario for a method (for a map image); an unknown scenario is a 400
   * naming {@code scenario}.
   */
  ApiCollection collectionOf(String scenarioId, String method) {
    Scenario s =
        service
            .get(scenarioId)
            .orElseThrow(
                () ->
                    new ApiError(
                        400,
                        "InvalidParameterValue",
                        "scenario: no scenario '" + scenarioId + "'; GET /scenarios lists them",
                        "scenario"));
    try {
      return collection(s, method);
    } catch (ScenarioException e) {
      throw new ApiError(409, "ScenarioOutdated", outdated(s, e));
    }
  }

  /** The PCNs whose figures a scenario changes (as its comparison marks them), for a method. */
  java.util.Set<String> changedPcns(String scenarioId, String method) {
    Scenario s = service.get(scenarioId).orElseThrow();
    Comparison cmp = service.comparison(computed(s), method);
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Map<String, Object> r : cmp.pcns()) {
      if (!"unchanged".equals(r.get("status"))) {
        out.add(String.valueOf(r.get("pcn_code")));
      }
    }
    return out;
  }

  private List<String> methods() {
    return service.baseline().methods().stream().map(AnalysisResult.MethodResult::method).toList();
  }

  private Scenario scenario(String id) {
    return service
        .get(id)
        .orElseThrow(
            () -> ApiError.notFound("no scenario '" + id + "'; GET /scenarios lists them"));
  }

  private ScenarioService.Computed computed(Scenario s) {
    try {
      return service.compute(s);
    } catch (ScenarioException e) {
      throw new ApiError(409, "ScenarioOutdated", outdated(s, e), e.field());
    }
  }

  private static String outdated(Scenario s, ScenarioException e) {
    return "scenario '"
        + s.id()
        + "' no longer fits the data this server was started on: "
        + e.getMessage()
        + "; edit its changes";
  }

  void authorise(Context ctx) {
    String header = ctx.header("Authorization");
    String prefix = "Bearer ";
    boolean ok =
        header != null
            && header.regionMatches(true, 0, prefix, 0, prefix.length())
            && MessageDigest.isEqual(
                header.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8), token);
    if (!ok) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"pcn-atlas scenarios\"");
      throw new ApiError(
          401,
          "Unauthorized",
          header == null
              ? "writing scenarios needs the header Authorization: Bearer <token>, with the token"
                  + " the server was started with (--write-token or PCN_ATLAS_WRITE_TOKEN)"
              : "the bearer token is not the one the server was started with",
          "Authorization");
    }
  }

  private static void noParams(Context ctx) {
    AnalysisApi.params(ctx, List.of());
  }

  JsonNode json(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiError(
          415,
          "UnsupportedMediaType",
          "the body must be JSON (Content-Type: application/json), not " + type,
          "Content-Type");
    }
    long max = options.maxBodyBytes();
    long length = ctx.req().getContentLengthLong();
    if (length > max) {
      throw tooLarge(length, max);
    }
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    } catch (IOException e) {
      throw new ApiError(
          400, "BadRequest", "the request body could not be read: " + e.getMessage());
    }
    if (bytes.length > max) {
      throw tooLarge(-1, max);
    }
    if (bytes.length == 0) {
      throw unprocessable("MalformedJson", "body", "the request body is empty; send JSON");
    }
    try {
      JsonNode node = Responses.MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw unprocessable("MalformedJson", "body", "the request body is not JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw unprocessable("MalformedJson", "body", "the request body is " + JsonSyntax.describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiError tooLarge(long length, long max) {
    return new ApiError(
        413,
        "PayloadTooLarge",
        "the request body is "
            + (length >= 0 ? length + " bytes" : "larger than the limit")
            + "; the limit is "
            + max
            + " bytes (--max-body-bytes)",
        "body");
  }

  private static ApiError unprocessable(String code, String field, String description) {
    return new ApiError(422, code, description, field);
  }

  private static long version(String ifMatch) {
    Matcher m = ETAG_VERSION.matcher(ifMatch.strip());
    if (!m.matches()) {
      throw new ApiError(
          400,
          "InvalidParameterValue",
          "If-Match must be a scenario ETag such as \"v3\", not " + ifMatch,
          "If-Match");
    }
    return Long.parseLong(m.group(1));
  }

  /** Runs a service call, turning its exceptions into API errors. */
  static <T> T scenarioCall(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ScenarioException e) {
      throw unprocessable(e.code(), e.field(), e.getMessage());
    } catch (ScenarioStore.ScenarioNotFoundException e) {
      throw ApiError.notFound(e.getMessage());
    } catch (ScenarioStore.VersionConflictException e) {
      throw new ApiError(409, "VersionConflict", e.getMessage(), "If-Match");
    }
  }

  private static Map<String, Object> summary(Scenario s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("description", s.description());
    m.put("version", s.version());
    m.put("created", s.created().toString());
    m.put("updated", s.updated().toString());
    m.put("change_count", s.changes().size());
    return m;
  }

  private void sendScenario(Context ctx, Scenario s, boolean conditional) {
    String base = OgcApi.base(ctx);
    Map<String, Object> doc = summary(s);
    doc.put("changes", ChangeJson.toJson(s.changes()));
    List<Object> links = new ArrayList<>();
    links.add(OgcApi.link(base + "/scenarios/" + s.id(), "self", Responses.JSON, s.name()));
    for (String m : methods()) {
      links.add(
          OgcApi.link(
              base + "/scenarios/" + s.id() + "/comparison?method=" + OgcApi.encode(m),
              "comparison",
              Responses.JSON,
              "Before and after (" + m + ")"));
      links.add(
          OgcApi.link(
              base + "/collections/" + collectionId(s.id(), m),
              "collection",
              Responses.JSON,
              "Catchments (" + m + ")"));
    }
    doc.put("links", links);
    String etag = "\"v" + s.version() + "\"";
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", "no-cache");
    String inm = ctx.header("If-None-Match");
    if (conditional
        && inm != null
        && (inm.strip().equals(etag) || inm.strip().equals("W/" + etag))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(Responses.JSON);
    ctx.result(Responses.json(doc));
  }

  static void sendNoCache(Context ctx, byte[] bytes, String type) {
    Responses.send(
        ctx,
        new Responses.Body(
            bytes, type, Responses.etag(bytes), Map.of("Cache-Control", "no-cache")));
  }

  private static void sendCsv(
      Context ctx, List<String> columns, List<Map<String, Object>> rows, String name) {
    byte[] bytes = Responses.utf8(CsvWriter.table(columns, rows));
    Responses.send(
        ctx,
        new Responses.Body(
            bytes,
            Responses.CSV,
            Responses.etag(bytes),
            Map.of(
                "Cache-Control",
                "no-cache",
                "Content-Disposition",
                "attachment; filename=\"" + name + ".csv\"")));
  }
}
