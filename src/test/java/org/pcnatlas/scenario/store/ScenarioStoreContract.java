package org.pcnatlas.scenario.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pcnatlas.scenario.Change;
import org.pcnatlas.scenario.ChangeJson;
import org.pcnatlas.scenario.Scenario;
import org.pcnatlas.scenario.ScenarioStore;
import org.pcnatlas.scenario.ScenarioStore.ScenarioNotFoundException;
import org.pcnatlas.scenario.ScenarioStore.StoreException;
import org.pcnatlas.scenario.ScenarioStore.VersionConflictException;

/**
 * What every {@link ScenarioStore} does, run against each implementation by a subclass that says
 * how to make a fresh store, how to open a second one on the same data, and how to make a change
 * insert fail inside the database (a trigger), to test that a failed write leaves nothing behind.
 */
abstract class ScenarioStoreContract {
  private final List<ScenarioStore> opened = new ArrayList<>();

  /** A new, empty store; the contract closes it. */
  protected abstract ScenarioStore newStore();

  /** Another store on the data of the last {@link #newStore()} (which may still be open). */
  protected abstract ScenarioStore reopen();

  /**
   * Makes the database refuse (a trigger) the insert of any change at {@code position}, for every
   * store on the data of the last {@link #newStore()}.
   */
  protected abstract void failChangeInsertsAt(int position) throws Exception;

  private ScenarioStore store() {
    ScenarioStore s = newStore();
    opened.add(s);
    return s;
  }

  private ScenarioStore second() {
    ScenarioStore s = reopen();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(ScenarioStore::close);
  }

  // --- the changes -----------------------------------------------------------------------------

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One of each change type; add-site as lon/lat and as easting/northing. */
  static List<Change> everyType() {
    return changes(
        """
        [
          {"type": "move-practice", "practice": "K84001", "toPcn": "U12345"},
          {"type": "merge-pcns", "pcns": ["U1", "U2", "U3"],
           "into": {"code": "U9", "name": "Oxford \\"City\\" PCN – Nörth"}},
          {"type": "add-site", "code": "X1", "name": "New site", "pcn": "U1", "listSize": 5000,
           "lon": -1.2577, "lat": 51.752},
          {"type": "add-site", "code": "X2", "name": "Branch", "pcn": "U2", "listSize": 0,
           "easting": 451234.5, "northing": 206789.25},
          {"type": "close-practice", "practice": "K84002"},
          {"type": "regroup-network-areas",
           "districts": {"E07000178": "South", "E07000177": "North"}}
        ]
        """);
  }

