package org.pcnatlas.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The change JSON: every type round-trips, and one case per shape rule, each naming its field. */
class ChangeJsonTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode node(String json) {
    try {
      return JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyTypeRoundTrips() {
    String json =
        "[{'type':'move-practice','practice':'Z00004','toPcn':'U90001'},"
            + "{'type':'merge-pcns','pcns':['U90003','U90004'],'into':{'code':'U99999','name':'SW'}},"
            + "{'type':'add-site','code':'Z9','name':'New','pcn':'U90002','listSize':8000,"
            + "'easting':455000.5,'northing':221500.0},"
            + "{'type':'add-site','code':'Z8','name':'New','pcn':'U90002','listSize':0,"
            + "'lon':-1.25,'lat':51.75},"
            + "{'type':'close-practice','practice':'Z00002'},"
            + "{'type':'regroup-network-areas','districts':{'E2':'North','E1':'City'}},"
            + "{'type':'split-pcn','pcn':'U90001','practices':['Z00004','Z00001'],"
            + "'into':{'code':'U99998','name':'East'}}]";
    List<Change> changes = ChangeJson.parseList(node(json), "changes");
    assertThat(changes).hasSize(7);
    assertThat(changes.get(6))
        .isEqualTo(new Change.SplitPcn("U90001", List.of("Z00004", "Z00001"), "U99998", "East"));
    assertThat(changes.get(0)).isEqualTo(new Change.MovePractice("Z00004", "U90001"));
    assertThat(changes.get(1))
        .isEqualTo(new Change.MergePcns(List.of("U90003", "U90004"), "U99999", "SW"));
    Change.AddSite en = (Change.AddSite) changes.get(2);
    assertThat(en.location().getX()).isEqualTo(455000.5);
    assertThat(en.location().getY()).isEqualTo(221500.0);
    Change.AddSite ll = (Change.AddSite) changes.get(3);
    // lon/lat are reprojected to EPSG:27700: (-1.25, 51.75) is near Oxford
    assertThat(ll.location().getX()).isBetween(450_000.0, 455_000.0);
    assertThat(ll.location().getY()).isBetween(205_000.0, 210_000.0);
    assertThat(((Change.RegroupNetworkAreas) changes.get(5)).districts())
        .containsExactly(Map.entry("E1", "City"), Map.entry("E2", "North"));
    List<Change> again = ChangeJson.parseList(ChangeJson.toJson(changes), "changes");
    assertThat(again).isEqualTo(changes);
    assertThat(ChangeJson.toJson(again).toString())
        .isEqualTo(ChangeJson.toJson(changes).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "not an object | 'x' | changes[0]",
        "no type | {'practice':'A'} | changes[0].type",
        "type not a string | {'type':3} | changes[0].type",
        "unknown type | {'type':'demolish'} | changes[0].type",
        "unknown field | {'type':'close-practice','practice':'A','why':'x'} | changes[0].why",
        "practice missing | {'type':'close-practice'} | changes[0].practice",
        "practice not a code | {'type':'close-practice','practice':'a b'} | changes[0].practice",
        "practice not a string | {'type':'close-practice','practice':12} | changes[0].practice",
        "toPcn missing | {'type':'move-practice','practice':'A'} | changes[0].toPcn",
        "merge one PCN | {'type':'merge-pcns','pcns':['A'],'into':{'code':'X','name':'Y'}} |"
            + " changes[0].pcns",
        "merge repeats | {'type':'merge-pcns','pcns':['A','A'],'into':{'code':'X','name':'Y'}} |"
            + " changes[0].pcns[1]",
        "merge no into | {'type':'merge-pcns','pcns':['A','B']} | changes[0].into",
        "merge into blank name | {'type':'merge-pcns','pcns':['A','B'],'into':{'code':'X','name':'"
            + " '}} | changes[0].into.name",
        "merge into extra | {'type':'merge-pcns','pcns':['A','B'],'into':{'code':'X','name':'Y',"
            + "'z':1}} | changes[0].into.z",
        "list size text | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':'9',"
            + "'lon':0,'lat':51} | changes[0].listSize",
        "list size fraction | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':9.5,"
            + "'lon':0,'lat':51} | changes[0].listSize",
        "list size negative | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':-1,"
            + "'lon':0,'lat':51} | changes[0].listSize",
        "no site | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':1} |"
            + " changes[0].lon",
        "both sites | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':1,'lon':0,"
            + "'lat':51,'easting':1,'northing':2} | changes[0].lon",
        "lat missing | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':1,'lon':0} |"
            + " changes[0].lat",
        "lon out of range | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':1,"
            + "'lon':200,'lat':51} | changes[0].lon",
        "northing text | {'type':'add-site','code':'A','name':'N','pcn':'P','listSize':1,"
            + "'easting':1,'northing':'2'} | changes[0].northing",
        "name missing | {'type':'add-site','code':'A','pcn':'P','listSize':1,'lon':0,'lat':51} |"
            + " changes[0].name",
        "split no practices | {'type':'split-pcn','pcn':'A','practices':[],'into':{'code':'X',"
            + "'name':'Y'}} | changes[0].practices",
        "split repeats | {'type':'split-pcn','pcn':'A','practices':['P','P'],'into':{'code':'X',"
            + "'name':'Y'}} | changes[0].practices[1]",
        "split bad code | {'type':'split-pcn','pcn':'A','practices':['a b'],'into':{'code':'X',"
            + "'name':'Y'}} | changes[0].practices[0]",
        "split no pcn | {'type':'split-pcn','practices':['P'],'into':{'code':'X','name':'Y'}} |"
            + " changes[0].pcn",
        "split no into | {'type':'split-pcn','pcn':'A','practices':['P']} | changes[0].into",
        "regroup empty | {'type':'regroup-network-areas','districts':{}} | changes[0].districts",
        "regroup bad code | {'type':'regroup-network-areas','districts':{'a b':'N'}} |"
            + " changes[0].districts.a b",
        "regroup blank area | {'type':'regroup-network-areas','districts':{'E1':''}} |"
            + " changes[0].districts.E1",
      })
  void eachShapeRuleNamesItsField(String rule, String change, String field) {
    JsonNode list = node("[" + change + "]");
    assertThatThrownBy(() -> ChangeJson.parseList(list, "changes"))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.field()).as(rule).isEqualTo(field);
              assertThat(e.code()).isEqualTo("InvalidChange");
              assertThat(e.getMessage()).contains(field);
            });
  }

  @Test
  void theListMustBeAnArrayOfAtMostTheLimit() {
    assertThatThrownBy(() -> ChangeJson.parseList(node("{'type':'x'}"), "changes"))
        .isInstanceOfSatisfying(
            ScenarioException.class, e -> assertThat(e.field()).isEqualTo("changes"));
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i <= ChangeJson.MAX_CHANGES; i++) {
      many.append(i > 0 ? "," : "").append("{'type':'close-practice','practice':'A'}");
    }
    assertThatThrownBy(() -> ChangeJson.parseList(node(many + "]"), "changes"))
        .isInstanceOfSatisfying(
            ScenarioException.class, e -> assertThat(e.getMessage()).contains("at most 1000"));
    assertThat(ChangeJson.parseList(null, "changes")).isEmpty();
  }
}
