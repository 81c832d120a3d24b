package org.pcnatlas.propose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pcnatlas.scenario.ChangeJson;

/**
 * A proposal as JSON (the report of {@code GET /proposals/{id}} and {@code report.json}), as the
 * rows of {@code networks.csv}, and its scenario as the body {@code POST /scenarios} takes.
 */
public final class ProposalJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProposalJson() {}

  /** The report: totals before and after, the networks, the areas, the unmet constraints. */
  public static ObjectNode report(Proposal p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", p.name());
    o.set("spec", p.spec().toJson());
    o.put("practices_moved", p.practicesMoved());
    o.set("before", JSON.valueToTree(p.before()));
    o.set("after", JSON.valueToTree(p.after()));
    o.put("seconds", Math.round(p.seconds() * 1000) / 1000.0);
    o.put("steps", p.steps());
    o.put("timed_out", p.timedOut());
    ArrayNode networks = o.putArray("networks");
    for (Proposal.Network n : p.networks()) {
      ObjectNode r = JSON.valueToTree(n);
      r.put("dominantShare", Math.round(n.dominantShare() * 1e6) / 1e6);
      networks.add(r);
    }
    o.set("areas", JSON.valueToTree(p.areas()));
    o.set("unmet", JSON.valueToTree(p.unmet()));
    o.put("change_count", p.changes().size());
    return o;
  }

  /** The scenario: {@code {"name", "description", "changes"}}. */
  public static ObjectNode scenario(Proposal p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", p.name());
    o.put("description", p.description());
    o.set("changes", ChangeJson.toJson(p.changes()));
    return o;
  }

  /** The columns of {@code networks.csv}, one row per proposed network ({@link #csvRows}). */
  public static final List<String> CSV_COLUMNS =
      List.of(
          "code",
          "name",
          "status",
          "practices",
          "joined",
          "registered_list",
          "residents",
          "dominant_area",
          "dominant_area_name",
          "dominant_share",
          "areas_over_5_percent",
          "in_band",
          "contiguous");

  /** One row per proposed network, in {@link #CSV_COLUMNS}' order (null for no value). */
  public static List<List<String>> csvRows(Proposal p) {
    List<List<String>> rows = new ArrayList<>();
    for (Proposal.Network n : p.networks()) {
      rows.add(
          Arrays.asList(
              n.code(),
              n.name(),
              n.status(),
              String.join(" ", n.practices()),
              String.join(" ", n.joined()),
              Long.toString(n.registeredList()),
              String.format(Locale.ROOT, "%.0f", n.residents()),
              n.dominantArea(),
              n.dominantAreaName(),
              String.format(Locale.ROOT, "%.4f", n.dominantShare()),
              Integer.toString(n.areasOver5Percent()),
              Boolean.toString(n.inBand()),
              Boolean.toString(n.contiguous())));
    }
    return rows;
  }
}
