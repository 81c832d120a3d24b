package org.pcnatlas.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pcnatlas.propose.Proposal;
import org.pcnatlas.propose.ProposalJson;
import org.pcnatlas.propose.ProposalSpec;
import org.pcnatlas.propose.Proposer;
import org.pcnatlas.scenario.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /proposals} (write token; the body is a {@link ProposalSpec}) starts a proposal in
 * the background and answers 202 with its {@code /proposals/{id}}; {@code GET /proposals/{id}}
 * reports its progress and, when done, its report and the scenario it stored (like any scenario:
 * its comparison, layers and map follow at once). One proposal runs at a time; the others wait in
 * turn. The last {@link #KEPT} proposals are kept in memory (the scenarios they stored are kept in
 * the store).
 */
public final class ProposalApi {
  private static final Logger LOG = LoggerFactory.getLogger(ProposalApi.class);
  static final int KEPT = 50;

  private final ScenarioApi scenarios;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "pcn-atlas-proposals");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Job> jobs =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
          return size() > KEPT;
        }
      };

  /** One proposal's state, written by the worker and read by requests. */
  static final class Job {
    final String id;
    final ProposalSpec spec;
    final Instant created = Instant.now();
    volatile String status = "queued";
    volatile double progress;
    volatile Proposal proposal;
    volatile Scenario scenario;
    volatile String error;
    volatile Instant finished;

    Job(String id, ProposalSpec spec) {
      this.id = id;
      this.spec = spec;
    }
  }

  ProposalApi(ScenarioApi scenarios) {
    this.scenarios = scenarios;
  }

  void create(Context ctx) {
    scenarios.authorise(ctx);
    AnalysisApi.params(ctx, List.of());
    JsonNode body = scenarios.json(ctx);
    ProposalSpec spec;
    try {
      spec =
          ScenarioApi.scenarioCall(
              () -> {
                ProposalSpec parsed = ProposalSpec.parse(body);
                Proposer.check(scenarios.service().baseline(), parsed);
                return parsed;
              });
    } catch (IllegalArgumentException e) { // the served run cannot be proposed from
      throw new ApiError(422, "CannotPropose", e.getMessage(), "body");
    }
    Job job = new Job(Scenario.newId(), spec);
    synchronized (jobs) {
      jobs.put(job.id, job);
    }
    worker.submit(() -> run(job));
    ctx.status(202);
    ctx.header("Location", OgcApi.base(ctx) + "/proposals/" + job.id);
    ScenarioApi.sendNoCache(ctx, Responses.json(doc(job, OgcApi.base(ctx))), Responses.JSON);
  }

  private void run(Job job) {
    job.status = "running";
    try {
      Proposal p =
          Proposer.propose(scenarios.service().baseline(), job.spec, s -> job.progress = s);
      job.scenario = scenarios.service().create(p.name(), p.description(), p.changes());
      job.proposal = p;
      job.progress = 1;
      job.status = "done";
    } catch (RuntimeException e) {
      LOG.error("proposal {} failed", job.id, e);
      job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      job.status = "failed";
    } finally {
      job.finished = Instant.now();
    }
  }

  void list(Context ctx) {
    AnalysisApi.params(ctx, List.of());
    String base = OgcApi.base(ctx);
    List<Job> all;
    synchronized (jobs) {
      all = new ArrayList<>(jobs.values());
    }
    ObjectNode doc = Responses.MAPPER.createObjectNode();
    ArrayNode list = doc.putArray("proposals");
    for (int i = all.size() - 1; i >= 0; i--) {
      ObjectNode o = brief(all.get(i), base);
      list.add(o);
    }
    ScenarioApi.sendNoCache(ctx, Responses.json(doc), Responses.JSON);
  }

  void get(Context ctx) {
    AnalysisApi.params(ctx, List.of());
    String id = ctx.pathParam("id");
    Job job;
    synchronized (jobs) {
      job = jobs.get(id);
    }
    if (job == null) {
      throw ApiError.notFound(
          "there is no proposal " + id + " (only the last " + KEPT + " are kept)");
    }
    ScenarioApi.sendNoCache(ctx, Responses.json(doc(job, OgcApi.base(ctx))), Responses.JSON);
  }

  private static ObjectNode brief(Job job, String base) {
    ObjectNode o = Responses.MAPPER.createObjectNode();
    o.put("id", job.id);
    o.put("status", job.status);
    o.put("progress", Math.round(job.progress * 1000) / 1000.0);
    o.put("created", job.created.toString());
    if (job.finished != null) {
      o.put("finished", job.finished.toString());
    }
    if (job.scenario != null) {
      ObjectNode s = o.putObject("scenario");
      s.put("id", job.scenario.id());
      s.put("name", job.scenario.name());
      s.put("href", base + "/scenarios/" + job.scenario.id());
      s.put("comparison", base + "/scenarios/" + job.scenario.id() + "/comparison");
    }
    if (job.error != null) {
      o.put("error", job.error);
    }
    ArrayNode links = o.putArray("links");
    ObjectNode self = links.addObject();
    self.put("href", base + "/proposals/" + job.id);
    self.put("rel", "self");
    self.put("type", "application/json");
    return o;
  }

  private static ObjectNode doc(Job job, String base) {
    ObjectNode o = brief(job, base);
    o.set("spec", job.spec.toJson());
    Proposal p = job.proposal;
    if (p != null) {
      o.set("report", ProposalJson.report(p));
      o.set("changes", org.pcnatlas.scenario.ChangeJson.toJson(p.changes()));
    }
    return o;
  }
}
