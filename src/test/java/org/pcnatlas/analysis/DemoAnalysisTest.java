package org.pcnatlas.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.catchment.RegistrationCatchments.Rule;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.load.AreaLoader;
import org.pcnatlas.load.CsvPreset;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.PopulationLoader;
import org.pcnatlas.load.PracticeLoader;
import org.pcnatlas.load.Readers;
import org.pcnatlas.load.RegistrationLoader;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.SizeBands;

/** The engine end to end on the committed demo files: loaders, two methods, every invariant. */
class DemoAnalysisTest {
  static final Path DEMO = Path.of("geodata/demo");
  static AnalysisResult result;
  static long inputPopulation;

  @BeforeAll
  static void analyse() {
    ReadOptions options = ReadOptions.defaults();
    LoadReport report = new LoadReport();
    PracticeLoader.Result practices =
        PracticeLoader.load(
            Readers.read(DEMO.resolve("practices.csv"), options),
            PracticeLoader.Columns.of(CsvPreset.PCN_ATLAS_PRACTICES),
            null,
            null,
            null);
    Geometry region =
        Readers.read(DEMO.resolve("study_area.geojson"), options)
            .layer()
            .features()
            .get(0)
            .geometry();
    AreaLayer districts =
        AreaLoader.read(
            Readers.read(DEMO.resolve("districts.geojson"), options),
            Analysis.DISTRICTS,
            new AreaLoader.Columns("district_code", "district_name", "network_area"),
            report);
    List<PopulationUnit> population =
        PopulationLoader.fromPoints(
            Readers.read(DEMO.resolve("lsoa_centroids.csv"), options),
            "lsoa_code",
            "lsoa_name",
            "population",
            report);
    inputPopulation = population.stream().mapToLong(PopulationUnit::population).sum();
    Map<String, Geometry> lsoas =
        Readers.read(DEMO.resolve("lsoas.geojson"), options).layer().features().stream()
            .collect(Collectors.toMap(f -> f.text("lsoa_code"), Feature::geometry));
    RegistrationCatchments registration =
        new RegistrationCatchments(
            RegistrationLoader.read(DEMO.resolve("registrations.csv"), report),
            lsoas,
            Rule.largestShare());
    assertThat(report.isEmpty()).as(report.summary(5)).isTrue();
    result =
        Analysis.run(
            new AnalysisInputs(
                practices.practices(),
                practices.pcns(),
                region,
                districts,
                List.of(),
                population,
                PopulationAllocation.Mode.POINTS,
                List.of(new VoronoiCatchments(), registration),
                SizeBands.NHS,
                report));
  }

  @Test
  void bothMethodsDrawACoverageOfTheStudyArea() {
    double regionArea = result.inputs().region().getArea();
    for (AnalysisResult.MethodResult m : result.methods()) {
      List<Catchment> pcns = m.catchments().pcns();
      Geometry[] geoms =
          pcns.stream().map(Catchment::geometry).filter(g -> !g.isEmpty()).toArray(Geometry[]::new);
      assertThat(CoverageValidator.validate(geoms)).as(m.catchments().method()).containsOnlyNulls();
      double sum = pcns.stream().mapToDouble(c -> c.geometry().getArea()).sum();
      assertThat(sum / regionArea).as(m.catchments().method()).isCloseTo(1.0, within(1e-9));
      assertThat(m.coverage().gaps()).isEmpty();
      assertThat(m.coverage().overlaps()).isEmpty();
    }
  }

  @Test
  void everyResidentIsInExactlyOneCatchment() {
    for (AnalysisResult.MethodResult m : result.methods()) {
      assertThat(m.population().input()).isEqualTo(inputPopulation);
      assertThat(m.population().outside()).isEmpty();
      assertThat(m.population().inSeveral()).isEmpty();
      double perPcn =
          m.population().byPcn().values().stream().mapToDouble(Double::doubleValue).sum();
      assertThat(perPcn).isEqualTo((double) inputPopulation);
    }
  }

  @Test
  void alignmentSharesPerPcnSumToOne() {
    for (AnalysisResult.MethodResult m : result.methods()) {
      for (String layer : List.of(Analysis.DISTRICTS, Analysis.NETWORK_AREAS)) {
        Map<String, Double> areaShare =
            m.pairs().get(layer).stream()
                .collect(
                    Collectors.groupingBy(
                        p -> p.pair().pcnCode(),
                        Collectors.summingDouble(p -> p.pair().shareOfPcnArea())));
        assertThat(areaShare.values()).allSatisfy(s -> assertThat(s).isCloseTo(1.0, within(1e-9)));
        for (PcnFigures f : m.pcns()) {
          double pop =
              m.pairs().get(layer).stream()
                  .filter(p -> p.pair().pcnCode().equals(f.pcnCode()))
                  .mapToDouble(Figures.PopulatedPair::population)
                  .sum();
          assertThat(pop).isCloseTo(f.residentPopulation(), within(1e-6));
        }
      }
    }
  }

  @Test
  void figuresAreFilledForEveryPcn() {
    AnalysisResult.MethodResult voronoi = result.methods().get(0);
    assertThat(voronoi.pcns()).hasSize(21); // 20 PCNs and the unallocated U
    assertThat(voronoi.pcns()).allSatisfy(f -> assertThat(f.residentPopulation()).isPositive());
    assertThat(voronoi.pcns())
        .allSatisfy(f -> assertThat(f.dominantDistrictCode()).startsWith("E07999"));
    assertThat(voronoi.pcns())
        .extracting(PcnFigures::sizeBand)
        .contains("under-30k", "30k-50k", "over-50k");
    // the City's PCNs lie in the City district and network area
    PcnFigures central =
        voronoi.pcns().stream().filter(f -> f.pcnCode().equals("U90001")).findFirst().orElseThrow();
    assertThat(central.dominantDistrictName()).isEqualTo("Kingsford City");
    assertThat(central.networkArea()).isEqualTo("City");
    assertThat(result.layers())
        .extracting(AreaLayer::name)
        .containsExactly("districts", "network-areas");
    assertThat(result.layers().get(1).areas())
        .extracting(Area::code)
        .containsExactly("City", "North", "South");
  }
}
