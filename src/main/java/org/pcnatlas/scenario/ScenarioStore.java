package org.pcnatlas.scenario;

import java.util.List;
import java.util.Optional;

/**
 * Where scenarios live: one interface, two implementations ({@code store.SqliteScenarioStore}, the
 * embedded default; {@code store.PostgisScenarioStore}, for a shared deployment). Every write is
 * one transaction: a scenario is saved whole or not at all. Writes that name a version check it in
 * the same transaction and fail with {@link VersionConflictException} when it is stale.
 */
public interface ScenarioStore extends AutoCloseable {
  /** Saves a new scenario at version 1 with a new id. */
  Scenario create(String name, String description, List<Change> changes);

  /** The scenario, or empty when there is none with this id. */
  Optional<Scenario> get(String id);

  /** Every scenario, oldest first (then by id). */
  List<Scenario> list();

  /**
   * Replaces the scenario's changes if its version is still {@code expectedVersion}; the version
   * goes up by one.
   *
   * @throws ScenarioNotFoundException when there is no such scenario
   * @throws VersionConflictException when its version is not {@code expectedVersion}
   */
  Scenario replaceChanges(String id, long expectedVersion, List<Change> changes);

  /**
   * Deletes the scenario; when {@code expectedVersion} is not null it must still be current.
   *
   * @throws ScenarioNotFoundException when there is no such scenario
   * @throws VersionConflictException when its version is not {@code expectedVersion}
   */
  void delete(String id, Long expectedVersion);

  /** Where the store keeps its data, for the start-up report (no password). */
  String describe();

  @Override
  void close();

  /** No scenario with this id. */
  final class ScenarioNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioNotFoundException(String id) {
      super("no scenario '" + id + "'");
    }
  }

  /** The scenario changed since the version the writer read. */
  final class VersionConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long current;

    public VersionConflictException(String id, long expected, long current) {
      super(
          "scenario '"
              + id
              + "' is at version "
              + current
              + ", not "
              + expected
              + ": it was changed by someone else; read it again and reapply your edit");
      this.current = current;
    }

    public long current() {
      return current;
    }
  }

  /** The store could not be reached or its schema is not what this version expects. */
  final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
