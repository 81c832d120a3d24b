package org.pcnatlas.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.pcnatlas.load.JsonSyntax;

/**
 * A scenario written to a file for {@code analyse --scenario}: the body {@code POST /scenarios}
 * takes, {@code {"name": ..., "description": ..., "changes": [...]}}, or the scenario as {@code GET
 * /scenarios/{id}} returns it (its other members are ignored), or a bare array of changes.
 *
 * @param name the scenario's name (the file name when it has none)
 */
public record ScenarioFile(String name, String description, List<Change> changes) {
  private static final Set<String> KNOWN =
      Set.of(
          "name",
          "description",
          "changes",
          "id",
          "version",
          "created",
          "updated",
          "change_count",
          "links");

  /**
   * Reads the file.
   *
   * @throws IllegalArgumentException naming the file and, for a change, the field at fault
   */
  public static ScenarioFile read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--scenario: no file " + file);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is " + JsonSyntax.describe(e));
    } catch (IOException e) {
      throw new IllegalArgumentException("--scenario: cannot read " + file + ": " + e.getMessage());
    }
    String fallback = file.getFileName().toString().replaceFirst("\\.json$", "");
    try {
      if (root != null && root.isArray()) {
        return new ScenarioFile(fallback, "", ChangeJson.parseList(root, "changes"));
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(
            file + " must hold a JSON object {\"name\": ..., \"changes\": [...]} or an array");
      }
      for (var it = root.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!KNOWN.contains(f)) {
          throw new IllegalArgumentException(
              file + ": " + f + " is not a field of a scenario; use name, description, changes");
        }
      }
      JsonNode name = root.get("name");
      JsonNode description = root.get("description");
      if (root.get("changes") == null) {
        throw new IllegalArgumentException(file + ": changes is required");
      }
      return new ScenarioFile(
          name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : fallback,
          description != null && description.isTextual() ? description.asText() : "",
          ChangeJson.parseList(root.get("changes"), "changes"));
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
