package org.pcnatlas.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.Registration;

/**
 * Test-side edits of a baseline's inputs: the practice list, PCNs, registrations and network-area
 * groups as the scenario changes leave them, turned into one method's changed {@link
 * AnalysisInputs} with the PCN list rebuilt as the loader builds it (members sorted, registered
 * list = sum of the known list sizes, name = the first member's PCN name).
 */
final class ScenarioEdits {
  private final AnalysisInputs base;
  private final List<Registration> baseRegistrations;
  private final Map<String, Geometry> lsoas;
  private final Map<String, Practice> practices = new LinkedHashMap<>();
  private List<Registration> registrations;
  private final Map<String, String> groups = new LinkedHashMap<>();
  private boolean regrouped;

  /**
   * @param registrations the registrations the baseline's registration method was built from (null
   *     when it has none)
   * @param lsoas the LSOA polygons it was built from
   */
  ScenarioEdits(
      AnalysisInputs base, List<Registration> registrations, Map<String, Geometry> lsoas) {
    this.base = base;
    this.baseRegistrations = registrations;
    this.registrations = registrations;
    this.lsoas = lsoas;
    base.practices().forEach(p -> practices.put(p.code(), p));
    base.districts().areas().forEach(a -> groups.put(a.code(), a.group()));
  }

  /** The names of the baseline's methods. */
  List<String> methods() {
    return base.methods().stream().map(CatchmentMethod::name).toList();
  }

  List<Practice> practices() {
    return new ArrayList<>(practices.values());
  }

  Map<String, String> groups() {
    return groups;
  }

  /** The PCN codes now, sorted. */
  List<String> pcnCodes() {
    return practices.values().stream().map(Practice::pcnCode).distinct().sorted().toList();
  }

  private String pcnName(String pcn) {
    return practices.values().stream()
        .filter(p -> p.pcnCode().equals(pcn))
        .map(Practice::pcnName)
        .findFirst()
        .orElse(pcn + " PCN");
  }

  ScenarioEdits move(String practice, String toPcn) {
    Practice p = practices.get(practice);
    practices.put(practice, with(p, toPcn, pcnName(toPcn), p.listSize()));
    return this;
  }

  ScenarioEdits merge(List<String> pcns, String into, String name) {
    practices.replaceAll(
        (code, p) -> pcns.contains(p.pcnCode()) ? with(p, into, name, p.listSize()) : p);
    return this;
  }

  ScenarioEdits add(String code, String pcn, long listSize, Point location) {
    practices.put(
        code, new Practice(code, "Practice " + code, pcn, pcnName(pcn), listSize, location, true));
    return this;
  }

  /**
   * Closes the practice: its list goes to the nearest remaining practice, and so do its registered
   * patients.
   */
  ScenarioEdits close(String practice) {
    Practice closed = practices.remove(practice);
    Practice heir =
        practices.values().stream()
            .min(
                Comparator.comparingDouble((Practice p) -> p.location().distance(closed.location()))
                    .thenComparing(Practice::code))
            .orElseThrow();
    long list =
        (heir.listSize() == null ? 0 : heir.listSize())
            + (closed.listSize() == null ? 0 : closed.listSize());
    practices.put(heir.code(), with(heir, heir.pcnCode(), heir.pcnName(), list));
    if (registrations != null) {
      registrations =
          registrations.stream()
              .map(
                  r ->
                      r.practiceCode().equals(practice)
                          ? new Registration(heir.code(), r.lsoaCode(), r.patients())
                          : r)
              .toList();
    }
    return this;
  }

  ScenarioEdits regroup(String district, String group) {
    groups.put(district, group);
    regrouped = true;
    return this;
  }

  private static Practice with(Practice p, String pcn, String pcnName, Long listSize) {
    return new Practice(
        p.code(), p.name(), pcn, pcnName, listSize, p.location(), p.insideStudyArea());
  }

  /** The changed inputs for the baseline's method of this name. */
  AnalysisInputs inputs(String method) {
    CatchmentMethod m =
        base.methods().stream().filter(x -> x.name().equals(method)).findFirst().orElseThrow();
    if (m instanceof RegistrationCatchments r && registrations != baseRegistrations) {
      m = new RegistrationCatchments(registrations, lsoas, r.rule());
    }
    List<Practice> list = practices();
    List<Pcn> pcns = org.pcnatlas.load.PracticeLoader.pcns(list);
    AreaLayer districts = base.districts();
    if (regrouped) {
      districts =
          new AreaLayer(
              districts.name(),
              districts.areas().stream()
                  .map(a -> new Area(a.code(), a.name(), a.geometry(), groups.get(a.code())))
                  .toList());
    }
    return base.withConfiguration(list, pcns, districts, List.of(m));
  }
}