  /** {@code n} changes cycling through the types, each different. */
  static List<Change> many(int n) {
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      switch (i % 5) {
        case 0 -> out.add(new Change.MovePractice("K" + i, "U" + (i + 1)));
        case 1 -> out.add(new Change.ClosePractice("P" + i));
        case 2 ->
            out.add(
                ChangeJson.parse(
                    json(
                        "{\"type\": \"add-site\", \"code\": \"S"
                            + i
                            + "\", \"name\": \"Site "
                            + i
                            + "\", \"pcn\": \"U1\", \"listSize\": "
                            + i
                            + ", \"easting\": "
                            + (400_000 + i * 10.5)
                            + ", \"northing\": "
                            + (200_000 + i * 3.25)
                            + "}"),
                    "c"));
        case 3 ->
            out.add(
                ChangeJson.parse(
                    json(
                        "{\"type\": \"add-site\", \"code\": \"L"
                            + i
                            + "\", \"name\": \"Site "
                            + i
                            + "\", \"pcn\": \"U2\", \"listSize\": 10, \"lon\": "
                            + (-2 + i * 0.001)
                            + ", \"lat\": "
                            + (52 + i * 0.0007)
                            + "}"),
                    "c"));
        default -> out.add(new Change.MergePcns(List.of("A" + i, "B" + i), "C" + i, "Merged " + i));
      }
    }
    return out;
  }

  static List<Change> changes(String json) {
    return ChangeJson.parseList(json(json), "changes");
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  // --- create and get --------------------------------------------------------------------------

  @Test
  void createStartsAtVersionOneWithANewIdAndTheTimeInMilliseconds() {
    ScenarioStore store = store();
    Instant before = Instant.ofEpochMilli(System.currentTimeMillis());
    Scenario a = store.create("Merge the city PCNs", "first try", everyType());
    Scenario b = store.create("Another", null, List.of());
    Instant after = Instant.ofEpochMilli(System.currentTimeMillis());

    assertThat(a.version()).isEqualTo(1);
    assertThat(a.id()).matches("[a-z2-7]{10}");
    assertThat(b.id()).matches("[a-z2-7]{10}").isNotEqualTo(a.id());
    assertThat(a.created()).isBetween(before, after).isEqualTo(a.updated());
    assertThat(a.created().getNano() % 1_000_000).isZero();
    assertThat(a.changes()).isEqualTo(everyType());
    assertThat(b.description()).isEmpty();
  }

  @Test
  void getReturnsTheScenarioWithEveryChangeTypeEqual() {
    ScenarioStore store = store();
    Scenario created = store.create("Every type", "one of each", everyType());

    Scenario read = store.get(created.id()).orElseThrow();

    assertThat(read).isEqualTo(created);
    assertThat(read.changes()).hasSize(6).isEqualTo(everyType());
    Change.AddSite lonLat = (Change.AddSite) read.changes().get(2);
    assertThat(lonLat.lon()).isEqualTo(-1.2577);
    assertThat(lonLat.easting()).isNull();
    Change.AddSite en = (Change.AddSite) read.changes().get(3);
    assertThat(en.easting()).isEqualTo(451234.5);
    assertThat(en.lon()).isNull();
    assertThat(en.location().getX()).isEqualTo(451234.5);
  }

  @Test
  void getOfAnUnknownIdIsEmpty() {
    ScenarioStore store = store();
    store.create("One", "", everyType());

    assertThat(store.get("aaaaaaaaaa")).isEmpty();
    assertThat(store.get("")).isEmpty();
  }

  @Test
  void scenarioWithNoChanges() {
    ScenarioStore store = store();
    Scenario s = store.create("Empty", "", List.of());

    assertThat(store.get(s.id()).orElseThrow()).isEqualTo(s);
    assertThat(store.list()).containsExactly(s);
  }

  @Test
  void scenarioWithAThousandChanges() {
    ScenarioStore store = store();
    List<Change> thousand = many(ChangeJson.MAX_CHANGES);
    Scenario s = store.create("Big", "", thousand);

    assertThat(store.get(s.id()).orElseThrow().changes()).isEqualTo(thousand);
    Scenario replaced = store.replaceChanges(s.id(), 1, many(999).subList(1, 999));
    assertThat(store.get(s.id()).orElseThrow()).isEqualTo(replaced);
    assertThat(replaced.changes()).hasSize(998);
  }

  @Test
  void namesWithQuotesAndUnicodeAreKeptAsGiven() {
    ScenarioStore store = store();
    String name = "O'Brien's \"what-if\"; DROP TABLE scenarios; -- \\ ñ";
    String description = "Zweigstelle – 诊所 🏥\nsecond line\ttab, 'quotes' and \"more\"";
    Scenario s = store.create(name, description, List.of());

    Scenario read = store.get(s.id()).orElseThrow();
    assertThat(read.name()).isEqualTo(name);
    assertThat(read.description()).isEqualTo(description);
    assertThat(store.list()).containsExactly(s);
  }

  // --- list ------------------------------------------------------------------------------------

  @Test
  void listIsOldestFirstThenByIdAndForgetsDeletedScenarios() {
    ScenarioStore store = store();
    assertThat(store.list()).isEmpty();
    List<Scenario> made = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      made.add(store.create("Scenario " + i, "", i % 2 == 0 ? everyType() : List.of()));
    }
    made.sort(Comparator.comparing(Scenario::created).thenComparing(Scenario::id));

    assertThat(store.list()).containsExactlyElementsOf(made);

    store.delete(made.get(2).id(), null);
    made.remove(2);
    assertThat(store.list()).containsExactlyElementsOf(made);
  }

  // --- replaceChanges --------------------------------------------------------------------------

  @Test
  void replaceChangesSavesTheNewListAtTheNextVersion() {
    ScenarioStore store = store();
    Scenario s = store.create("Edit me", "d", everyType());
    List<Change> edited = everyType().subList(2, 5);

    Scenario v2 = store.replaceChanges(s.id(), 1, edited);

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.changes()).isEqualTo(edited);
    assertThat(v2.name()).isEqualTo("Edit me");
    assertThat(v2.description()).isEqualTo("d");
    assertThat(v2.created()).isEqualTo(s.created());
    assertThat(v2.updated()).isAfterOrEqualTo(s.updated());
    assertThat(store.get(s.id()).orElseThrow()).isEqualTo(v2);
    assertThat(store.replaceChanges(s.id(), 2, List.of()).version()).isEqualTo(3);
    assertThat(store.get(s.id()).orElseThrow().changes()).isEmpty();
  }

  @Test
  void replaceChangesAtAStaleVersionConflictsAndChangesNothing() {
    ScenarioStore store = store();
    Scenario s = store.create("Edit me", "", everyType());
    Scenario v2 = store.replaceChanges(s.id(), 1, many(3));

    assertThatThrownBy(() -> store.replaceChanges(s.id(), 1, List.of()))
        .isInstanceOfSatisfying(
            VersionConflictException.class, e -> assertThat(e.current()).isEqualTo(2))
        .hasMessageContaining(s.id());
    assertThatThrownBy(() -> store.replaceChanges(s.id(), 7, List.of()))
        .isInstanceOfSatisfying(
            VersionConflictException.class, e -> assertThat(e.current()).isEqualTo(2));

    assertThat(store.get(s.id()).orElseThrow()).isEqualTo(v2);
  }

  @Test
  void replaceChangesOfAnUnknownScenarioIsNotFound() {
    ScenarioStore store = store();

    assertThatThrownBy(() -> store.replaceChanges("aaaaaaaaaa", 1, everyType()))
        .isInstanceOf(ScenarioNotFoundException.class)
        .hasMessageContaining("aaaaaaaaaa");
    assertThat(store.list()).isEmpty();
  }

  // --- delete ----------------------------------------------------------------------------------

  @Test
  void deleteWithoutAVersion() {
    ScenarioStore store = store();
    Scenario s = store.create("Delete me", "", everyType());
    Scenario keep = store.create("Keep me", "", everyType());

    store.delete(s.id(), null);

    assertThat(store.get(s.id())).isEmpty();
    assertThat(store.list()).containsExactly(keep);
    assertThatThrownBy(() -> store.delete(s.id(), null))
        .isInstanceOf(ScenarioNotFoundException.class);
  }

  @Test
  void deleteAtTheCurrentVersion() {
    ScenarioStore store = store();
    Scenario s = store.create("Delete me", "", everyType());
    store.replaceChanges(s.id(), 1, many(4));

    store.delete(s.id(), 2L);

    assertThat(store.get(s.id())).isEmpty();
    assertThatThrownBy(() -> store.delete(s.id(), 2L))
        .isInstanceOf(ScenarioNotFoundException.class);
  }

  @Test
  void deleteAtAStaleVersionConflictsAndDeletesNothing() {
    ScenarioStore store = store();
    Scenario s = store.create("Delete me", "", everyType());
    Scenario v2 = store.replaceChanges(s.id(), 1, many(4));

    assertThatThrownBy(() -> store.delete(s.id(), 1L))
        .isInstanceOfSatisfying(
            VersionConflictException.class, e -> assertThat(e.current()).isEqualTo(2));

    assertThat(store.get(s.id()).orElseThrow()).isEqualTo(v2);
  }

  // --- durability and concurrency --------------------------------------------------------------

  @Test
  void reopeningTheStoreKeepsEverything() {
    ScenarioStore store = store();
    Scenario a = store.create("A", "first", everyType());
    Scenario b = store.create("B", "second", many(20));
    Scenario b2 = store.replaceChanges(b.id(), 1, many(7));
    Scenario c = store.create("C", "deleted", List.of());
    store.delete(c.id(), null);
    List<Scenario> before = store.list();
    store.close();

    ScenarioStore again = second();

    assertThat(again.list()).isEqualTo(before);
    assertThat(again.get(a.id()).orElseThrow()).isEqualTo(a);
    assertThat(again.get(b.id()).orElseThrow()).isEqualTo(b2);
    assertThat(again.get(c.id())).isEmpty();
    assertThat(again.replaceChanges(b.id(), 2, List.of()).version()).isEqualTo(3);
  }

  @Test
  void twoThreadsRacingToReplaceOneVersionOneWinsTheOtherConflicts() throws Exception {
    ScenarioStore store = store();
    race(store, store);
  }

  @Test
  void twoStoresRacingToReplaceOneVersionOneWinsTheOtherConflicts() throws Exception {
    ScenarioStore store = store();
    ScenarioStore other = second();
    race(store, other);
  }

  /** Ten rounds: both writers replace version 1 of a new scenario at the same moment. */
  private static void race(ScenarioStore one, ScenarioStore two) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        Scenario s = one.create("Race " + round, "", everyType());
        List<Change> mine = many(50);
        List<Change> theirs = everyType().subList(0, 2);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Object> a = pool.submit(attempt(start, () -> one.replaceChanges(s.id(), 1, mine)));
        Future<Object> b = pool.submit(attempt(start, () -> two.replaceChanges(s.id(), 1, theirs)));
        List<Object> outcomes = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));

        List<Scenario> won =
            outcomes.stream().filter(Scenario.class::isInstance).map(Scenario.class::cast).toList();
        assertThat(won).as("round %d: %s", round, outcomes).hasSize(1);
        assertThat(outcomes)
            .filteredOn(VersionConflictException.class::isInstance)
            .singleElement()
            .satisfies(e -> assertThat(((VersionConflictException) e).current()).isEqualTo(2));
        assertThat(one.get(s.id()).orElseThrow()).isEqualTo(won.get(0));
        assertThat(two.get(s.id()).orElseThrow()).isEqualTo(won.get(0));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Object> attempt(CyclicBarrier start, Callable<Scenario> write) {
    return () -> {
      start.await(30, TimeUnit.SECONDS);
      try {
        return write.call();
      } catch (VersionConflictException e) {
        return e;
      }
    };
  }

  @Test
  void aWriteThatFailsHalfwayLeavesNothingBehind() throws Exception {
    ScenarioStore store = store();
    Scenario kept = store.create("Kept", "", everyType());
    failChangeInsertsAt(500);

    assertThatThrownBy(() -> store.create("Half", "", many(1000)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("create a scenario")
        .hasMessageContaining("injected failure");
    assertThat(store.list()).containsExactly(kept);

    assertThatThrownBy(() -> store.replaceChanges(kept.id(), 1, many(1000)))
        .isInstanceOf(StoreException.class);
    assertThat(store.get(kept.id()).orElseThrow()).isEqualTo(kept);

    // the store is still usable, and the trigger fails only the position it names
    Scenario v2 = store.replaceChanges(kept.id(), 1, many(400));
    assertThat(v2.version()).isEqualTo(2);
    assertThat(store.list()).containsExactly(v2);
  }

  @Test
  void describeNamesTheStore() {
    assertThat(store().describe()).isNotBlank();
  }

  @Test
  void aClosedStoreRefusesWork() {
    ScenarioStore store = store();
    store.close();

    assertThatThrownBy(store::list).isInstanceOf(IllegalStateException.class);
    store.close(); // twice is fine
  }
}
